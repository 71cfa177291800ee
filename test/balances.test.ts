import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, auditEvents, balanceTransactions, idempotencyKeys, notificationOutbox } from "../src/db/schema.js";
import { createApiKey } from "../src/modules/api-key/api-key.service.js";
import {
  AccountBalanceDocument,
  AccountCreateDocument,
  AccountDeleteDocument,
  AuditOfDocument,
  BalanceCorrectionCreateDocument,
  BalanceTransactionByIdDocument,
  BalanceTransactionsDocument,
  ClientBalancesDocument,
  PaymentCreateDocument,
  type AccountCreateInput,
  type BalanceCorrectionCreateInput,
  type PaymentCreateInput,
} from "./gql/graphql.js";
import { insertWorld, type World } from "./support/fixtures.js";
import { dataOf, startTestGateway, type Requester, type TestGateway } from "./support/gateway.js";

let gw: TestGateway;
let w: World;

beforeAll(async () => {
  gw = await startTestGateway();
  w = await insertWorld(gw.database.db);
});
afterAll(() => gw?.stop());

let seq = 0;
/** A fresh account identified by a name no other account uses. */
async function newAccount(overrides: Partial<AccountCreateInput> = {}, as: Requester = gw): Promise<string> {
  const name = `bal-${++seq}`;
  const result = dataOf(await as.request(AccountCreateDocument, { input: { clientId: w.clientA, name, identification: { authType: "NAME", authName: name }, ...overrides } }));
  expect(result.accountCreate.userErrors).toEqual([]);
  return result.accountCreate.account!.id;
}

const pay = async (input: PaymentCreateInput, as: Requester = gw) => dataOf(await as.request(PaymentCreateDocument, { input })).paymentCreate;
const correct = async (input: BalanceCorrectionCreateInput, as: Requester = gw) =>
  dataOf(await as.request(BalanceCorrectionCreateDocument, { input })).balanceCorrectionCreate;
const balanceOf = async (id: string) => dataOf(await gw.request(AccountBalanceDocument, { id, first: 0 })).account!.balance;

/** Everything a refused balance mutation must leave as it was. */
async function snapshot() {
  const db = gw.database.db;
  return {
    transactions: await db.$count(balanceTransactions),
    keys: await db.$count(idempotencyKeys),
    audit: await db.$count(auditEvents),
    outbox: await db.$count(notificationOutbox),
    balances: await db.select({ id: accounts.id, balance: accounts.balance }).from(accounts).orderBy(accounts.id),
  };
}

