import { ArgsType, Field, ID, InputType } from "type-graphql";
import { NameOrder } from "../../lists.js";
import { ConnectionArgs } from "../../pagination.js";
import { DecimalScalar } from "../../scalars.js";
import { ClientStatus } from "./client.type.js";

@InputType({ description: "Changes to a client: omitted fields stay, an explicit null clears a nullable field." })
export class ClientUpdateInput {
  @Field(() => String, { nullable: true, description: "Name, unique within the partition (1 to 255 characters)." })
  name?: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: "Credit limit, -999999999.999999 to 999999999.999999 (at most 6 decimals). Default 0.",
  })
  creditLimit?: string | null;

  @Field(() => ClientStatus, { nullable: true, description: "Status; ARCHIVED soft-deletes the client. Default ACTIVE." })
  status?: ClientStatus | null;

  @Field(() => [String], { nullable: true, description: "Labels (each 1 to 64 characters), replacing the current ones. Default none." })
  tags?: string[] | null;

  @Field(() => ID, { nullable: true, description: "Default routing plan of the client's accounts; null for none." })
  routingPlanId?: string | null;

  @Field(() => ID, { nullable: true, description: "Payment terms; null for none." })
  paymentTermId?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description: "Origination rate tables of the client's partition, in order, for accounts that set none; replaces the list.",
  })
  originationRateTableIds?: string[] | null;

  @Field(() => [ID], {
    nullable: true,
    description: "Termination rate tables of the client's partition, in order, for accounts that set none; replaces the list.",
  })
  terminationRateTableIds?: string[] | null;
}

@InputType({ description: "A new client." })
export class ClientCreateInput extends ClientUpdateInput {
  @Field(() => ID, { description: "Partition (reseller) that owns the client; cannot change later." })
  partitionId: string;

  @Field(() => ID, { description: "Currency of the client's balance and credit limit; cannot change later." })
  currencyId: string;

  @Field(() => String, { description: "Name, unique within the partition (1 to 255 characters)." })
  declare name: string;
}

@InputType({ description: "Narrows a client list; all given conditions must hold." })
export class ClientFilter {
  @Field(() => ID, { nullable: true, description: "Only clients of this partition." })
  partitionId?: string | null;

  @Field(() => ClientStatus, { nullable: true, description: "Only clients with this status." })
  status?: ClientStatus | null;

  @Field(() => String, { nullable: true, description: "Only clients whose name contains this text (case-insensitive)." })
  nameContains?: string | null;
}

@ArgsType()
export class ClientsArgs extends ConnectionArgs {
  @Field(() => ClientFilter, { nullable: true, description: "Conditions the clients must meet." })
  filter?: ClientFilter | null;

  @Field(() => NameOrder, { nullable: true, description: "Sort order. Default by NAME ascending." })
  orderBy?: NameOrder | null;
}
