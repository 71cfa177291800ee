import { Field, ID, Int, ObjectType } from "type-graphql";
import { connectionType } from "../../loading/keyset-pagination.js";
import { DecimalScalar } from "../../scalars.js";

@ObjectType({ description: "Origination defaults a client template gives new clients." })
export class ClientTemplateOrigination {
  @Field(() => DecimalScalar, { description: "Credit limit for prepaid clients, -999999999 to 999999999." })
  creditLimit: string;

  @Field(() => Int, { nullable: true, description: "Concurrent origination channels; null = unlimited." })
  capacity: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: "Balance below which the capacity is cut to lowBalanceCapacity." })
  lowBalanceThreshold: string | null;

  @Field(() => Int, { nullable: true, description: "Channels allowed once the balance is below lowBalanceThreshold (0 to 65535)." })
  lowBalanceCapacity: number | null;

  templateId: number;
  routingPlanId: number | null;
  lowBalanceProfileId: number | null;
}

@ObjectType({ description: "A client template (JeraSoft): defaults applied to clients created from it, owned by a partition." })
export class ClientTemplate {
  @Field(() => ID, { description: "Unique identifier." })
  id: number;

  @Field(() => String, { description: "Name, unique within its partition (1 to 255 characters)." })
  name: string;

  @Field(() => [String], { description: "Tags given to new clients." })
  tags: string[];

  @Field(() => Date, { description: "When it was created." })
  createdAt: Date;

  @Field(() => Date, { description: "When it was last changed." })
  updatedAt: Date;

  partitionId: number;
  creditLimit: string;
  capacity: number | null;
  lowBalanceThreshold: string | null;
  lowBalanceCapacity: number | null;
  routingPlanId: number | null;
  lowBalanceProfileId: number | null;
}

export const ClientTemplateConnection = connectionType(ClientTemplate, "ClientTemplate", "client templates");