describe(`paymentCreate and balanceCorrectionCreate (${process.env.DATABASE_URL ? "Postgres" : "PGlite"})`, () => {
  it("records a payment, moves the balance in the same transaction, and audits it", async () => {
    const id = await newAccount();
    const result = await pay({ accountId: id, amount: "150.25", notes: "  wire 2026-11-24 " });
    expect(result.userErrors).toEqual([]);
    expect(result.balanceTransaction).toMatchObject({
      kind: "PAYMENT",
      amount: "150.25",
      balanceAfter: "150.25",
      notes: "wire 2026-11-24",
      actor: expect.stringMatching(/^\d+$/),
      account: { id, balance: "150.25" },
    });
    const correction = await correct({ accountId: id, amount: "-50.250001", reason: "double-booked fee" });
    expect(correction.balanceTransaction).toMatchObject({ kind: "CORRECTION", amount: "-50.250001", balanceAfter: "99.999999", notes: "double-booked fee" });
    expect(await balanceOf(id)).toBe("99.999999");
    const events = dataOf(await gw.request(AuditOfDocument, { objectType: "BalanceTransaction", objectId: correction.balanceTransaction!.id })).auditEvents;
    expect(events.nodes).toEqual([
      expect.objectContaining({ action: "CREATE", before: null, after: expect.objectContaining({ kind: "correction", amount: "-50.250001", balanceAfter: "99.999999" }) }),
    ]);
    const byId = dataOf(await gw.request(BalanceTransactionByIdDocument, { id: result.balanceTransaction!.id })).balanceTransaction;
    expect(byId).toEqual({ ...result.balanceTransaction, account: { id, balance: "99.999999" } });
  });

  it.each([
    ["a zero payment", "pay", { amount: "0" }, ["input", "amount"], "OUT_OF_RANGE"],
    ["a negative payment", "pay", { amount: "-1" }, ["input", "amount"], "OUT_OF_RANGE"],
    ["a seventh decimal", "pay", { amount: "0.0000001" }, ["input", "amount"], "INVALID"],
    ["a non-numeric amount", "pay", { amount: "1e3" }, ["input", "amount"], "INVALID"],
    ["an amount beyond the money range", "pay", { amount: "1000000000" }, ["input", "amount"], "OUT_OF_RANGE"],
    ["notes over 1000 characters", "pay", { notes: "n".repeat(1001) }, ["input", "notes"], "TOO_LONG"],
    ["an unknown account", "pay", { accountId: "999999" }, ["input", "accountId"], "NOT_FOUND"],
    ["a malformed account id", "pay", { accountId: "1; drop table accounts" }, ["input", "accountId"], "NOT_FOUND"],
    ["a zero correction", "correct", { amount: "-0.000000" }, ["input", "amount"], "OUT_OF_RANGE"],
    ["a correction without a reason", "correct", { reason: "   " }, ["input", "reason"], "REQUIRED"],
    ["a blank idempotency key", "pay", { idempotencyKey: " " }, ["input", "idempotencyKey"], "INVALID"],
    ["an empty idempotency key", "correct", { idempotencyKey: "" }, ["input", "idempotencyKey"], "INVALID"],
    ["an idempotency key over 255 characters", "pay", { idempotencyKey: "k".repeat(256) }, ["input", "idempotencyKey"], "TOO_LONG"],
    ["a control character in the key", "pay", { idempotencyKey: "k\u0000" }, ["input", "idempotencyKey"], "INVALID"],
  ] as const)("refuses %s with a userError and writes nothing", async (_case, mutation, overrides, field, code) => {
    const accountId = await newAccount();
    const before = await snapshot();
    const result =
      mutation === "pay"
        ? await pay({ accountId, amount: "1", ...overrides })
        : await correct({ accountId, amount: "1", reason: "test", ...overrides });
    expect(result.balanceTransaction).toBeNull();
    expect(result.userErrors).toEqual([expect.objectContaining({ field, code })]);
    expect(await snapshot()).toEqual(before);
  });

  it("reports every problem at once", async () => {
    const result = await correct({ accountId: "0", amount: "0", reason: "", idempotencyKey: "" });
    expect(result.userErrors.map((e) => e.field!.join(".")).sort()).toEqual(["input.accountId", "input.amount", "input.idempotencyKey", "input.reason"]);
  });

  it("is exact at the edges of the money range, and writes nothing past them", async () => {
    const id = await newAccount();
    expect((await pay({ accountId: id, amount: "999999999.999999" })).balanceTransaction?.balanceAfter).toBe("999999999.999999");
    const before = await snapshot();
    const over = await pay({ accountId: id, amount: "0.000001" });
    expect(over.userErrors).toEqual([
      { field: ["input", "amount"], code: "OUT_OF_RANGE", message: "would take the balance from 999999999.999999 to 1000000000, outside ±999999999.999999" },
    ]);
    expect(await snapshot()).toEqual(before);
    expect((await correct({ accountId: id, amount: "-1999999999.999998", reason: "too far" })).userErrors[0]).toMatchObject({ code: "OUT_OF_RANGE" });
    expect((await correct({ accountId: id, amount: "-999999999.999999", reason: "to zero" })).balanceTransaction?.balanceAfter).toBe("0");
    expect((await correct({ accountId: id, amount: "-999999999.999999", reason: "to the floor" })).balanceTransaction?.balanceAfter).toBe("-999999999.999999");
    expect((await correct({ accountId: id, amount: "-0.000001", reason: "below" })).userErrors[0]).toMatchObject({ field: ["input", "amount"], code: "OUT_OF_RANGE" });
    expect((await pay({ accountId: id, amount: "0.000001" })).balanceTransaction?.balanceAfter).toBe("-999999999.999998");
    expect(await balanceOf(id)).toBe("-999999999.999998");

    const small = await newAccount();
    await pay({ accountId: small, amount: "0.1" });
    expect((await pay({ accountId: small, amount: "0.2" })).balanceTransaction?.balanceAfter).toBe("0.3");
    expect((await correct({ accountId: small, amount: "-0.300001", reason: "exact" })).balanceTransaction?.balanceAfter).toBe("-0.000001");
  });

  it('applies 100 parallel payments of "0.01" one after another: exactly +1 and 100 transactions', async () => {
    const id = await newAccount();
    await correct({ accountId: id, amount: "-0.5", reason: "start below zero" });
    const results = await Promise.all(Array.from({ length: 100 }, () => pay({ accountId: id, amount: "0.01" })));
    expect(results.flatMap((r) => r.userErrors)).toEqual([]);
    expect(await balanceOf(id)).toBe("0.5");
    const rows = await gw.database.db.select().from(balanceTransactions).where(eq(balanceTransactions.accountId, Number(id)));
    const payments = rows.filter((r) => r.kind === "payment");
    expect(payments).toHaveLength(100);
    // Each payment saw the one before it: the balances after are -0.49, -0.48, ... 0.5, each exactly once.
    const afters = payments.map((r) => Math.round(Number(r.balanceAfter) * 100)).sort((a, b) => a - b);
    expect(afters).toEqual(Array.from({ length: 100 }, (_, i) => i - 49));
  });

  it("takes no notice of minBalance and maxBalance: they gate traffic, not payments", async () => {
    const id = await newAccount({ minBalance: "0", maxBalance: "100" });
    expect((await pay({ accountId: id, amount: "500" })).balanceTransaction?.balanceAfter).toBe("500");
    expect((await correct({ accountId: id, amount: "-650", reason: "chargeback" })).balanceTransaction?.balanceAfter).toBe("-150");
  });

  it("needs an OPERATOR or ADMIN key", async () => {
    const id = await newAccount();
    const { key } = await createApiKey(gw.database.db, { name: "reader", role: "read_only" });
    const result = await gw.withKey(key).request(PaymentCreateDocument, { input: { accountId: id, amount: "1" } });
    expect(result.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await balanceOf(id)).toBe("0");
  });
});

