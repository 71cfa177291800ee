import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, clientTemplates, notificationOutbox, rates, specialRates } from "../src/db/schema.js";
import {
  ClientTemplateCreateDocument,
  ClientTemplateDeleteDocument,
  ClientTemplateUpdateDocument,
  RateCreateDocument,
  RateDeleteDocument,
  RatesOfTableDocument,
  RateUpdateDocument,
  SpecialRateCreateDocument,
  SpecialRateDeleteDocument,
  SpecialRateUpdateDocument,
  type ClientTemplateCreateInput,
  type RateCreateInput,
  type SpecialRateCreateInput,
} from "./gql/graphql.js";
import { insertLowBalanceProfiles, insertWorld, resolveIds, type World } from "./support/fixtures.js";
import { dataOf, startTestGateway, type TestGateway } from "./support/gateway.js";

let gw: TestGateway;
let w: World;
let profileA: string;
let profileB: string;

beforeAll(async () => {
  gw = await startTestGateway();
  w = await insertWorld(gw.database.db);
  ({ profileA, profileB } = await insertLowBalanceProfiles(gw.database.db, w));
});
afterAll(() => gw?.stop());

/** Row counts that a refused mutation must leave exactly as they were. */
async function snapshot() {
  const db = gw.database.db;
  return {
    templates: await db.$count(clientTemplates),
    specialRates: await db.$count(specialRates),
    rates: await db.$count(rates),
    audit: await db.$count(auditEvents),
    outbox: await db.$count(notificationOutbox),
  };
}

const tableRates = async (id: string, filter = {}) => dataOf(await gw.request(RatesOfTableDocument, { id, filter })).rateTable!.rates.nodes;

describe(`clientTemplateCreate (${process.env.DATABASE_URL ? "Postgres" : "PGlite"})`, () => {
  const template = (overrides: Partial<ClientTemplateCreateInput> = {}): ClientTemplateCreateInput => ({
    name: `Template ${Math.random().toString(36).slice(2, 8)}`,
    partitionId: w.partitionA,
    origination: { creditLimit: "0" },
    ...overrides,
  });
  const create = async (input: ClientTemplateCreateInput) => dataOf(await gw.request(ClientTemplateCreateDocument, { input })).clientTemplateCreate;

  it("stores every field of the JeraSoft template and returns it", async () => {
    const result = await create({
      name: "Prepaid retail",
      partitionId: w.partitionA,
      tags: ["retail", "prepaid"],
      origination: {
        creditLimit: "-999999999",
        rateTableIds: [w.rateTableA2, w.rateTableA1],
        routingPlanId: w.routingPlan,
        capacity: 2147483647,
        lowBalanceProfileId: profileA,
        lowBalanceThreshold: "25.5",
        lowBalanceCapacity: 65535,
      },
    });
    expect(result.userErrors).toEqual([]);
    expect(result.clientTemplate).toEqual({
      id: expect.any(String),
      name: "Prepaid retail",
      tags: ["retail", "prepaid"],
      partition: { id: w.partitionA },
      origination: {
        creditLimit: "-999999999",
        capacity: 2147483647,
        lowBalanceThreshold: "25.5",
        lowBalanceCapacity: 65535,
        rateTables: [{ id: w.rateTableA2 }, { id: w.rateTableA1 }],
        routingPlan: { id: w.routingPlan },
        lowBalanceProfile: { id: profileA },
      },
    });
  });

  it("defaults tags and rate tables to empty and the optional limits to null", async () => {
    const { clientTemplate } = await create(template({ origination: { creditLimit: "100" } }));
    expect(clientTemplate).toMatchObject({
      tags: [],
      origination: { creditLimit: "100", capacity: null, rateTables: [], routingPlan: null, lowBalanceProfile: null, lowBalanceCapacity: null },
    });
  });

  it.each([
    ["an empty name", { name: "" }, ["input", "name"], "REQUIRED"],
    ["a name over 255 characters", { name: "t".repeat(256) }, ["input", "name"], "TOO_LONG"],
    ["a credit limit above 999999999", { origination: { creditLimit: "999999999.01" } }, ["input", "origination", "creditLimit"], "OUT_OF_RANGE"],
    ["a credit limit below -999999999", { origination: { creditLimit: "-1000000000" } }, ["input", "origination", "creditLimit"], "OUT_OF_RANGE"],
    ["a non-numeric credit limit", { origination: { creditLimit: "1,5" } }, ["input", "origination", "creditLimit"], "INVALID"],
    ["a negative capacity", { origination: { creditLimit: "0", capacity: -1 } }, ["input", "origination", "capacity"], "OUT_OF_RANGE"],
    ["a low balance capacity over 65535", { origination: { creditLimit: "0", lowBalanceCapacity: 65536 } }, ["input", "origination", "lowBalanceCapacity"], "OUT_OF_RANGE"],
    ["an unknown partition", { partitionId: "999999" }, ["input", "partitionId"], "NOT_FOUND"],
    ["a rate table of another partition", { origination: { creditLimit: "0", rateTableIds: [() => w.rateTableB] } }, ["input", "origination", "rateTableIds", "0"], "NOT_FOUND"],
    ["an unknown routing plan", { origination: { creditLimit: "0", routingPlanId: "999999" } }, ["input", "origination", "routingPlanId"], "NOT_FOUND"],
    ["a low balance profile of another partition", { origination: { creditLimit: "0", lowBalanceProfileId: () => profileB } }, ["input", "origination", "lowBalanceProfileId"], "NOT_FOUND"],
    ["an empty tag", { tags: ["ok", " "] }, ["input", "tags", "1"], "REQUIRED"],
  ])("refuses %s and writes nothing", async (_case, overrides, field, code) => {
    const input = template(resolveIds(overrides) as Partial<ClientTemplateCreateInput>);
    const before = await snapshot();
    const result = await create(input);
    expect(result.clientTemplate).toBeNull();
    expect(result.userErrors).toEqual([expect.objectContaining({ field, code })]);
    expect(await snapshot()).toEqual(before);
  });

  it("gives one success and one TAKEN to two simultaneous creates of the same name", async () => {
    const input = template({ name: "Twin template" });
    const results = await Promise.all([create(input), create(input)]);
    expect(results.filter((r) => r.clientTemplate)).toHaveLength(1);
    expect(results.flatMap((r) => r.userErrors)).toEqual([expect.objectContaining({ field: ["input", "name"], code: "TAKEN" })]);
  });

  it("updates only the given fields, then deletes", async () => {
    const { clientTemplate } = await create(template({ tags: ["a"], origination: { creditLimit: "5", capacity: 10, rateTableIds: [w.rateTableA1] } }));
    const id = clientTemplate!.id;
    const updated = dataOf(await gw.request(ClientTemplateUpdateDocument, { id, input: { origination: { capacity: null, lowBalanceCapacity: 3 } } }))
      .clientTemplateUpdate;
    expect(updated.userErrors).toEqual([]);
    expect(updated.clientTemplate).toMatchObject({
      tags: ["a"],
      origination: { creditLimit: "5", capacity: null, lowBalanceCapacity: 3, rateTables: [{ id: w.rateTableA1 }] },
    });
    const refused = dataOf(await gw.request(ClientTemplateUpdateDocument, { id, input: { origination: { creditLimit: null } } })).clientTemplateUpdate;
    expect(refused.userErrors).toEqual([expect.objectContaining({ field: ["input", "origination", "creditLimit"], code: "REQUIRED" })]);
    expect(dataOf(await gw.request(ClientTemplateDeleteDocument, { id })).clientTemplateDelete).toEqual({ deletedId: id, userErrors: [] });
    expect(dataOf(await gw.request(ClientTemplateDeleteDocument, { id })).clientTemplateDelete.userErrors[0]?.code).toBe("NOT_FOUND");
  });
});

