import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { connectionType } from "../../loading/keyset-pagination.js";
import { DecimalScalar } from "../../scalars.js";

export enum BalanceTransactionKind {
  PAYMENT = "payment",
  CORRECTION = "correction",
}

registerEnumType(BalanceTransactionKind, {
  name: "BalanceTransactionKind",
  description: "What moved an account's balance.",
  valuesConfig: {
    PAYMENT: { description: "Money received from the client (paymentCreate); always positive." },
    CORRECTION: { description: "An operator's correction (balanceCorrectionCreate); either sign, with a reason." },
  },
});

@ObjectType({ description: "One movement of an account's balance, with the balance it left. Append-only." })
export class BalanceTransaction {
  @Field(() => ID, { description: "Unique identifier." })
  id: number;

  @Field(() => BalanceTransactionKind, { description: "Payment or correction." })
  kind: BalanceTransactionKind;

  @Field(() => DecimalScalar, { description: "How much the balance moved: positive adds, negative takes away." })
  amount: string;

  @Field(() => DecimalScalar, { description: "The account's balance right after this transaction." })
  balanceAfter: string;

  @Field(() => String, { nullable: true, description: "The payment's notes, or the correction's reason." })
  notes: string | null;

  @Field(() => String, { nullable: true, description: "Id of the API key that made it; null when made outside the API." })
  actor: string | null;

  @Field(() => Date, { description: "When it was recorded (after the account was locked, so an account's history is in balance order)." })
  createdAt: Date;

  accountId: number;
  clientId: number;
}

export const BalanceTransactionConnection = connectionType(BalanceTransaction, "BalanceTransaction", "balance transactions");
