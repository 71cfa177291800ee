import { Field, ID, Int, ObjectType } from "type-graphql";
import { connectionType } from "../../loading/keyset-pagination.js";

@ObjectType({ description: "Payment terms of a client: how often it is invoiced and how long it has to pay." })
export class PaymentTerm {
  @Field(() => ID, { description: "Unique identifier." })
  id: number;

  @Field(() => String, { description: "Name, unique (1 to 128 characters)." })
  name: string;

  @Field(() => Int, { description: "Days between invoices (1 to 366)." })
  periodDays: number;

  @Field(() => Int, { description: "Days after the invoice date until payment is due (0 to 366)." })
  gracePeriodDays: number;

  @Field(() => Date, { description: "When it was created." })
  createdAt: Date;

  @Field(() => Date, { description: "When it was last changed." })
  updatedAt: Date;
}

export const PaymentTermConnection = connectionType(PaymentTerm, "PaymentTerm", "payment terms");