describe("idempotency keys", () => {
  it("turns 20 parallel requests with one key into one transaction and 20 identical answers", async () => {
    const id = await newAccount();
    const input = { accountId: id, amount: "42.5", notes: "retry storm", idempotencyKey: `storm-${id}` };
    const answers = await Promise.all(Array.from({ length: 20 }, () => gw.request(PaymentCreateDocument, { input })));
    expect(answers.every((a) => JSON.stringify(a) === JSON.stringify(answers[0]))).toBe(true);
    expect(dataOf(answers[0]!).paymentCreate).toMatchObject({ userErrors: [], balanceTransaction: { balanceAfter: "42.5", account: { balance: "42.5" } } });
    expect(await gw.database.db.$count(balanceTransactions, eq(balanceTransactions.accountId, Number(id)))).toBe(1);
    expect(await gw.database.db.$count(auditEvents, eq(auditEvents.objectType, "BalanceTransaction"))).toBeGreaterThan(0);
    expect(await balanceOf(id)).toBe("42.5");
  });

  it("replays the same normalized input and refuses a different one with CONFLICT, writing nothing", async () => {
    const id = await newAccount();
    const key = `order-${id}`;
    const first = await pay({ accountId: id, amount: "10.5", notes: "inv 7", idempotencyKey: key });
    const again = await pay({ accountId: id, amount: "10.500000", notes: " inv 7 ", idempotencyKey: key });
    expect(again).toEqual(first);
    const before = await snapshot();
    const conflicts = [
      await pay({ accountId: id, amount: "10.6", notes: "inv 7", idempotencyKey: key }),
      await pay({ accountId: id, amount: "10.5", notes: "inv 8", idempotencyKey: key }),
      await pay({ accountId: await newAccount(), amount: "10.5", notes: "inv 7", idempotencyKey: key }),
      await correct({ accountId: id, amount: "10.5", reason: "inv 7", idempotencyKey: key }),
    ];
    for (const result of conflicts) {
      expect(result.balanceTransaction).toBeNull();
      expect(result.userErrors).toEqual([expect.objectContaining({ field: ["input", "idempotencyKey"], code: "CONFLICT" })]);
    }
    expect((await snapshot()).transactions).toBe(before.transactions + 0);
    expect(await balanceOf(id)).toBe("10.5");
    // Keys are exact: another spelling is another key.
    expect((await pay({ accountId: id, amount: "10.5", notes: "inv 7", idempotencyKey: `${key} ` })).balanceTransaction?.balanceAfter).toBe("21");
    const longest = "k".repeat(255);
    expect((await pay({ accountId: id, amount: "1", idempotencyKey: longest })).userErrors).toEqual([]);
  });

  it("does not use up a key on a refused request", async () => {
    const id = await newAccount();
    await pay({ accountId: id, amount: "999999999" });
    const key = `refused-${id}`;
    expect((await pay({ accountId: id, amount: "1", idempotencyKey: key })).userErrors[0]?.code).toBe("OUT_OF_RANGE");
    await correct({ accountId: id, amount: "-999999999", reason: "reset" });
    expect((await pay({ accountId: id, amount: "1", idempotencyKey: key })).balanceTransaction?.balanceAfter).toBe("1");
  });

  it("forgets a key after 24 hours, and deletes expired keys as later keyed requests come", async () => {
    const db = gw.database.db;
    const id = await newAccount();
    const key = `old-${id}`;
    await pay({ accountId: id, amount: "5", idempotencyKey: key });
    await db.execute(sql`update idempotency_keys set created_at = created_at - interval '23 hours 59 minutes' where key = ${key}`);
    expect((await pay({ accountId: id, amount: "6", idempotencyKey: key })).userErrors[0]?.code).toBe("CONFLICT");
    await db.execute(sql`update idempotency_keys set created_at = created_at - interval '2 minutes' where key = ${key}`);
    expect((await pay({ accountId: id, amount: "6", idempotencyKey: key })).balanceTransaction?.balanceAfter).toBe("11");
    // Stale keys of other requests are purged by any keyed request.
    await pay({ accountId: id, amount: "1", idempotencyKey: `stale-a-${id}` });
    await pay({ accountId: id, amount: "1", idempotencyKey: `stale-b-${id}` });
    await db.execute(sql`update idempotency_keys set created_at = now() - interval '25 hours' where key like ${`stale-%-${id}`}`);
    await pay({ accountId: id, amount: "1", idempotencyKey: `fresh-${id}` });
    const left = await db.select({ key: idempotencyKeys.key }).from(idempotencyKeys).where(sql`${idempotencyKeys.key} like ${`%-${id}`}`);
    expect(left.map((k) => k.key).sort()).toEqual([`fresh-${id}`, key].sort());
  });

  it("scopes keys to the partition: the same key in another partition is a new payment", async () => {
    const { key: keyA } = await createApiKey(gw.database.db, { name: "A operator", role: "operator", partitionId: Number(w.partitionA) });
    const { key: keyB } = await createApiKey(gw.database.db, { name: "B operator", role: "operator", partitionId: Number(w.partitionB) });
    const inA = await newAccount({}, gw.withKey(keyA));
    const name = `bal-b-${++seq}`;
    const inB = dataOf(await gw.request(AccountCreateDocument, { input: { clientId: w.clientB, name, identification: { authType: "NAME", authName: name } } })).accountCreate.account!.id;
    const first = await pay({ accountId: inA, amount: "3", idempotencyKey: "shared-key" }, gw.withKey(keyA));
    const other = await pay({ accountId: inB, amount: "3", idempotencyKey: "shared-key" }, gw.withKey(keyB));
    expect(other.userErrors).toEqual([]);
    expect(other.balanceTransaction!.id).not.toBe(first.balanceTransaction!.id);
    expect(other.balanceTransaction!.account.id).toBe(inB);
    // A different input under the same key in B is judged against B's use only.
    expect((await pay({ accountId: inB, amount: "3", idempotencyKey: "shared-key" }, gw.withKey(keyB))).balanceTransaction!.id).toBe(other.balanceTransaction!.id);
    expect((await pay({ accountId: inA, amount: "3", idempotencyKey: "shared-key" }, gw.withKey(keyA))).balanceTransaction!.id).toBe(first.balanceTransaction!.id);
    // A's key cannot pay into B at all.
    expect((await pay({ accountId: inB, amount: "3", idempotencyKey: "shared-key" }, gw.withKey(keyA))).userErrors).toEqual([
      expect.objectContaining({ field: ["input", "accountId"], code: "NOT_FOUND" }),
    ]);
  });
});

