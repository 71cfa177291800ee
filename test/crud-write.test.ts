import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, codes, contacts, rates, rateTables, timeProfilePeriods } from "../src/db/schema.js";
import {
  AccountCreateDocument,
  AuditOfDocument,
  ClientCreateFullDocument,
  ClientDeleteDocument,
  CodeDeckCreateDocument,
  CodeDeckDeleteDocument,
  CodesImportDocument,
  ContactCreateDocument,
  ContactDeleteDocument,
  ContactUpdateDocument,
  RateCreateDocument,
  RateTableCreateDocument,
  RateTableDeleteDocument,
  RateTableUpdateDocument,
  RoutingPlanCreateDocument,
  RoutingPlanDeleteDocument,
  RoutingPlanUpdateDocument,
  TimeProfileCreateDocument,
  TimeProfileDeleteDocument,
  TimeProfileUpdateDocument,
} from "./gql/graphql.js";
import { insertWorld, type World } from "./support/fixtures.js";
import { dataOf, startTestGateway, type TestGateway } from "./support/gateway.js";

let gw: TestGateway;
let w: World;

beforeAll(async () => {
  gw = await startTestGateway();
  w = await insertWorld(gw.database.db);
});
afterAll(() => gw?.stop());

async function snapshot() {
  const db = gw.database.db;
  return {
    rateTables: await db.$count(rateTables),
    rates: await db.$count(rates),
    codes: await db.$count(codes),
    contacts: await db.$count(contacts),
    periods: await db.$count(timeProfilePeriods),
    audit: await db.$count(auditEvents),
  };
}

describe(`rate tables (${process.env.DATABASE_URL ? "Postgres" : "PGlite"})`, () => {
  const create = async (input: Parameters<typeof gw.request<unknown, { input: object }>>[1]["input"]) =>
    dataOf(await gw.request(RateTableCreateDocument, { input: input as never })).rateTableCreate;

  it("creates a table with a deck and a parent of the same partition and currency", async () => {
    const result = await create({ partitionId: w.partitionA, currencyId: "1", name: "Child", codeDeckId: w.codeDeck, parentRateTableId: w.rateTableA1, withTaxes: true });
    expect(result.userErrors).toEqual([]);
    expect(result.rateTable).toMatchObject({ name: "Child", tag: "@", withTaxes: true, currency: { code: "USD" }, parent: { id: w.rateTableA1 }, partition: { id: w.partitionA } });
  });

  it.each([
    ["an unknown partition", { partitionId: "999999" }, ["input", "partitionId"], "NOT_FOUND"],
    ["an unknown currency", { currencyId: "999999" }, ["input", "currencyId"], "NOT_FOUND"],
    ["an unknown code deck", { codeDeckId: "999999" }, ["input", "codeDeckId"], "NOT_FOUND"],
    ["a parent of another partition", { parentRateTableId: "B" }, ["input", "parentRateTableId"], "NOT_FOUND"],
    ["a parent in another currency", { currencyId: "2", parentRateTableId: "A1" }, ["input", "parentRateTableId"], "INVALID"],
    ["a name over 128 characters", { name: "r".repeat(129) }, ["input", "name"], "TOO_LONG"],
    ["a name already used in the partition", { name: "W rates A1" }, ["input", "name"], "TAKEN"],
  ])("refuses %s and writes nothing", async (_case, overrides, field, code) => {
    const ids: Record<string, string> = { B: w.rateTableB, A1: w.rateTableA1 };
    const resolved = Object.fromEntries(Object.entries(overrides).map(([k, v]) => [k, ids[v as string] ?? v]));
    const before = await snapshot();
    const result = await create({ partitionId: w.partitionA, currencyId: "1", name: `Refused ${code} ${field.join(".")}`, ...resolved });
    expect(result.rateTable).toBeNull();
    expect(result.userErrors).toEqual([expect.objectContaining({ field, code })]);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a parent that would make a cycle", async () => {
    const parent = (await create({ partitionId: w.partitionA, currencyId: "1", name: "Cycle parent" })).rateTable!;
    const child = (await create({ partitionId: w.partitionA, currencyId: "1", name: "Cycle child", parentRateTableId: parent.id })).rateTable!;
    const cycle = dataOf(await gw.request(RateTableUpdateDocument, { id: parent.id, input: { parentRateTableId: child.id } })).rateTableUpdate;
    // The child's current parent is what makes the cycle: a conflict with the state of another table.
    expect(cycle.userErrors).toEqual([expect.objectContaining({ field: ["input", "parentRateTableId"], code: "CONFLICT" })]);
    const self = dataOf(await gw.request(RateTableUpdateDocument, { id: parent.id, input: { parentRateTableId: parent.id } })).rateTableUpdate;
    expect(self.userErrors).toEqual([expect.objectContaining({ code: "INVALID" })]);
    const detached = dataOf(await gw.request(RateTableUpdateDocument, { id: child.id, input: { parentRateTableId: null, name: "Orphan" } })).rateTableUpdate;
    expect(detached.rateTable).toMatchObject({ name: "Orphan", parent: null });
  });

  it("refuses to delete a table in use, and deletes an unused one with its rates", async () => {
    await gw.request(AccountCreateDocument, {
      input: { clientId: w.clientA, name: "uses A2", identification: { authType: "IP", ips: ["192.0.2.1"] }, origination: { rateTableIds: [w.rateTableA2] } },
    });
    const before = await snapshot();
    const refused = dataOf(await gw.request(RateTableDeleteDocument, { id: w.rateTableA2 })).rateTableDelete;
    expect(refused.userErrors).toEqual([expect.objectContaining({ field: ["id"], code: "CONFLICT", message: expect.stringContaining("account") })]);
    expect(await snapshot()).toEqual(before);

    const table = (await create({ partitionId: w.partitionA, currencyId: "1", name: "Disposable", codeDeckId: w.codeDeck })).rateTable!;
    await gw.request(RateCreateDocument, { input: { rateTableId: table.id, code: "44,49", effectiveFrom: "2026-01-01T00:00:00Z", value: "1" } });
    const ratesBefore = await gw.database.db.$count(rates);
    expect(dataOf(await gw.request(RateTableDeleteDocument, { id: table.id })).rateTableDelete).toEqual({ deletedId: table.id, userErrors: [] });
    expect(await gw.database.db.$count(rates)).toBe(ratesBefore - 2);
  });
});