describe("specialRateCreate", () => {
  const special = (overrides: Partial<SpecialRateCreateInput> = {}): SpecialRateCreateInput => ({
    rateTableId: w.rateTableA1,
    codeName: "Germany Mobile",
    effectiveFrom: "2026-03-01T00:00:00Z",
    value: "0.0123",
    timeProfileId: w.allTime,
    ...overrides,
  });
  const create = async (input: SpecialRateCreateInput) => dataOf(await gw.request(SpecialRateCreateDocument, { input })).specialRateCreate;

  it("unfolds the code name into one generated rate per code, in one transaction", async () => {
    const result = await create(special({ rateTableId: w.rateTableA2, notes: "promo" }));
    expect(result.userErrors).toEqual([]);
    expect(result.specialRate).toMatchObject({
      codeName: "Germany Mobile",
      value: "0.0123",
      tag: "@",
      status: "ACTIVE",
      minVolume: 1,
      payInterval: 1,
      setupFee: "0",
      graceVolume: 0,
      rateTable: { id: w.rateTableA2 },
      timeProfile: { id: w.allTime },
    });
    expect(result.rates.map((r) => [r.code, r.codeName, r.value, r.specialRate?.id])).toEqual([
      ["4915", "Germany Mobile", "0.0123", result.specialRate!.id],
      ["4916", "Germany Mobile", "0.0123", result.specialRate!.id],
      ["4917", "Germany Mobile", "0.0123", result.specialRate!.id],
    ]);
    expect((await tableRates(w.rateTableA2, { codeName: "Germany Mobile" })).map((r) => r.id)).toEqual(result.rates.map((r) => r.id));
  });

  it("stashes later versions of the codes only when asked, and records a notification when asked", async () => {
    const later = dataOf(
      await gw.request(RateCreateDocument, { input: { rateTableId: w.rateTableA1, code: "4915,4916", effectiveFrom: "2027-01-01T00:00:00Z", value: "0.5" } }),
    ).rateCreate;
    expect(later.userErrors).toEqual([]);
    const outboxBefore = await gw.database.db.$count(notificationOutbox);
    const kept = await create(special({ effectiveFrom: "2026-04-01T00:00:00Z" }));
    expect(kept.userErrors).toEqual([]);
    expect(kept.rates.find((r) => r.code === "4915")?.effectiveTill).toBe("2027-01-01T00:00:00.000Z");
    expect(await gw.database.db.$count(notificationOutbox)).toBe(outboxBefore);

    const stashing = await create(special({ effectiveFrom: "2026-05-01T00:00:00Z", stashFutureRates: true, notify: true }));
    expect(stashing.userErrors).toEqual([]);
    expect(stashing.rates.find((r) => r.code === "4915")?.effectiveTill).toBeNull();
    const future = await tableRates(w.rateTableA1, { codePrefix: "491", status: "STASHED" });
    expect(future.map((r) => [r.code, r.effectiveFrom])).toEqual([
      ["4915", "2027-01-01T00:00:00.000Z"],
      ["4916", "2027-01-01T00:00:00.000Z"],
    ]);
    const [event] = await gw.database.db.select().from(notificationOutbox).where(eq(notificationOutbox.eventType, "special_rate.created"));
    expect(event?.payload).toMatchObject({ specialRateId: Number(stashing.specialRate!.id), codeName: "Germany Mobile", codes: ["4915", "4916", "4917"] });
    expect(event?.processedAt).toBeNull();
  });

  it.each([
    ["a code name with no codes in the deck", { codeName: "Atlantis Mobile" }, ["input", "codeName"], "NOT_FOUND"],
    ["an unknown rate table", { rateTableId: "999999" }, ["input", "rateTableId"], "NOT_FOUND"],
    ["an unknown time profile", { timeProfileId: "999999" }, ["input", "timeProfileId"], "NOT_FOUND"],
    ["a value beyond the money range", { value: "1000000000" }, ["input", "value"], "OUT_OF_RANGE"],
    ["a value with 7 decimals", { value: "0.1234567" }, ["input", "value"], "INVALID"],
    ["minVolume 0", { minVolume: 0 }, ["input", "minVolume"], "OUT_OF_RANGE"],
    ["payInterval 0", { payInterval: 0 }, ["input", "payInterval"], "OUT_OF_RANGE"],
    ["a negative graceVolume", { graceVolume: -1 }, ["input", "graceVolume"], "OUT_OF_RANGE"],
    ["an end date before the start", { endDate: "2026-02-01T00:00:00Z" }, ["input", "endDate"], "INVALID"],
    ["minDstLength above maxDstLength", { minDstLength: 12, maxDstLength: 11 }, ["input", "maxDstLength"], "INVALID"],
    ["a destination length of 0", { minDstLength: 0 }, ["input", "minDstLength"], "OUT_OF_RANGE"],
    ["a tag over 64 characters", { tag: "t".repeat(65) }, ["input", "tag"], "TOO_LONG"],
    ["an empty code name", { codeName: "" }, ["input", "codeName"], "REQUIRED"],
  ])("refuses %s and writes nothing", async (_case, overrides, field, code) => {
    const before = await snapshot();
    const result = await create(special({ effectiveFrom: "2026-06-01T00:00:00Z", ...overrides }));
    expect(result.specialRate).toBeNull();
    expect(result.rates).toEqual([]);
    expect(result.userErrors).toEqual([expect.objectContaining({ field, code })]);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a special rate whose rates already exist at that moment, and settles a race with one CONFLICT", async () => {
    const input = special({ effectiveFrom: "2026-07-01T00:00:00Z" });
    const results = await Promise.all([create(input), create(input)]);
    expect(results.filter((r) => r.specialRate)).toHaveLength(1);
    expect(results.flatMap((r) => r.userErrors)).toEqual([expect.objectContaining({ field: ["input", "effectiveFrom"], code: "CONFLICT" })]);
    const again = await create(input);
    expect(again.userErrors).toEqual([expect.objectContaining({ field: ["input", "effectiveFrom"], code: "CONFLICT", message: expect.stringContaining("4915") })]);
  });

  it("keeps generated rates under the special rate: direct edits and deletes are CONFLICT, updates regenerate", async () => {
    const created = await create(special({ effectiveFrom: "2026-08-01T00:00:00Z" }));
    const generated = created.rates[0]!;
    const edit = dataOf(await gw.request(RateUpdateDocument, { id: generated.id, input: { value: "9" } })).rateUpdate;
    expect(edit.userErrors).toEqual([expect.objectContaining({ field: ["id"], code: "CONFLICT" })]);
    const remove = dataOf(await gw.request(RateDeleteDocument, { id: generated.id })).rateDelete;
    expect(remove.userErrors).toEqual([expect.objectContaining({ field: ["id"], code: "CONFLICT" })]);

    const id = created.specialRate!.id;
    const repriced = dataOf(await gw.request(SpecialRateUpdateDocument, { id, input: { value: "0.02", codeName: "Germany Berlin" } })).specialRateUpdate;
    expect(repriced.userErrors).toEqual([]);
    expect(repriced.rates.map((r) => [r.code, r.value])).toEqual([["4930", "0.02"]]);
    expect((await tableRates(w.rateTableA1, { codePrefix: "4915" })).some((r) => r.id === generated.id)).toBe(false);

    const deleted = dataOf(await gw.request(SpecialRateDeleteDocument, { id })).specialRateDelete;
    expect(deleted).toEqual({ deletedId: id, unstashedRates: [], userErrors: [] });
    expect((await tableRates(w.rateTableA1, { codePrefix: "4930" })).filter((r) => r.specialRate)).toEqual([]);
  });
});

