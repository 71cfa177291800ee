import { createHash } from "node:crypto";
import { and, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { inIdArray } from "../../db/id-array.js";
import { accounts, balanceTransactions, clients, idempotencyKeys, notificationOutbox, type BalanceTransactionRow } from "../../db/schema.js";
import { canonicalDecimal, ExactDecimal, MONEY_BOUNDS, MONEY_LIMIT, MONEY_SCALE } from "../../decimal.js";
import { UserErrorCode, UserErrorList } from "../../errors.js";
import { idEquals } from "../../ids.js";
import { rowsByIds } from "../../loading/rows.js";
import { tablePage } from "../../loading/table-pages.js";
import type { LoaderCache } from "../../loading/child-pages.js";
import { audit, transact, type Writer } from "../../mutation.js";
import type { KeysetOrder } from "../../loading/keyset-pagination.js";
import type { MutationResult } from "../../payload.js";
import { visibleIn } from "../../scope.js";
import { decimalField, optionalText, parse, requiredText } from "../../validation.js";
import type {
  AccountBalanceTransactionFilter,
  AccountBalanceTransactionsArgs,
  BalanceCorrectionCreateInput,
  BalanceTransactionsArgs,
  PaymentCreateInput,
} from "./balance.inputs.js";
import { thresholdCrossed } from "./thresholds.js";

export const BALANCE_TRANSACTION_SOURCE = { table: balanceTransactions, id: balanceTransactions.id };

/** Newest first; (parent, created_at, id) indexes answer it read backwards. */
const NEWEST_FIRST: KeysetOrder<BalanceTransactionRow> = {
  name: "createdAt",
  direction: "DESC",
  id: balanceTransactions.id,
  key: { column: balanceTransactions.createdAt, pgType: "timestamptz", read: (r) => r.createdAt.toISOString() },
};

function transactionConditions(filter: AccountBalanceTransactionFilter | null | undefined): (SQL | undefined)[] {
  return [
    filter?.kind != null ? eq(balanceTransactions.kind, filter.kind) : undefined,
    filter?.createdFrom != null ? gte(balanceTransactions.createdAt, filter.createdFrom) : undefined,
    filter?.createdTo != null ? lt(balanceTransactions.createdAt, filter.createdTo) : undefined,
  ];
}

export function listBalanceTransactions(db: Db, args: BalanceTransactionsArgs) {
  const f = args.filter;
  const where = and(idEquals(balanceTransactions.accountId, f?.accountId), idEquals(balanceTransactions.clientId, f?.clientId), ...transactionConditions(f));
  return tablePage(db, BALANCE_TRANSACTION_SOURCE, args, NEWEST_FIRST, where);
}

export function transactionsOfAccount(db: Db, pages: LoaderCache, accountId: number, args: AccountBalanceTransactionsArgs) {
  const source = { ...BALANCE_TRANSACTION_SOURCE, parent: balanceTransactions.accountId, where: and(...transactionConditions(args.filter)) };
  return pages.childPage<BalanceTransactionRow>(db, "account.balanceTransactions", source, args, NEWEST_FIRST, accountId);
}

/** The sum of the balances of each client's accounts, in one grouped statement for a page of clients. */
export async function clientBalances(db: Db, clientIds: readonly number[]): Promise<string[]> {
  const rows = await db
    .select({ clientId: accounts.clientId, balance: sql<string>`sum(${accounts.balance})::text` })
    .from(accounts)
    .where(and(inIdArray(accounts.clientId, clientIds), visibleIn(accounts)))
    .groupBy(accounts.clientId);
  const byClient = new Map(rows.map((r) => [r.clientId, r.balance]));
  return clientIds.map((id) => byClient.get(id) ?? "0");
}

/** How long an idempotency key is remembered: a retry within this window replays the first result. */
const KEY_TTL = sql`interval '24 hours'`;
/** Expired keys deleted by each keyed request, so the table stays small without a scheduled job. */
const PURGE_BATCH = 100;
const NOTES_MAX = 1000;
const POSITIVE_MONEY = { min: "0.000001", max: MONEY_LIMIT, scale: MONEY_SCALE };

interface BalanceMove {
  mutation: "paymentCreate" | "balanceCorrectionCreate";
  kind: BalanceTransactionRow["kind"];
  accountId: number | undefined;
  amount: string | undefined;
  notes: string | null | undefined;
  idempotencyKey: string | null | undefined;
}

export function createPayment(w: Writer, input: PaymentCreateInput) {
  const errors = new UserErrorList();
  return moveBalance(w, errors, {
    mutation: "paymentCreate",
    kind: "payment",
    accountId: parse.id("account")(errors, ["input", "accountId"], input.accountId),
    amount: decimalField(errors, ["input", "amount"], input.amount, POSITIVE_MONEY),
    notes: optionalText(errors, ["input", "notes"], input.notes, NOTES_MAX),
    idempotencyKey: checkIdempotencyKey(errors, input.idempotencyKey),
  });
}

export function createCorrection(w: Writer, input: BalanceCorrectionCreateInput) {
  const errors = new UserErrorList();
  let amount = decimalField(errors, ["input", "amount"], input.amount, MONEY_BOUNDS);
  if (amount === "0") {
    errors.add(["input", "amount"], UserErrorCode.OUT_OF_RANGE, "must not be 0");
    amount = undefined;
  }
  return moveBalance(w, errors, {
    mutation: "balanceCorrectionCreate",
    kind: "correction",
    accountId: parse.id("account")(errors, ["input", "accountId"], input.accountId),
    amount,
    notes: requiredText(errors, ["input", "reason"], input.reason, NOTES_MAX),
    idempotencyKey: checkIdempotencyKey(errors, input.idempotencyKey),
  });
}

/** A key is taken exactly as sent (no trimming: "k " and "k" are different keys). */
function checkIdempotencyKey(errors: UserErrorList, key: string | null | undefined): string | null | undefined {
  if (key == null) return null;
  const path = ["input", "idempotencyKey"];
  if (key.trim() === "") errors.add(path, UserErrorCode.INVALID, "must not be empty or blank; omit it for a call without idempotency");
  else if (key.length > 255) errors.add(path, UserErrorCode.TOO_LONG, `must be at most 255 characters (got ${key.length})`);
  else if (/[\u0000-\u001f\u007f]/.test(key)) errors.add(path, UserErrorCode.INVALID, "must not contain control characters");
  else return key;
  return undefined;
}

/** What makes two requests "the same": the mutation and its normalized input, without the key itself. */
function fingerprint(move: BalanceMove): string {
  return createHash("sha256").update(JSON.stringify([move.mutation, move.accountId, move.amount, move.notes ?? null])).digest("hex");
}

/**
 * Appends a transaction and moves the account's balance by its amount, under a lock on the account row,
 * so parallel moves of one account apply one after another and each `balanceAfter` is exact. With an
 * idempotency key, a request already answered is replayed instead (see claimKey).
 */
function moveBalance(w: Writer, errors: UserErrorList, move: BalanceMove): Promise<MutationResult<BalanceTransactionRow>> {
  return transact(w.db, errors, async (tx) => {
    const [account] =
      move.accountId === undefined
        ? []
        : await tx
            .select({
              id: accounts.id,
              clientId: accounts.clientId,
              balance: accounts.balance,
              balanceLowThreshold: accounts.balanceLowThreshold,
              balanceHighThreshold: accounts.balanceHighThreshold,
              partitionId: clients.partitionId,
            })
            .from(accounts)
            .innerJoin(clients, eq(clients.id, accounts.clientId))
            .where(and(eq(accounts.id, move.accountId), visibleIn(accounts)))
            .for("update", { of: accounts });
    if (move.accountId !== undefined && !account) errors.add(["input", "accountId"], UserErrorCode.NOT_FOUND, "no account with this id");
    if (!account || move.amount === undefined || move.idempotencyKey === undefined || !errors.isEmpty) return undefined;

    if (move.idempotencyKey !== null) {
      const earlier = await claimKey(tx, account.partitionId, move.idempotencyKey, fingerprint(move));
      if (earlier === "conflict") {
        errors.add(["input", "idempotencyKey"], UserErrorCode.CONFLICT, "this key was already used with a different input; use a new key for a new request");
        return undefined;
      }
      if (earlier) return earlier;
    }

    const before = new ExactDecimal(account.balance);
    const after = before.plus(move.amount);
    if (after.abs().greaterThan(MONEY_LIMIT)) {
      errors.add(
        ["input", "amount"],
        UserErrorCode.OUT_OF_RANGE,
        `would take the balance from ${canonicalDecimal(before)} to ${canonicalDecimal(after)}, outside ±${MONEY_LIMIT}`,
      );
      return undefined;
    }
    const balanceAfter = canonicalDecimal(after);
    const [row] = await tx
      .insert(balanceTransactions)
      .values({
        accountId: account.id,
        clientId: account.clientId,
        kind: move.kind,
        amount: move.amount,
        balanceAfter,
        notes: move.notes ?? null,
        actor: w.actor,
        // The time the lock was granted, not the transaction's start: an account's history sorts in balance order.
        createdAt: sql`clock_timestamp()`,
      })
      .returning();
    await tx.update(accounts).set({ balance: balanceAfter, updatedAt: sql`now()` }).where(eq(accounts.id, account.id));
    if (move.idempotencyKey !== null) {
      await tx
        .update(idempotencyKeys)
        .set({ balanceTransactionId: row!.id })
        .where(and(eq(idempotencyKeys.partitionId, account.partitionId), eq(idempotencyKeys.key, move.idempotencyKey)));
    }
    const crossed = thresholdCrossed(before, after, account);
    if (crossed) {
      await tx.insert(notificationOutbox).values({
        eventType: crossed.event,
        payload: {
          accountId: account.id,
          clientId: account.clientId,
          partitionId: account.partitionId,
          threshold: canonicalDecimal(crossed.threshold),
          balanceBefore: canonicalDecimal(before),
          balanceAfter,
          balanceTransactionId: row!.id,
        },
      });
    }
    await audit(tx, w.actor, { action: "create", objectType: "BalanceTransaction", objectId: row!.id, partitionId: account.partitionId, after: row });
    return row;
  });
}

/**
 * Claims an idempotency key for this request, or finds the request that claimed it. The insert meets
 * the primary key: while another transaction holds an uncommitted claim on the same key it waits, then
 * does nothing once that one commits (or claims the key if it rolled back). So of many parallel requests
 * with one key exactly one writes, and the others replay its result.
 * Returns undefined when claimed, the first result to replay, or "conflict" for a different input.
 */
async function claimKey(tx: Db, partitionId: number, key: string, print: string): Promise<BalanceTransactionRow | "conflict" | undefined> {
  const thisKey = and(eq(idempotencyKeys.partitionId, partitionId), eq(idempotencyKeys.key, key));
  const expired = lt(idempotencyKeys.createdAt, sql`now() - ${KEY_TTL}`);
  // An expired key is forgotten: a new request with it is new. Others expire in small batches, skipping
  // rows another request is deleting, so purges never wait on each other.
  await tx.delete(idempotencyKeys).where(and(thisKey, expired));
  await tx.execute(sql`delete from ${idempotencyKeys} where (partition_id, key) in (
    select partition_id, key from ${idempotencyKeys} where ${expired} order by created_at limit ${PURGE_BATCH} for update skip locked)`);
  const claimed = await tx.insert(idempotencyKeys).values({ partitionId, key, fingerprint: print }).onConflictDoNothing().returning({ key: idempotencyKeys.key });
  if (claimed.length > 0) return undefined;
  const [earlier] = await tx.select().from(idempotencyKeys).where(thisKey);
  if (earlier?.fingerprint !== print || earlier.balanceTransactionId === null) return "conflict";
  // The transaction is in the key's partition, the account's, so it is visible to this request.
  return (await rowsByIds<BalanceTransactionRow>(tx, BALANCE_TRANSACTION_SOURCE, [earlier.balanceTransactionId]))[0]!;
}