describe("balance thresholds", () => {
  it("appends one outbox event per crossing, in the same transaction", async () => {
    const id = await newAccount({ balanceLowThreshold: "10", balanceHighThreshold: "100" });
    const events = async () =>
      (await gw.database.db.select().from(notificationOutbox).where(sql`${notificationOutbox.payload}->>'accountId' = ${id}`).orderBy(notificationOutbox.id)).map(
        (e) => [e.eventType, (e.payload as { balanceAfter: string }).balanceAfter],
      );
    await pay({ accountId: id, amount: "10" }); // 0 -> 10: rising to the low threshold is not a crossing
    await correct({ accountId: id, amount: "-0.000001", reason: "dip" }); // 10 -> 9.999999: low
    await correct({ accountId: id, amount: "-5", reason: "still low" }); // stays low: nothing
    await pay({ accountId: id, amount: "90.000001" }); // 4.999999 -> 95: back above low, below high
    await pay({ accountId: id, amount: "5" }); // exactly 100: not above high
    const high = await pay({ accountId: id, amount: "0.000001" }); // 100.000001: high
    await pay({ accountId: id, amount: "1000" }); // stays high
    await correct({ accountId: id, amount: "-1100", reason: "chargeback" }); // 1100.000001 -> 0.000001: low again
    expect(await events()).toEqual([
      ["account.balance_low", "9.999999"],
      ["account.balance_high", "100.000001"],
      ["account.balance_low", "0.000001"],
    ]);
    const [event] = await gw.database.db.select().from(notificationOutbox).where(sql`${notificationOutbox.payload}->>'balanceTransactionId' = ${high.balanceTransaction!.id}`);
    expect(event?.payload).toEqual({
      accountId: Number(id),
      clientId: Number(w.clientA),
      partitionId: Number(w.partitionA),
      threshold: "100",
      balanceBefore: "100",
      balanceAfter: "100.000001",
      balanceTransactionId: Number(high.balanceTransaction!.id),
    });
    expect(event?.processedAt).toBeNull();
  });

  it("emits nothing without thresholds, and nothing for a refused move", async () => {
    const plain = await newAccount();
    const before = await gw.database.db.$count(notificationOutbox);
    await correct({ accountId: plain, amount: "-1000", reason: "no thresholds" });
    const guarded = await newAccount({ balanceLowThreshold: "-10" });
    await correct({ accountId: guarded, amount: "-999999999.999999", reason: "to the floor" });
    expect(await gw.database.db.$count(notificationOutbox)).toBe(before + 1);
    await correct({ accountId: guarded, amount: "999999999.999999", reason: "back" });
    expect((await correct({ accountId: guarded, amount: "-1000000000", reason: "past the floor" })).userErrors[0]?.code).toBe("OUT_OF_RANGE");
    expect(await gw.database.db.$count(notificationOutbox)).toBe(before + 1);
  });
});

