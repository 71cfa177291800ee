import { ArgsType, Field, ID, InputType } from "type-graphql";
import { ConnectionArgs } from "../../loading/keyset-pagination.js";
import { DecimalScalar } from "../../scalars.js";
import { BalanceTransactionKind } from "./balance.type.js";

const IDEMPOTENCY_KEY =
  "Optional key (1 to 255 characters) making retries safe: the same key with the same input within 24 hours returns the first result " +
  "and writes nothing; with a different input it is CONFLICT. Keys are scoped to the account's partition. Without a key every call is a new transaction.";

@InputType({ description: "Money received for an account." })
export class PaymentCreateInput {
  @Field(() => ID, { description: "The account credited." })
  accountId: string;

  @Field(() => DecimalScalar, { description: "Amount received, greater than 0 (at most 6 decimals)." })
  amount: string;

  @Field(() => String, { nullable: true, description: "Free-form notes, e.g. the bank reference (up to 1000 characters)." })
  notes?: string | null;

  @Field(() => String, { nullable: true, description: IDEMPOTENCY_KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "An operator's correction of an account's balance." })
export class BalanceCorrectionCreateInput {
  @Field(() => ID, { description: "The account corrected." })
  accountId: string;

  @Field(() => DecimalScalar, { description: "Amount added (positive) or taken away (negative); not 0 (at most 6 decimals)." })
  amount: string;

  @Field(() => String, { description: "Why the balance is corrected (1 to 1000 characters)." })
  reason: string;

  @Field(() => String, { nullable: true, description: IDEMPOTENCY_KEY })
  idempotencyKey?: string | null;
}

@InputType({ description: "Narrows an account's balance transactions." })
export class AccountBalanceTransactionFilter {
  @Field(() => BalanceTransactionKind, { nullable: true, description: "Only payments or only corrections." })
  kind?: BalanceTransactionKind | null;

  @Field(() => Date, { nullable: true, description: "Only transactions recorded at or after this moment." })
  createdFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: "Only transactions recorded before this moment." })
  createdTo?: Date | null;
}

@InputType({ description: "Narrows a list of balance transactions." })
export class BalanceTransactionFilter extends AccountBalanceTransactionFilter {
  @Field(() => ID, { nullable: true, description: "Only transactions of this account." })
  accountId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only transactions of this client's accounts." })
  clientId?: string | null;
}

@ArgsType()
export class AccountBalanceTransactionsArgs extends ConnectionArgs {
  @Field(() => AccountBalanceTransactionFilter, { nullable: true, description: "Conditions the transactions must meet." })
  filter?: AccountBalanceTransactionFilter | null;
}

@ArgsType()
export class BalanceTransactionsArgs extends ConnectionArgs {
  @Field(() => BalanceTransactionFilter, { nullable: true, description: "Conditions the transactions must meet." })
  filter?: BalanceTransactionFilter | null;
}
