import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { NameOrder } from "../../loading/list-args.js";
import { ConnectionArgs } from "../../loading/keyset-pagination.js";
import { DecimalScalar } from "../../scalars.js";
import { ClientStatus } from "./client.type.js";

@InputType({ description: "Changes to a client: omitted fields stay, an explicit null clears a nullable field." })
export class ClientUpdateInput {
  @Field(() => String, { nullable: true, description: "Name, unique within the partition (1 to 255 characters)." })
  name?: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: "Credit limit, -999999999.999999 to 999999999.999999 (at most 6 decimals). Default 0 (or the template's).",
  })
  creditLimit?: string | null;

  @Field(() => ClientStatus, { nullable: true, description: "Status; ARCHIVED soft-deletes the client. Default ACTIVE." })
  status?: ClientStatus | null;

  @Field(() => [String], { nullable: true, description: "Labels (each 1 to 64 characters), replacing the current ones. Default none (or the template's)." })
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

  @Field(() => Int, { nullable: true, description: "Concurrent origination channels, 0 to 2147483647; null = unlimited. Stored for the switch." })
  originationCapacity?: number | null;

  @Field(() => ID, { nullable: true, description: "Low balance profile of the client's partition; null for none. Stored for the switch." })
  lowBalanceProfileId?: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: "Balance below which the capacity is cut to lowBalanceCapacity; null for none. Stored for the switch.",
  })
  lowBalanceThreshold?: string | null;

  @Field(() => Int, { nullable: true, description: "Channels allowed below lowBalanceThreshold, 0 to 65535; null for no cut. Stored for the switch." })
  lowBalanceCapacity?: number | null;
}

@InputType({ description: "A new client." })
export class ClientCreateInput extends ClientUpdateInput {
  @Field(() => ID, { description: "Partition (reseller) that owns the client; cannot change later." })
  partitionId: string;

  @Field(() => ID, { description: "Currency of the client's balance and credit limit; cannot change later." })
  currencyId: string;

  @Field(() => String, { description: "Name, unique within the partition (1 to 255 characters)." })
  declare name: string;

  @Field(() => ID, {
    nullable: true,
    description:
      "Client template of the same partition to fill every field this input omits from: credit limit, tags, origination rate tables, routing plan, origination capacity, low balance profile, threshold and capacity. A field given here, null included, wins.",
  })
  templateId?: string | null;
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