describe("reading balances", () => {
  it("pages an account's history newest first, both ways, with filters", async () => {
    const id = await newAccount();
    for (const amount of ["1", "2", "3", "4", "5"]) await pay({ accountId: id, amount });
    await correct({ accountId: id, amount: "-0.5", reason: "fee" });
    const page = async (vars: object) => dataOf(await gw.request(AccountBalanceDocument, { id, ...vars })).account!.balanceTransactions;
    const first = await page({ first: 4 });
    expect(first.totalCount).toBe(6);
    expect(first.nodes.map((n) => n.amount)).toEqual(["-0.5", "5", "4", "3"]);
    expect(first.nodes.map((n) => n.balanceAfter)).toEqual(["14.5", "15", "10", "6"]);
    const rest = await page({ first: 4, after: first.pageInfo.endCursor });
    expect(rest.nodes.map((n) => n.amount)).toEqual(["2", "1"]);
    expect(rest.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const back = await page({ last: 2, before: rest.pageInfo.startCursor });
    expect(back.nodes.map((n) => n.amount)).toEqual(["4", "3"]);
    const payments = await page({ first: 10, filter: { kind: "PAYMENT" } });
    expect(payments).toMatchObject({ totalCount: 5 });
    const corrections = await page({ first: 10, filter: { kind: "CORRECTION" } });
    expect(corrections.nodes.map((n) => n.notes)).toEqual(["fee"]);
    const future = await page({ first: 10, filter: { createdFrom: new Date(Date.now() + 60_000).toISOString() } });
    expect(future.totalCount).toBe(0);
    const past = await page({ first: 10, filter: { createdTo: new Date(Date.now() + 60_000).toISOString(), createdFrom: "2020-01-01T00:00:00Z" } });
    expect(past.totalCount).toBe(6);
  });

  it("lists transactions across accounts, by account, client and kind", async () => {
    const one = await newAccount();
    const two = await newAccount({ clientId: w.otherClientA });
    await pay({ accountId: one, amount: "1" });
    await pay({ accountId: two, amount: "2" });
    await correct({ accountId: two, amount: "-1", reason: "x" });
    const list = async (filter: object) => dataOf(await gw.request(BalanceTransactionsDocument, { first: 100, filter })).balanceTransactions;
    expect((await list({ accountId: two })).nodes.map((n) => n.amount)).toEqual(["-1", "2"]);
    const ofClient = await list({ clientId: w.otherClientA });
    expect(ofClient.nodes.every((n) => n.account.id === two)).toBe(true);
    expect(ofClient.totalCount).toBe(2);
    expect((await list({ clientId: w.otherClientA, kind: "CORRECTION" })).totalCount).toBe(1);
    expect((await list({ accountId: "not-an-id" })).totalCount).toBe(0);
    const all = await list({});
    const times = all.nodes.map((n) => n.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it("sums a client's account balances, one statement for a page of clients", async () => {
    const one = await newAccount({ clientId: w.otherClientA });
    await pay({ accountId: one, amount: "0.000001" });
    const clients = dataOf(await gw.request(ClientBalancesDocument, { first: 10 })).clients.nodes;
    for (const client of clients) {
      const sum = client.accounts.nodes.reduce((total, a) => total + Math.round(Number(a.balance) * 1e6), 0);
      expect(Math.round(Number(client.balance) * 1e6)).toBe(sum);
    }
    expect(clients.find((c) => c.id === w.clientB)?.balance).toMatch(/^-?\d+(\.\d+)?$/);
    const small = await gw.measure(ClientBalancesDocument, { first: 1 });
    const large = await gw.measure(ClientBalancesDocument, { first: 3 });
    expect(large.statements).toBe(small.statements);
  });

  it("still refuses to delete an account with a non-zero balance, or with a history", async () => {
    const id = await newAccount();
    await pay({ accountId: id, amount: "0.01" });
    const refused = dataOf(await gw.request(AccountDeleteDocument, { id })).accountDelete;
    expect(refused.userErrors).toEqual([expect.objectContaining({ field: ["id"], code: "CONFLICT", message: expect.stringContaining("0.01") })]);
    await correct({ accountId: id, amount: "-0.01", reason: "refund before closing" });
    const withHistory = dataOf(await gw.request(AccountDeleteDocument, { id })).accountDelete;
    expect(withHistory.userErrors).toEqual([expect.objectContaining({ field: ["id"], code: "CONFLICT", message: expect.stringContaining("2 balance transactions") })]);
    expect(await balanceOf(id)).toBe("0");
    const unused = await newAccount();
    expect(dataOf(await gw.request(AccountDeleteDocument, { id: unused })).accountDelete.deletedId).toBe(unused);
  });
});
