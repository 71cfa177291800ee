import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, codeDecks, codes, currencies, rateTables } from "../src/db/schema.js";
import {
  RateCreateDocument,
  RateQuoteDocument,
  RatesOfTableDocument,
  RateTableDeleteDocument,
  RateUpdateDocument,
  SpecialRateCreateDocument,
  SpecialRateDeleteDocument,
  SpecialRateStashesDocument,
  SpecialRateUpdateDocument,
  type RateCreateInput,
  type SpecialRateCreateInput,
  type SpecialRateUpdateInput,
} from "./gql/graphql.js";
import { insertWorld, type World } from "./support/fixtures.js";
import { dataOf, startTestGateway, type TestGateway } from "./support/gateway.js";

let gw: TestGateway;
let w: World;
let deck: number;
let usd: number;

beforeAll(async () => {
  gw = await startTestGateway();
  w = await insertWorld(gw.database.db);
  // A deck of its own: one test renames and adds codes in it.
  const [d] = await gw.database.db.insert(codeDecks).values({ name: "special rates deck" }).returning();
  deck = d!.id;
  await gw.database.db.insert(codes).values([
    { codeDeckId: deck, code: "49", name: "Germany" },
    { codeDeckId: deck, code: "4915", name: "Germany Mobile" },
    { codeDeckId: deck, code: "4916", name: "Germany Mobile" },
    { codeDeckId: deck, code: "4917", name: "Germany Mobile" },
    { codeDeckId: deck, code: "4930", name: "Germany Berlin" },
  ]);
  usd = (await gw.database.db.select().from(currencies).where(eq(currencies.code, "USD")))[0]!.id;
});
afterAll(() => gw?.stop());

let tables = 0;
/** Every test prices its own rate table, so what one stashes never meets another's rates. */
async function freshTable(): Promise<string> {
  const [t] = await gw.database.db
    .insert(rateTables)
    .values({ partitionId: Number(w.partitionA), currencyId: usd, name: `special ${++tables}`, codeDeckId: deck })
    .returning();
  return String(t!.id);
}

/** Regular rates; returns the created rate ids in code order. */
async function regular(rateTableId: string, code: string, effectiveFrom: string, value: string, extra: Partial<RateCreateInput> = {}) {
  const result = dataOf(await gw.request(RateCreateDocument, { input: { rateTableId, code, effectiveFrom, value, ...extra } })).rateCreate;
  expect(result.userErrors).toEqual([]);
  return result.rates.map((r) => r.id);
}

async function createSpecial(input: Partial<SpecialRateCreateInput> & { rateTableId: string }) {
  const result = dataOf(
    await gw.request(SpecialRateCreateDocument, {
      input: { codeName: "Germany Berlin", effectiveFrom: "2026-06-01T00:00:00Z", value: "0.01", timeProfileId: w.allTime, ...input },
    }),
  ).specialRateCreate;
  expect(result.userErrors).toEqual([]);
  return result;
}

async function updateSpecial(id: string, input: SpecialRateUpdateInput) {
  const result = dataOf(await gw.request(SpecialRateUpdateDocument, { id, input })).specialRateUpdate;
  expect(result.userErrors).toEqual([]);
  return result;
}

/** What a one-minute call to `number` costs at `at` (the value per minute), and through which code. */
async function quote(rateTableId: string, at: string, number = "493012345", tag?: string) {
  const q = dataOf(await gw.request(RateQuoteDocument, { input: { rateTableId, dstNumber: number, at, volume: 60, tag } })).rateQuote;
  return q.reason ? q.reason : `${q.code} ${q.cost}`;
}

const ids = (rates: { id: string }[]) => rates.map((r) => r.id);
const stashes = async (id: string) => dataOf(await gw.request(SpecialRateStashesDocument, { id })).specialRate!;

