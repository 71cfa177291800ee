import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AccountCreateDocument,
  ClientUpdateDocument,
  RateCreateDocument,
  RateQuoteDocument,
  RateQuotesDocument,
  RateTableCreateDocument,
  type RateCreateInput,
  type RateQuoteInput,
} from "./gql/graphql.js";
import { insertWorld, type World } from "./support/fixtures.js";
import { dataOf, startTestGateway, type TestGateway } from "./support/gateway.js";

let gw: TestGateway;
let w: World;
let table: string;
let child: string;
let prefixed: string;
let inheriting: string;
let closed: string;

const JAN = "2026-01-01T00:00:00Z";
/** A Wednesday at noon UTC, and a Saturday. */
const WEDNESDAY = "2026-04-15T12:00:00Z";
const SATURDAY = "2026-04-18T12:00:00Z";

async function rate(input: Partial<RateCreateInput> & { code: string; value: string }, rateTableId = table) {
  const result = dataOf(await gw.request(RateCreateDocument, { input: { rateTableId, effectiveFrom: JAN, ...input } })).rateCreate;
  expect(result.userErrors).toEqual([]);
}

async function newTable(name: string, parentRateTableId?: string) {
  return dataOf(await gw.request(RateTableCreateDocument, { input: { partitionId: w.partitionA, currencyId: "1", name, parentRateTableId } }))
    .rateTableCreate.rateTable!.id;
}

async function account(name: string, extra: object) {
  const result = dataOf(
    await gw.request(AccountCreateDocument, { input: { clientId: w.clientA, name, identification: { authType: "NAME", authName: name }, ...extra } }),
  ).accountCreate;
  expect(result.userErrors).toEqual([]);
  return result.account!.id;
}

beforeAll(async () => {
  gw = await startTestGateway();
  w = await insertWorld(gw.database.db);
  table = await newTable("Rating");
  await rate({ code: "44", value: "0.1" });
  await rate({ code: "4420", value: "0.2" });
  await rate({ code: "4420", value: "0.25", effectiveFrom: "2026-06-01T00:00:00Z" });
  await rate({ code: "4420", value: "0.5", tag: "premium" });
  await rate({ code: "447", value: "0.3", minDstLength: 12, maxDstLength: 12 });
  await rate({ code: "4930", value: "0.07" });
  await rate({ code: "4930", value: "0.05", timeProfileId: w.weekends });
  await rate({ code: "33", value: "0.4", status: "STASHED" });
  await rate({ code: "39", value: "0.2", endDate: "2026-03-01T00:00:00Z" });
  await rate({ code: "3", value: "0.9" });
  await rate({ code: "1800", value: "0.06", setupFee: "0.005", minVolume: 30, payInterval: 6, graceVolume: 3 });

  const parent = await newTable("Rating parent");
  await rate({ code: "44", value: "0.9" }, parent);
  await rate({ code: "44201", value: "0.8" }, parent);
  child = await newTable("Rating child", parent);
  await rate({ code: "44", value: "0.15" }, child);
  await rate({ code: "4420", value: "0.12" }, child);

  prefixed = await account("prefixed", {
    identification: { authType: "NAME", authName: "prefixed", techPrefix: "777#" },
    origination: { enabled: true, rateTableIds: [table] },
    termination: { enabled: true, rateTableIds: [child] },
  });
  await gw.request(ClientUpdateDocument, { id: w.clientA, input: { originationRateTableIds: [child] } });
  inheriting = await account("inheriting", { origination: { enabled: true } });
  closed = await account("closed", { origination: { enabled: false, rateTableIds: [table] } });
});
afterAll(() => gw?.stop());

const quote = async (input: Partial<RateQuoteInput> & { dstNumber: string }) =>
  dataOf(await gw.request(RateQuoteDocument, { input: { rateTableId: table, at: WEDNESDAY, volume: 60, ...input } })).rateQuote;

