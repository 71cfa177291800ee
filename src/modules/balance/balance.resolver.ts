import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import { Permission } from "../../auth.js";
import type { Context } from "../../context.js";
import { pageComplexity } from "../../limits.js";
import { payloadType } from "../../payload.js";
import { readQueries } from "../../read-queries.js";
import { DecimalScalar } from "../../scalars.js";
import { Account } from "../account/account.type.js";
import { Client } from "../client/client.type.js";
import { AccountBalanceTransactionsArgs, BalanceCorrectionCreateInput, BalanceTransactionsArgs, PaymentCreateInput } from "./balance.inputs.js";
import { createCorrection, createPayment, listBalanceTransactions, transactionsOfAccount } from "./balance.service.js";
import { BalanceTransaction, BalanceTransactionConnection } from "./balance.type.js";

const PaymentCreatePayload = payloadType(BalanceTransaction, "PaymentCreatePayload", "balanceTransaction");
const BalanceCorrectionCreatePayload = payloadType(BalanceTransaction, "BalanceCorrectionCreatePayload", "balanceTransaction");

@Resolver(() => BalanceTransaction)
export class BalanceTransactionResolver extends readQueries({
  type: BalanceTransaction,
  connection: BalanceTransactionConnection,
  args: BalanceTransactionsArgs,
  single: "balanceTransaction",
  plural: "balanceTransactions",
  noun: "balance transactions",
  listDescription: "Payments and corrections of the accounts this key may see, newest first; keyset-paginated.",
  load: (ctx, id) => ctx.loaders.balanceTransactionById.load(id),
  list: (ctx, args) => listBalanceTransactions(ctx.db, args),
}) {
  @Authorized(Permission.WRITE)
  @Mutation(() => PaymentCreatePayload, {
    description: "Records money received for an account and raises its balance by the amount, in one transaction. Idempotent with idempotencyKey.",
  })
  paymentCreate(@Arg("input", () => PaymentCreateInput, { description: "What was received." }) input: PaymentCreateInput, @Ctx() ctx: Context) {
    return createPayment(ctx, input);
  }

  @Authorized(Permission.WRITE)
  @Mutation(() => BalanceCorrectionCreatePayload, {
    description: "Corrects an account's balance by a positive or negative amount, with a reason, in one transaction. Idempotent with idempotencyKey.",
  })
  balanceCorrectionCreate(
    @Arg("input", () => BalanceCorrectionCreateInput, { description: "The correction." }) input: BalanceCorrectionCreateInput,
    @Ctx() ctx: Context,
  ) {
    return createCorrection(ctx, input);
  }

  @FieldResolver(() => Account, { description: "The account whose balance moved." })
  account(@Root() transaction: BalanceTransaction, @Ctx() ctx: Context) {
    return ctx.loaders.accountById.now(transaction.accountId);
  }
}

/** Balance history on the account it belongs to. */
@Resolver(() => Account)
export class AccountBalanceResolver {
  @FieldResolver(() => BalanceTransactionConnection, {
    complexity: pageComplexity,
    description: "The account's payments and corrections, newest first; keyset-paginated.",
  })
  balanceTransactions(@Root() account: Account, @Args(() => AccountBalanceTransactionsArgs) args: AccountBalanceTransactionsArgs, @Ctx() ctx: Context) {
    return transactionsOfAccount(ctx.db, ctx.loaders.pages, account.id, args);
  }
}

/** A client's balance is its accounts' balances together. */
@Resolver(() => Client)
export class ClientBalanceResolver {
  @FieldResolver(() => DecimalScalar, {
    description: "The sum of the balances of the client's accounts, in the client's currency; 0 without accounts. See creditLimit.",
  })
  balance(@Root() client: Client, @Ctx() ctx: Context) {
    return ctx.loaders.balanceOfClient.load(client.id);
  }
}