describe("code decks and code imports", () => {
  let deck: string;
  beforeAll(async () => {
    deck = dataOf(await gw.request(CodeDeckCreateDocument, { input: { name: "Import deck", notes: "for tests" } })).codeDeckCreate.codeDeck!.id;
  });
  const load = async (codeList: { code: string; name: string; country?: string }[], mode?: "ADD_NEW" | "UPSERT" | "REPLACE") =>
    dataOf(await gw.request(CodesImportDocument, { input: { codeDeckId: deck, codes: codeList, mode } })).codesImport;

  it("adds new codes, then upserts, then replaces the deck", async () => {
    const added = await load([{ code: "380", name: "Ukraine", country: "Ukraine" }, { code: "38050", name: "Ukraine Mobile" }]);
    expect(added).toMatchObject({ inserted: 2, updated: 0, deleted: 0, userErrors: [] });
    const again = await load([{ code: "380", name: "Renamed" }, { code: "38067", name: "Ukraine Mobile" }]);
    expect(again).toMatchObject({ inserted: 1, updated: 0, deleted: 0 });
    expect(again.codeDeck?.codes.nodes.find((c) => c.code === "380")?.name).toBe("Ukraine");
    const upsert = await load([{ code: "380", name: "Ukraine Fixed" }, { code: "38050", name: "Ukraine Mobile" }], "UPSERT");
    expect(upsert).toMatchObject({ inserted: 0, updated: 1, deleted: 0 });
    const replace = await load([{ code: "380", name: "Ukraine Fixed" }, { code: "38044", name: "Ukraine Kyiv" }], "REPLACE");
    expect(replace).toMatchObject({ inserted: 1, updated: 0, deleted: 2 });
    expect(replace.codeDeck?.codes.nodes.map((c) => c.code)).toEqual(["380", "38044"]);
  });

  it("reports every bad line by index and imports nothing", async () => {
    const before = await snapshot();
    const result = await load([{ code: "44 20", name: "bad" }, { code: "4420", name: "" }, { code: "4421", name: "ok" }, { code: "4421", name: "dup" }]);
    expect(result.codeDeck).toBeNull();
    expect(result.userErrors.map((e) => [e.field?.join("."), e.code])).toEqual([
      ["input.codes.0.code", "INVALID"],
      ["input.codes.1.name", "REQUIRED"],
      ["input.codes.3.code", "INVALID"],
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses to delete a deck a rate table uses", async () => {
    const refused = dataOf(await gw.request(CodeDeckDeleteDocument, { id: w.codeDeck })).codeDeckDelete;
    expect(refused.userErrors).toEqual([expect.objectContaining({ code: "CONFLICT" })]);
    expect(dataOf(await gw.request(CodeDeckDeleteDocument, { id: deck })).codeDeckDelete.deletedId).toBe(deck);
  });
});

describe("time profiles", () => {
  it("creates a profile with periods, replaces them, and refuses bad windows", async () => {
    const created = dataOf(
      await gw.request(TimeProfileCreateDocument, {
        input: { name: "Night", timezone: "Europe/Kyiv", periods: [{ weekdayFrom: 1, weekdayTill: 7, timeFrom: "00:00", timeTill: "05:59:59" }] },
      }),
    ).timeProfileCreate;
    expect(created.timeProfile).toMatchObject({
      timezone: "Europe/Kyiv",
      allTime: false,
      periods: [{ weekdayFrom: 1, weekdayTill: 7, timeFrom: "00:00:00", timeTill: "05:59:59" }],
    });
    const cleared = dataOf(await gw.request(TimeProfileUpdateDocument, { id: created.timeProfile!.id, input: { periods: [] } })).timeProfileUpdate;
    expect(cleared.timeProfile).toMatchObject({ allTime: true, periods: [] });

    const before = await snapshot();
    const refused = dataOf(
      await gw.request(TimeProfileCreateDocument, {
        input: {
          name: "Broken",
          timezone: "Moon/Base",
          periods: [
            { weekdayFrom: 8, weekdayTill: 7, timeFrom: "08:00", timeTill: "09:00" },
            { weekdayFrom: 5, weekdayTill: 1, timeFrom: "25:00", timeTill: "09:00" },
            { weekdayFrom: 1, weekdayTill: 1, timeFrom: "18:00", timeTill: "09:00" },
          ],
        },
      }),
    ).timeProfileCreate;
    expect(refused.userErrors.map((e) => [e.field?.join("."), e.code])).toEqual([
      ["input.timezone", "INVALID"],
      ["input.periods.0.weekdayFrom", "OUT_OF_RANGE"],
      ["input.periods.1.timeFrom", "INVALID"],
      ["input.periods.1.weekdayTill", "INVALID"],
      ["input.periods.2.timeTill", "INVALID"],
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses to delete a profile rates use", async () => {
    await gw.request(RateCreateDocument, {
      input: { rateTableId: w.rateTableA1, code: "4930", effectiveFrom: "2026-02-01T00:00:00Z", value: "1", timeProfileId: w.weekends },
    });
    const used = dataOf(await gw.request(TimeProfileDeleteDocument, { id: w.weekends })).timeProfileDelete;
    expect(used.userErrors).toEqual([expect.objectContaining({ code: "CONFLICT", message: expect.stringContaining("rates") })]);
  });

  it("makes rateCreate ask for a time profile once the default one is gone", async () => {
    expect(dataOf(await gw.request(TimeProfileDeleteDocument, { id: w.allTime })).timeProfileDelete.userErrors).toEqual([]);
    const result = dataOf(
      await gw.request(RateCreateDocument, { input: { rateTableId: w.rateTableA1, code: "44", effectiveFrom: "2026-02-01T00:00:00Z", value: "1" } }),
    ).rateCreate;
    expect(result.userErrors).toEqual([expect.objectContaining({ field: ["input", "timeProfileId"], code: "REQUIRED" })]);
  });
});

describe("routing plans, contacts and clients", () => {
  it("creates, renames and deletes a routing plan, refusing while a client uses it", async () => {
    const plan = dataOf(await gw.request(RoutingPlanCreateDocument, { input: { name: "Premium" } })).routingPlanCreate.routingPlan!;
    const renamed = dataOf(await gw.request(RoutingPlanUpdateDocument, { id: plan.id, input: { notes: "direct routes" } })).routingPlanUpdate;
    expect(renamed.routingPlan).toEqual({ id: plan.id, name: "Premium", notes: "direct routes" });
    const taken = dataOf(await gw.request(RoutingPlanCreateDocument, { input: { name: "Premium" } })).routingPlanCreate;
    expect(taken.userErrors).toEqual([expect.objectContaining({ field: ["input", "name"], code: "TAKEN" })]);

    const client = dataOf(
      await gw.request(ClientCreateFullDocument, {
        input: { partitionId: w.partitionA, currencyId: "1", name: "Routed client", routingPlanId: plan.id, originationRateTableIds: [w.rateTableA1] },
      }),
    ).clientCreate;
    expect(client.client).toMatchObject({ routingPlan: { id: plan.id }, originationRateTables: [{ id: w.rateTableA1 }], terminationRateTables: [] });
    expect(dataOf(await gw.request(RoutingPlanDeleteDocument, { id: plan.id })).routingPlanDelete.userErrors[0]?.code).toBe("CONFLICT");
    expect(dataOf(await gw.request(ClientDeleteDocument, { id: client.client!.id })).clientDelete.userErrors).toEqual([]);
    expect(dataOf(await gw.request(RoutingPlanDeleteDocument, { id: plan.id })).routingPlanDelete.deletedId).toBe(plan.id);
  });

  it("refuses a client's rate tables from another partition", async () => {
    const result = dataOf(
      await gw.request(ClientCreateFullDocument, {
        input: { partitionId: w.partitionA, currencyId: "1", name: "Cross partition", terminationRateTableIds: [w.rateTableB] },
      }),
    ).clientCreate;
    expect(result.userErrors).toEqual([expect.objectContaining({ field: ["input", "terminationRateTableIds", "0"], code: "NOT_FOUND" })]);
  });

  it("manages contacts, refusing to delete one an account sends invoices to", async () => {
    const created = dataOf(await gw.request(ContactCreateDocument, { input: { clientId: w.clientA, name: "Finance", email: "finance@a.example" } }))
      .contactCreate;
    expect(created.contact).toMatchObject({ name: "Finance", email: "finance@a.example", client: { id: w.clientA } });
    const bad = dataOf(await gw.request(ContactCreateDocument, { input: { clientId: "999999", name: "", email: "not-an-email" } })).contactCreate;
    expect(bad.userErrors.map((e) => [e.field?.join("."), e.code]).sort()).toEqual([
      ["input.clientId", "NOT_FOUND"],
      ["input.email", "INVALID"],
      ["input.name", "REQUIRED"],
    ]);
    const id = created.contact!.id;
    expect(dataOf(await gw.request(ContactUpdateDocument, { id, input: { notes: "month end" } })).contactUpdate.contact?.notes).toBe("month end");
    await gw.request(AccountCreateDocument, {
      input: { clientId: w.clientA, name: "invoiced", identification: { authType: "IP", ips: ["192.0.2.2"] }, sendInvoicesTo: [id] },
    });
    expect(dataOf(await gw.request(ContactDeleteDocument, { id })).contactDelete.userErrors[0]?.code).toBe("CONFLICT");
  });

  it("refuses to delete a client with accounts", async () => {
    const refused = dataOf(await gw.request(ClientDeleteDocument, { id: w.clientA })).clientDelete;
    expect(refused.userErrors).toEqual([expect.objectContaining({ field: ["id"], code: "CONFLICT", message: expect.stringContaining("accounts") })]);
  });

  it("audits creates of every kind, including clients and partitions", async () => {
    const events = dataOf(await gw.request(AuditOfDocument, { objectType: "RoutingPlan", first: 10 })).auditEvents.nodes;
    expect(events.map((e) => e.action)).toEqual(["DELETE", "UPDATE", "CREATE"]);
    const clientEvents = dataOf(await gw.request(AuditOfDocument, { objectType: "Client", first: 10 })).auditEvents.nodes;
    expect(clientEvents.map((e) => e.action)).toContain("CREATE");
  });
});
