import { Field, ID, InputType, Int } from "type-graphql";
import { DecimalScalar } from "../../scalars.js";

@InputType({ description: "Changes to a template's origination defaults: omitted fields stay, an explicit null clears a nullable field." })
export class ClientTemplateOriginationUpdateInput {
  @Field(() => DecimalScalar, { nullable: true, description: "Credit limit for prepaid clients, -999999999 to 999999999." })
  creditLimit?: string | null;

  @Field(() => [ID], { nullable: true, description: "Origination rate tables of the template's partition, in order; [] means the accounts' own are used." })
  rateTableIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: "Routing plan; null means the accounts' own are used." })
  routingPlanId?: string | null;

  @Field(() => Int, { nullable: true, description: "Concurrent channels, 0 to 2147483647; null = unlimited." })
  capacity?: number | null;

  @Field(() => ID, { nullable: true, description: "Low balance profile of the template's partition; null for none." })
  lowBalanceProfileId?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: "Balance below which the capacity is cut to lowBalanceCapacity." })
  lowBalanceThreshold?: string | null;

  @Field(() => Int, { nullable: true, description: "Channels allowed below lowBalanceThreshold, 0 to 65535." })
  lowBalanceCapacity?: number | null;
}

@InputType({ description: "Origination defaults of a new client template." })
export class ClientTemplateOriginationInput extends ClientTemplateOriginationUpdateInput {
  @Field(() => DecimalScalar, { description: "Credit limit for prepaid clients, -999999999 to 999999999." })
  declare creditLimit: string;
}

@InputType({ description: "Changes to a client template: omitted fields stay as they are." })
export class ClientTemplateUpdateInput {
  @Field(() => String, { nullable: true, description: "Name, unique within the partition (1 to 255 characters)." })
  name?: string | null;

  @Field(() => [String], { nullable: true, description: "Tags given to new clients (each 1 to 64 characters); replaces the list." })
  tags?: string[] | null;

  @Field(() => ClientTemplateOriginationUpdateInput, { nullable: true, description: "Origination defaults." })
  origination?: ClientTemplateOriginationUpdateInput | null;
}

@InputType({ description: "A new client template." })
export class ClientTemplateCreateInput {
  @Field(() => String, { description: "Name, unique within the partition (1 to 255 characters)." })
  name: string;

  @Field(() => ID, { description: "Partition (reseller) that owns the template." })
  partitionId: string;

  @Field(() => [String], { nullable: true, description: "Tags given to new clients (each 1 to 64 characters). Default none." })
  tags?: string[] | null;

  @Field(() => ClientTemplateOriginationInput, { description: "Origination defaults." })
  origination: ClientTemplateOriginationInput;
}