describe(`rateQuote (${process.env.DATABASE_URL ? "Postgres" : "PGlite"})`, () => {
  it("picks the longest matching code and prices it per minute", async () => {
    expect(await quote({ dstNumber: "442071234567" })).toMatchObject({ code: "4420", cost: "0.2", billedVolume: 60, reason: null, rate: { value: "0.2" } });
    expect(await quote({ dstNumber: "441234567" })).toMatchObject({ code: "44", cost: "0.1" });
  });

  it("uses the version in effect at the moment of the call", async () => {
    expect((await quote({ dstNumber: "442071234567", at: "2026-05-31T23:59:59Z" })).cost).toBe("0.2");
    expect((await quote({ dstNumber: "442071234567", at: "2026-06-01T00:00:00Z" })).cost).toBe("0.25");
    expect(await quote({ dstNumber: "442071234567", at: "2025-12-31T23:59:59Z" })).toMatchObject({ reason: "NO_MATCHING_RATE", rate: null, cost: null });
  });

  it("prefers the requested tag and falls back to @", async () => {
    expect(await quote({ dstNumber: "442071234567", tag: "premium" })).toMatchObject({ cost: "0.5", rate: { tag: "premium" } });
    expect(await quote({ dstNumber: "441234567", tag: "premium" })).toMatchObject({ code: "44", cost: "0.1", rate: { tag: "@" } });
  });

  it("applies destination length limits", async () => {
    expect(await quote({ dstNumber: "447123456789" })).toMatchObject({ code: "447", cost: "0.3" });
    expect(await quote({ dstNumber: "44712345678" })).toMatchObject({ code: "44", cost: "0.1" });
  });

  it("prefers a specific time profile covering the moment over all time", async () => {
    expect(await quote({ dstNumber: "4930123", at: SATURDAY })).toMatchObject({ cost: "0.05", rate: { timeProfile: { name: "Weekends" } } });
    expect(await quote({ dstNumber: "4930123", at: WEDNESDAY })).toMatchObject({ cost: "0.07", rate: { timeProfile: { name: "All time" } } });
  });

  it("never uses a stashed rate, nor one past its end date, and falls back to a shorter code", async () => {
    expect(await quote({ dstNumber: "33123" })).toMatchObject({ code: "3", cost: "0.9" });
    expect(await quote({ dstNumber: "39123", at: "2026-02-01T00:00:00Z" })).toMatchObject({ code: "39", cost: "0.2" });
    expect(await quote({ dstNumber: "39123", at: "2026-03-01T00:00:00Z" })).toMatchObject({ code: "3", cost: "0.9" });
  });

  it("charges with minimum volume, intervals, setup fee and grace (DOMAIN.md example 3)", async () => {
    const cost = async (volume: number) => (await quote({ dstNumber: "18005551234", volume })).cost;
    expect([await cost(0), await cost(2), await cost(3), await cost(31), await cost(95)]).toEqual(["0", "0", "0.035", "0.041", "0.101"]);
    expect((await quote({ dstNumber: "18005551234", volume: 95 })).billedVolume).toBe(96);
  });

  it("lets a child table win at equal length and a longer parent code beat a shorter child code", async () => {
    expect(await quote({ rateTableId: child, dstNumber: "4421000" })).toMatchObject({ code: "44", cost: "0.15", rate: { rateTable: { id: child } } });
    expect(await quote({ rateTableId: child, dstNumber: "4420500" })).toMatchObject({ code: "4420", cost: "0.12" });
    expect(await quote({ rateTableId: child, dstNumber: "4420100" })).toMatchObject({ code: "44201", cost: "0.8" });
  });

  it("rates through an account: strips its tech prefix, uses its tables, else its client's, per direction", async () => {
    expect(await quote({ rateTableId: null, accountId: prefixed, dstNumber: "777#442071234567" })).toMatchObject({
      dstNumber: "442071234567",
      code: "4420",
      cost: "0.2",
    });
    expect(await quote({ rateTableId: null, accountId: prefixed, dstNumber: "442071234567" })).toMatchObject({ cost: "0.2" });
    expect(await quote({ rateTableId: null, accountId: prefixed, dstNumber: "4421000", direction: "TERMINATION" })).toMatchObject({ cost: "0.15" });
    expect(await quote({ rateTableId: null, accountId: inheriting, dstNumber: "4420500" })).toMatchObject({ cost: "0.12" });
    expect(await quote({ rateTableId: null, accountId: inheriting, dstNumber: "4420500", direction: "TERMINATION" })).toMatchObject({
      reason: "DIRECTION_DISABLED",
    });
    expect(await quote({ rateTableId: null, accountId: closed, dstNumber: "441" })).toMatchObject({ reason: "DIRECTION_DISABLED", cost: null });
    expect(await quote({ rateTableId: null, accountId: "999999", dstNumber: "441" })).toMatchObject({ reason: "ACCOUNT_NOT_FOUND" });
    expect(await quote({ rateTableId: "999999", dstNumber: "441" })).toMatchObject({ reason: "RATE_TABLE_NOT_FOUND" });
  });

  it("refuses malformed arguments with BAD_USER_INPUT", async () => {
    for (const input of [
      { accountId: prefixed, dstNumber: "44" },
      { rateTableId: null, dstNumber: "44" },
      { dstNumber: "" },
      { dstNumber: "44 20" },
      { dstNumber: "44", volume: -1 },
    ]) {
      const result = await gw.request(RateQuoteDocument, { input: { rateTableId: table, at: WEDNESDAY, volume: 60, ...input } });
      expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    }
  });
});

describe("rateQuotes", () => {
  const numbers = (n: number): RateQuoteInput[] =>
    Array.from({ length: n }, (_, i) => ({ rateTableId: table, dstNumber: ["442071234567", "441234567", "33123", "1"][i % 4]!, at: WEDNESDAY, volume: 60 }));

  it("answers in the order asked, with the same SQL statements for 4 and for 400 calls", async () => {
    const small = await gw.measure(RateQuotesDocument, { inputs: numbers(4) });
    const large = await gw.measure(RateQuotesDocument, { inputs: numbers(400) });
    const quotes = dataOf(large.result).rateQuotes;
    expect(quotes).toHaveLength(400);
    expect(quotes.slice(0, 4).map((q) => [q.code, q.cost, q.reason])).toEqual([
      ["4420", "0.2", null],
      ["44", "0.1", null],
      ["3", "0.9", null],
      [null, null, "NO_MATCHING_RATE"],
    ]);
    expect(quotes.slice(396)).toEqual(quotes.slice(0, 4));
    expect(large.statements).toBe(small.statements);
  });

  it("accepts 1,000 calls and refuses 1,001", async () => {
    expect(dataOf(await gw.request(RateQuotesDocument, { inputs: numbers(1000) })).rateQuotes).toHaveLength(1000);
    const over = await gw.request(RateQuotesDocument, { inputs: numbers(1001) });
    expect(over.errors?.[0]).toMatchObject({ message: expect.stringContaining("at most 1000"), extensions: { code: "BAD_USER_INPUT" } });
  });

  it("names the malformed input", async () => {
    const inputs = [...numbers(3), { dstNumber: "44", at: WEDNESDAY, volume: 1 }];
    const result = await gw.request(RateQuotesDocument, { inputs });
    expect(result.errors?.[0]?.message).toMatch(/^inputs\[3\]: give exactly one of accountId and rateTableId/);
  });
});