describe("regular rates", () => {
  const create = async (input: RateCreateInput) => dataOf(await gw.request(RateCreateDocument, { input })).rateCreate;
  const base = { effectiveFrom: "2026-01-01T00:00:00Z", value: "0.1" };

  it("creates one rate per code of a code expression, with JeraSoft's defaults", async () => {
    const result = await create({ ...base, rateTableId: w.rateTableA2, code: "4420-4422,443(0-1)1" });
    expect(result.userErrors).toEqual([]);
    expect(result.rates.map((r) => r.code)).toEqual(["4420", "4421", "4422", "44301", "44311"]);
    expect(result.rates[0]).toMatchObject({ tag: "@", minVolume: 1, payInterval: 1, setupFee: "0", graceVolume: 0, status: "ACTIVE", timeProfile: { id: w.allTime } });
  });

  it("creates rates for every code of a code name", async () => {
    const result = await create({ ...base, rateTableId: w.rateTableA2, codeName: "Germany", value: "-0.05", timeProfileId: w.weekends });
    expect(result.rates.map((r) => [r.code, r.value, r.timeProfile.id])).toEqual([["49", "-0.05", w.weekends]]);
  });

  it.each([
    ["both code and codeName", { code: "44", codeName: "Germany" }, ["input", "code"], "INVALID"],
    ["neither code nor codeName", {}, ["input", "code"], "REQUIRED"],
    ["a malformed code expression", { code: "44-4" }, ["input", "code"], "INVALID"],
    ["an unknown code name", { codeName: "Nowhere" }, ["input", "codeName"], "NOT_FOUND"],
  ])("refuses %s and writes nothing", async (_case, overrides, field, code) => {
    const before = await snapshot();
    const result = await create({ ...base, rateTableId: w.rateTableA2, ...overrides });
    expect(result.rates).toEqual([]);
    expect(result.userErrors).toEqual([expect.objectContaining({ field, code })]);
    expect(await snapshot()).toEqual(before);
  });

  it("settles two simultaneous creates of the same rate version with one CONFLICT", async () => {
    const input = { ...base, rateTableId: w.rateTableA2, code: "3531", effectiveFrom: "2026-09-01T00:00:00Z" };
    const results = await Promise.all([create(input), create(input)]);
    expect(results.filter((r) => r.rates.length === 1)).toHaveLength(1);
    expect(results.flatMap((r) => r.userErrors.map((e) => e.code))).toEqual(["CONFLICT"]);
  });

  it("updates a rate partially, clears its end date with null, and deletes it", async () => {
    const [rate] = (await create({ ...base, rateTableId: w.rateTableA2, code: "3532", endDate: "2026-12-01T00:00:00Z" })).rates;
    const updated = dataOf(await gw.request(RateUpdateDocument, { id: rate!.id, input: { value: "0.000001", endDate: null, graceVolume: 5 } })).rateUpdate;
    expect(updated.userErrors).toEqual([]);
    expect(updated.rate).toMatchObject({ code: "3532", value: "0.000001", endDate: null, effectiveTill: null, graceVolume: 5, minVolume: 1 });
    const invalid = dataOf(await gw.request(RateUpdateDocument, { id: rate!.id, input: { endDate: "2025-01-01T00:00:00Z" } })).rateUpdate;
    expect(invalid.userErrors).toEqual([expect.objectContaining({ field: ["input", "endDate"], code: "INVALID" })]);
    expect(dataOf(await gw.request(RateDeleteDocument, { id: rate!.id })).rateDelete).toEqual({ deletedId: rate!.id, userErrors: [] });
  });
});
