import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { connectionType } from "../../loading/keyset-pagination.js";
import { DecimalScalar } from "../../scalars.js";

export enum ClientStatus {
  ACTIVE = "active",
  ARCHIVED = "archived",
}

registerEnumType(ClientStatus, {
  name: "ClientStatus",
  description: "Lifecycle of a client.",
  valuesConfig: {
    ACTIVE: { description: "Trading: may originate and terminate traffic." },
    ARCHIVED: { description: "Soft-deleted (JeraSoft archive): kept for history and invoices, not trading." },
  },
});

@ObjectType({
  description:
    "A client: the business party (customer and/or vendor) whose balance, credit limit and invoices the billing keeps.",
})
export class Client {
  @Field(() => ID, { description: "Unique identifier." })
  id: number;

  @Field(() => String, { description: "Name, unique within its partition (1 to 255 characters)." })
  name: string;

  @Field(() => DecimalScalar, {
    description: "Credit limit in the client's currency: how far a prepaid client's balance may go below zero.",
  })
  creditLimit: string;

  @Field(() => ClientStatus, { description: "Whether the client is trading or archived." })
  status: ClientStatus;

  @Field(() => [String], { description: "Free-form labels for grouping and search." })
  tags: string[];

  @Field(() => Int, { name: "originationCapacity", nullable: true, description: "Concurrent origination channels; null = unlimited. Stored for the switch." })
  origCapacity: number | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: "Balance below which the origination capacity is cut to lowBalanceCapacity; null for none. Stored for the switch.",
  })
  lowBalanceThreshold: string | null;

  @Field(() => Int, { nullable: true, description: "Channels allowed once the balance is below lowBalanceThreshold (0 to 65535). Stored for the switch." })
  lowBalanceCapacity: number | null;

  @Field(() => Date, { description: "When the client was created." })
  createdAt: Date;

  @Field(() => Date, { description: "When the client was last changed." })
  updatedAt: Date;

  /** Foreign keys stay internal: the schema exposes `partition` and `currency` objects instead. */
  partitionId: number;
  currencyId: number;
  routingPlanId: number | null;
  paymentTermId: number | null;
  lowBalanceProfileId: number | null;
  clientTemplateId: number | null;
}

export const ClientConnection = connectionType(Client, "Client", "clients");