describe(`special rates and stashing (${process.env.DATABASE_URL ? "Postgres" : "PGlite"})`, () => {
  it("1. stashes only the rates starting before its end date: the price scheduled after it ends applies", async () => {
    const t = await freshTable();
    await regular(t, "49", "2026-01-01T00:00:00Z", "0.1");
    await regular(t, "4930", "2026-01-01T00:00:00Z", "0.07");
    const [inside] = await regular(t, "4930", "2026-10-01T00:00:00Z", "0.09");
    const [after] = await regular(t, "4930", "2027-06-01T00:00:00Z", "0.05");
    const special = await createSpecial({ rateTableId: t, endDate: "2027-01-01T00:00:00Z", stashFutureRates: true });
    expect(ids(special.stashedRates)).toEqual([inside]);
    expect(special.stashedRates[0]).toMatchObject({ status: "STASHED", stashedBy: { id: special.specialRate!.id } });
    expect(special.skippedRates).toEqual([]);

    expect(await quote(t, "2026-03-01T00:00:00Z")).toBe("4930 0.07");
    expect(await quote(t, "2026-11-01T00:00:00Z")).toBe("4930 0.01");
    // Between its end and the next scheduled version the code has no version in force: its prefix prices it.
    expect(await quote(t, "2027-03-01T00:00:00Z")).toBe("49 0.1");
    expect(await quote(t, "2027-07-01T00:00:00Z")).toBe("4930 0.05");
    const held = await stashes(special.specialRate!.id);
    expect(held.stashedRates.nodes.map((r) => r.id)).toEqual([inside]);
    expect(ids(held.stashedRates.nodes)).not.toContain(after);
  });

  it("2. never stashes another special rate's generated rates: they stay active through that rate's unrelated updates", async () => {
    const t = await freshTable();
    await regular(t, "4930", "2026-01-01T00:00:00Z", "0.07");
    const later = await createSpecial({ rateTableId: t, effectiveFrom: "2026-09-01T00:00:00Z", value: "0.03" });
    const earlier = await createSpecial({ rateTableId: t, effectiveFrom: "2026-06-01T00:00:00Z", value: "0.01", stashFutureRates: true });
    expect(earlier.stashedRates).toEqual([]);
    expect(earlier.skippedRates.map((r) => [r.id, r.status, r.specialRate?.id, r.stashedBy])).toEqual([
      [later.rates[0]!.id, "ACTIVE", later.specialRate!.id, null],
    ]);

    expect(await quote(t, "2026-03-01T00:00:00Z")).toBe("4930 0.07");
    expect(await quote(t, "2026-07-01T00:00:00Z")).toBe("4930 0.01");
    expect(await quote(t, "2026-10-01T00:00:00Z")).toBe("4930 0.03");
    const notes = await updateSpecial(later.specialRate!.id, { notes: "unrelated edit" });
    expect(notes.rates.map((r) => [r.id, r.status])).toEqual([[later.rates[0]!.id, "ACTIVE"]]);
    expect(await quote(t, "2026-10-01T00:00:00Z")).toBe("4930 0.03");
    expect((await stashes(earlier.specialRate!.id)).stashedRates.totalCount).toBe(0);
  });

  it("3. specialRateDelete releases what it stashed: the code keeps an active rate", async () => {
    const t = await freshTable();
    await regular(t, "4930", "2026-01-01T00:00:00Z", "0.07");
    const [future] = await regular(t, "4930", "2027-01-01T00:00:00Z", "0.05");
    const special = await createSpecial({ rateTableId: t, stashFutureRates: true });
    expect(ids(special.stashedRates)).toEqual([future]);
    expect(await quote(t, "2026-03-01T00:00:00Z")).toBe("4930 0.07");
    expect(await quote(t, "2027-02-01T00:00:00Z")).toBe("4930 0.01");

    const deleted = dataOf(await gw.request(SpecialRateDeleteDocument, { id: special.specialRate!.id })).specialRateDelete;
    expect(deleted.userErrors).toEqual([]);
    expect(deleted.unstashedRates.map((r) => [r.id, r.status, r.stashedBy])).toEqual([[future, "ACTIVE", null]]);
    expect(await quote(t, "2026-07-01T00:00:00Z")).toBe("4930 0.07");
    expect(await quote(t, "2027-02-01T00:00:00Z")).toBe("4930 0.05");
  });

  it("4. stashes the later rates of its codes whatever their tag and time profile", async () => {
    const t = await freshTable();
    await regular(t, "4930", "2026-01-01T00:00:00Z", "0.07");
    const [vip] = await regular(t, "4930", "2026-08-01T00:00:00Z", "0.5", { tag: "VIP" });
    const [weekends] = await regular(t, "4930", "2026-08-01T00:00:00Z", "0.6", { timeProfileId: w.weekends });
    // Before the special rate, each would win: the requested tag over "@", a specific profile over all time.
    expect(await quote(t, "2026-09-08T12:00:00Z", undefined, "VIP")).toBe("4930 0.5");
    expect(await quote(t, "2026-09-05T12:00:00Z")).toBe("4930 0.6");

    const special = await createSpecial({ rateTableId: t, stashFutureRates: true });
    expect(special.stashedRates.map((r) => [r.id, r.tag, r.timeProfile.id]).sort()).toEqual(
      [
        [vip, "VIP", w.allTime],
        [weekends, "@", w.weekends],
      ].sort(),
    );
    expect(await quote(t, "2026-05-05T12:00:00Z", undefined, "VIP")).toBe("4930 0.07");
    expect(await quote(t, "2026-09-08T12:00:00Z", undefined, "VIP")).toBe("4930 0.01");
    expect(await quote(t, "2026-09-05T12:00:00Z")).toBe("4930 0.01");
    await gw.request(SpecialRateDeleteDocument, { id: special.specialRate!.id });
    expect(await quote(t, "2026-09-08T12:00:00Z", undefined, "VIP")).toBe("4930 0.5");
    expect(await quote(t, "2026-09-05T12:00:00Z")).toBe("4930 0.6");
  });

  it("5. specialRateUpdate keeps the ids of the rates whose code stays, adds and drops the others", async () => {
    const t = await freshTable();
    const special = await createSpecial({ rateTableId: t, codeName: "Germany Mobile", value: "0.02" });
    const byCode = Object.fromEntries(special.rates.map((r) => [r.code, r.id]));
    expect(Object.keys(byCode)).toEqual(["4915", "4916", "4917"]);
    expect(await quote(t, "2026-07-01T00:00:00Z", "4916123")).toBe("4916 0.02");

    const repriced = await updateSpecial(special.specialRate!.id, { value: "0.03", effectiveFrom: "2026-05-01T00:00:00Z" });
    expect(repriced.rates.map((r) => [r.code, r.id, r.value, r.effectiveFrom])).toEqual(
      ["4915", "4916", "4917"].map((code) => [code, byCode[code], "0.03", "2026-05-01T00:00:00.000Z"]),
    );
    expect(await quote(t, "2026-05-15T00:00:00Z", "4916123")).toBe("4916 0.03");

    // The deck changes: 4917 leaves the code name, 4918 joins it. The next update follows it.
    await gw.database.db.update(codes).set({ name: "Germany Other" }).where(and(eq(codes.codeDeckId, deck), eq(codes.code, "4917")));
    await gw.database.db.insert(codes).values({ codeDeckId: deck, code: "4918", name: "Germany Mobile" });
    try {
      const refreshed = await updateSpecial(special.specialRate!.id, { notes: "deck changed" });
      expect(refreshed.rates.map((r) => r.code)).toEqual(["4915", "4916", "4918"]);
      expect(refreshed.rates.slice(0, 2).map((r) => r.id)).toEqual([byCode["4915"], byCode["4916"]]);
      expect(Object.values(byCode)).not.toContain(refreshed.rates[2]!.id);
      expect(await quote(t, "2026-07-01T00:00:00Z", "4917123")).toBe("NO_MATCHING_RATE");
      expect(await quote(t, "2026-07-01T00:00:00Z", "4918123")).toBe("4918 0.03");
    } finally {
      await gw.database.db.update(codes).set({ name: "Germany Mobile" }).where(and(eq(codes.codeDeckId, deck), eq(codes.code, "4917")));
      await gw.database.db.delete(codes).where(and(eq(codes.codeDeckId, deck), eq(codes.code, "4918")));
    }
  });

  it("stashes a rate starting exactly at effectiveFrom and up to just before endDate, not one starting at endDate", async () => {
    const t = await freshTable();
    const [atStart] = await regular(t, "4930", "2026-06-01T00:00:00Z", "0.4", { tag: "VIP" });
    const [lastMoment] = await regular(t, "4930", "2026-12-31T23:59:59.999Z", "0.08");
    const [atEnd] = await regular(t, "4930", "2027-01-01T00:00:00Z", "0.05");
    const [before] = await regular(t, "4930", "2026-05-31T23:59:59.999Z", "0.3", { tag: "VIP" });
    const special = await createSpecial({ rateTableId: t, endDate: "2027-01-01T00:00:00Z", stashFutureRates: true });
    expect(ids(special.stashedRates).sort()).toEqual([atStart, lastMoment].sort());
    expect(await quote(t, "2026-05-31T23:59:59.999Z", undefined, "VIP")).toBe("4930 0.3");
    expect(await quote(t, "2026-06-01T00:00:00Z", undefined, "VIP")).toBe("4930 0.3");
    expect(await quote(t, "2026-12-31T23:59:59.999Z")).toBe("4930 0.01");
    expect(await quote(t, "2027-01-01T00:00:00Z")).toBe("4930 0.05");
    expect(ids((await stashes(special.specialRate!.id)).stashedRates.nodes)).not.toContain(atEnd);
    expect(ids((await stashes(special.specialRate!.id)).stashedRates.nodes)).not.toContain(before);
  });

  it("recomputes what it holds on update: a longer window stashes, a shorter one releases, stashFutureRates false releases all", async () => {
    const t = await freshTable();
    await regular(t, "4930", "2026-01-01T00:00:00Z", "0.07");
    const [aug] = await regular(t, "4930", "2026-08-01T00:00:00Z", "0.08");
    const [mar] = await regular(t, "4930", "2027-03-01T00:00:00Z", "0.09");
    const special = await createSpecial({ rateTableId: t, endDate: "2027-01-01T00:00:00Z", stashFutureRates: true });
    const id = special.specialRate!.id;
    expect(ids(special.stashedRates)).toEqual([aug]);

    const longer = await updateSpecial(id, { endDate: "2027-06-01T00:00:00Z" });
    expect([ids(longer.stashedRates), ids(longer.unstashedRates)]).toEqual([[mar], []]);
    expect(await quote(t, "2027-04-01T00:00:00Z")).toBe("4930 0.01");

    const open = await updateSpecial(id, { endDate: null });
    expect([ids(open.stashedRates), ids(open.unstashedRates)]).toEqual([[], []]);

    const shorter = await updateSpecial(id, { endDate: "2026-07-01T00:00:00Z" });
    expect(shorter.unstashedRates.map((r) => [r.id, r.status])).toEqual([
      [aug, "ACTIVE"],
      [mar, "ACTIVE"],
    ]);
    expect(await quote(t, "2026-06-15T00:00:00Z")).toBe("4930 0.01");
    expect(await quote(t, "2026-09-01T00:00:00Z")).toBe("4930 0.08");

    const again = await updateSpecial(id, { endDate: null });
    expect(ids(again.stashedRates)).toEqual([aug, mar]);
    const off = await updateSpecial(id, { stashFutureRates: false });
    expect(off.specialRate!.stashFutureRates).toBe(false);
    expect(ids(off.unstashedRates)).toEqual([aug, mar]);
    expect((await stashes(id)).stashedRates.totalCount).toBe(0);
    expect(await quote(t, "2026-09-01T00:00:00Z")).toBe("4930 0.08");

    const on = await updateSpecial(id, { stashFutureRates: true });
    expect(ids(on.stashedRates)).toEqual([aug, mar]);
    // A stashed special rate is not in force, so it holds nothing stashed either.
    const paused = await updateSpecial(id, { status: "STASHED" });
    expect(ids(paused.unstashedRates)).toEqual([aug, mar]);
    expect(await quote(t, "2026-09-01T00:00:00Z")).toBe("4930 0.08");
    expect(await quote(t, "2026-07-01T00:00:00Z")).toBe("4930 0.07");
  });

  it("two special rates on the same codes: one claim per rate, handed over when the holder goes", async () => {
    const t = await freshTable();
    await regular(t, "4930", "2026-01-01T00:00:00Z", "0.07");
    const [future] = await regular(t, "4930", "2027-01-01T00:00:00Z", "0.05");
    const first = await createSpecial({ rateTableId: t, value: "0.01", stashFutureRates: true });
    const second = await createSpecial({ rateTableId: t, effectiveFrom: "2026-09-01T00:00:00Z", value: "0.02", stashFutureRates: true });
    expect(ids(first.stashedRates)).toEqual([future]);
    expect(second.stashedRates).toEqual([]);
    expect(second.skippedRates).toEqual([]);
    expect(await quote(t, "2026-07-01T00:00:00Z")).toBe("4930 0.01");
    expect(await quote(t, "2027-02-01T00:00:00Z")).toBe("4930 0.02");

    const gone = dataOf(await gw.request(SpecialRateDeleteDocument, { id: first.specialRate!.id })).specialRateDelete;
    expect(gone.unstashedRates.map((r) => [r.id, r.status, r.stashedBy?.id])).toEqual([[future, "STASHED", second.specialRate!.id]]);
    expect(await quote(t, "2026-07-01T00:00:00Z")).toBe("4930 0.07");
    expect(await quote(t, "2027-02-01T00:00:00Z")).toBe("4930 0.02");

    const last = dataOf(await gw.request(SpecialRateDeleteDocument, { id: second.specialRate!.id })).specialRateDelete;
    expect(last.unstashedRates.map((r) => [r.id, r.status, r.stashedBy])).toEqual([[future, "ACTIVE", null]]);
    expect(await quote(t, "2027-02-01T00:00:00Z")).toBe("4930 0.05");
  });

  it("several special rates created at once claim each rate once, without errors", async () => {
    const t = await freshTable();
    const future = await regular(t, "4915,4916,4917", "2027-01-01T00:00:00Z", "0.05");
    const results = await Promise.all(
      ["2026-06-01T00:00:00Z", "2026-07-01T00:00:00Z", "2026-08-01T00:00:00Z"].map(async (effectiveFrom) =>
        dataOf(
          await gw.request(SpecialRateCreateDocument, {
            input: { rateTableId: t, codeName: "Germany Mobile", effectiveFrom, value: "0.01", timeProfileId: w.allTime, stashFutureRates: true },
          }),
        ).specialRateCreate,
      ),
    );
    expect(results.flatMap((r) => r.userErrors)).toEqual([]);
    expect(results.flatMap((r) => ids(r.stashedRates)).sort()).toEqual([...future].sort());
    const held = await Promise.all(results.map(async (r) => ids((await stashes(r.specialRate!.id)).stashedRates.nodes)));
    expect(held.flat().sort()).toEqual([...future].sort());
  });

  it("leaves a rate stashed by hand alone, and a rate re-activated by hand leaves its special rate", async () => {
    const t = await freshTable();
    const [byHand] = await regular(t, "4930", "2026-08-01T00:00:00Z", "0.08", { status: "STASHED" });
    const [claimed] = await regular(t, "4930", "2026-09-01T00:00:00Z", "0.09");
    const special = await createSpecial({ rateTableId: t, stashFutureRates: true });
    expect(ids(special.stashedRates)).toEqual([claimed]);

    const reactivated = dataOf(await gw.request(RateUpdateDocument, { id: claimed!, input: { status: "ACTIVE" } })).rateUpdate;
    expect(reactivated.userErrors).toEqual([]);
    expect(reactivated.rate).toMatchObject({ status: "ACTIVE", stashedBy: null });
    expect((await stashes(special.specialRate!.id)).stashedRates.totalCount).toBe(0);
    expect(await quote(t, "2026-10-01T00:00:00Z")).toBe("4930 0.09");

    const deleted = dataOf(await gw.request(SpecialRateDeleteDocument, { id: special.specialRate!.id })).specialRateDelete;
    expect(deleted.unstashedRates).toEqual([]);
    const stillStashed = dataOf(await gw.request(RatesOfTableDocument, { id: t, filter: { status: "STASHED" } })).rateTable!.rates.nodes;
    expect(stillStashed.map((r) => [r.id, r.stashedBy])).toEqual([[byHand, null]]);
    expect(await quote(t, "2026-08-15T00:00:00Z")).toBe("NO_MATCHING_RATE");
  });

  it("audits the rates it holds stashed, before and after", async () => {
    const t = await freshTable();
    const [future] = await regular(t, "4930", "2027-01-01T00:00:00Z", "0.05");
    const special = await createSpecial({ rateTableId: t, stashFutureRates: true });
    const id = special.specialRate!.id;
    await updateSpecial(id, { stashFutureRates: false });
    await gw.request(SpecialRateDeleteDocument, { id });
    const events = await gw.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.objectType, "SpecialRate"), eq(auditEvents.objectId, Number(id))))
      .orderBy(auditEvents.id);
    const held = (v: unknown) => (v as { stashedRateIds: number[] } | null)?.stashedRateIds;
    expect(events.map((e) => [e.action, held(e.before), held(e.after)])).toEqual([
      ["create", undefined, [Number(future)]],
      ["update", [Number(future)], []],
      ["delete", [], undefined],
    ]);
  });

  it("deletes a rate table whose special rate holds rates stashed", async () => {
    const t = await freshTable();
    await regular(t, "4930", "2027-01-01T00:00:00Z", "0.05");
    await createSpecial({ rateTableId: t, stashFutureRates: true });
    expect(dataOf(await gw.request(RateTableDeleteDocument, { id: t })).rateTableDelete.userErrors).toEqual([]);
  });
});
