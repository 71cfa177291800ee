import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { codes, rates, rateTables, specialRates, timeProfiles, type RateTableRow, type SpecialRateRow } from "../../db/schema.js";
import { UserErrorCode, UserErrorList } from "../../errors.js";
import { audit, lockForChange, transact, type Writer } from "../../mutation.js";
import type { MutationResult } from "../../payload.js";
import { References } from "../../references.js";
import { visibleIn } from "../../scope.js";
import { collectChanges, parse } from "../../validation.js";
import { createRateNotifications } from "../rate-notification/rate-notification.service.js";
import { partitionOfRateTable } from "../rate-table/rate-table.service.js";
import { checkFreeVersions, checkMergedPricing, PRICING_RULES, RATE_CONSTRAINTS, type Pricing } from "./rate-pricing.js";
import type { SpecialRateCreateInput, SpecialRateUpdateInput } from "./rate.inputs.js";
import { RATE_SOURCE, type RateRow } from "./rate.service.js";

export interface SpecialRateResult {
  specialRate: SpecialRateRow;
  rates: RateRow[];
}

/** The codes a code name stands for in the table's deck; records NOT_FOUND on codeName when there are none. */
async function unfoldCodeName(tx: Db, errors: UserErrorList, table: RateTableRow, codeName: string): Promise<string[]> {
  const path = ["input", "codeName"];
  if (table.codeDeckId === null) {
    errors.add(path, UserErrorCode.NOT_FOUND, "the rate table has no code deck to look the code name up in");
    return [];
  }
  const found = await tx
    .select({ code: codes.code })
    .from(codes)
    .where(and(eq(codes.codeDeckId, table.codeDeckId), eq(codes.name, codeName)))
    .orderBy(asc(codes.code));
  if (found.length === 0) errors.add(path, UserErrorCode.NOT_FOUND, `no codes named "${codeName}" in the rate table's code deck`);
  return found.map((c) => c.code);
}

/** Writes one regular rate per code, linked to the special rate and priced like it. */
async function generateRates(tx: Db, special: SpecialRateRow, codeList: string[]): Promise<void> {
  const { id, codeName: _name, createdAt: _c, updatedAt: _u, ...pricing } = special;
  await tx.insert(rates).values(codeList.map((code) => ({ ...pricing, code, specialRateId: id })));
}

async function result(tx: Db, specialRateId: number): Promise<SpecialRateResult> {
  const [specialRate] = await tx.select().from(specialRates).where(eq(specialRates.id, specialRateId));
  const generated = await tx
    .select(RATE_SOURCE.fields!)
    .from(rates)
    .where(eq(rates.specialRateId, specialRateId))
    .orderBy(asc(rates.code));
  return { specialRate: specialRate!, rates: generated as unknown as RateRow[] };
}

/** What the audit log keeps of a special rate: its fields and the codes it priced. */
const audited = (r: SpecialRateResult) => ({ ...r.specialRate, codes: r.rates.map((rate) => rate.code) });

const timeProfileTarget = { table: timeProfiles, id: timeProfiles.id, what: "time profile" };

export async function createSpecialRate(w: Writer, input: SpecialRateCreateInput): Promise<MutationResult<SpecialRateResult>> {
  const errors = new UserErrorList();
  const pricing = collectChanges(errors, ["input"], input, PRICING_RULES) as Pricing;
  const codeName = parse.text(128)(errors, ["input", "codeName"], input.codeName);
  const rateTableId = parse.id("rate table")(errors, ["input", "rateTableId"], input.rateTableId);
  checkMergedPricing(errors, pricing);
  return transact(
    w.db,
    errors,
    async (tx) => {
      const [table] =
        rateTableId === undefined ? [] : await tx.select().from(rateTables).where(and(eq(rateTables.id, rateTableId), visibleIn(rateTables)));
      if (rateTableId !== undefined && !table) errors.add(["input", "rateTableId"], UserErrorCode.NOT_FOUND, "no rate table with this id");
      const refs = new References();
      refs.add(timeProfileTarget, ["input", "timeProfileId"], pricing.timeProfileId);
      await refs.check(tx, errors);
      if (!table || codeName === undefined) return undefined;
      const codeList = await unfoldCodeName(tx, errors, table, codeName);
      if (!errors.isEmpty) return undefined;
      await checkFreeVersions(tx, errors, table.id, codeList, pricing);
      if (!errors.isEmpty) return undefined;

      const [special] = await tx
        .insert(specialRates)
        .values({ ...(pricing as typeof specialRates.$inferInsert), rateTableId: table.id, codeName })
        .returning();
      await generateRates(tx, special!, codeList);
      // Later versions of these codes would end the special price early; stashing keeps it in force.
      const stashed = input.stashFutureRates
        ? await tx
            .update(rates)
            .set({ status: "stashed", updatedAt: sql`now()` })
            .where(
              and(
                eq(rates.rateTableId, table.id),
                inArray(rates.code, codeList),
                eq(rates.tag, special!.tag),
                eq(rates.timeProfileId, special!.timeProfileId),
                gt(rates.effectiveFrom, special!.effectiveFrom),
                eq(rates.status, "active"),
              ),
            )
            .returning({ id: rates.id })
        : [];
      const created = await result(tx, special!.id);
      if (input.notify) await createRateNotifications(tx, { ...created, previousRates: [] });
      await audit(tx, w.actor, {
        action: "create",
        objectType: "SpecialRate",
        objectId: special!.id,
        partitionId: table.partitionId,
        after: { ...audited(created), stashedRateIds: stashed.map((r) => r.id) },
      });
      return created;
    },
    RATE_CONSTRAINTS,
  );
}

export async function updateSpecialRate(w: Writer, id: string, input: SpecialRateUpdateInput): Promise<MutationResult<SpecialRateResult>> {
  const errors = new UserErrorList();
  const changes = collectChanges(errors, ["input"], input, PRICING_RULES) as Pricing;
  const codeName = input.codeName == null ? undefined : parse.text(128)(errors, ["input", "codeName"], input.codeName);
  if (input.codeName === null) errors.add(["input", "codeName"], UserErrorCode.REQUIRED, "cannot be null; omit the field to leave it unchanged");
  return transact(
    w.db,
    errors,
    async (tx) => {
      const existing = await lockForChange(tx, errors, specialRates, id, "special rate");
      if (!existing) return undefined;
      const merged = { ...existing, ...changes, codeName: codeName ?? existing.codeName };
      checkMergedPricing(errors, merged);
      const refs = new References();
      refs.add(timeProfileTarget, ["input", "timeProfileId"], changes.timeProfileId);
      await refs.check(tx, errors);
      const [table] = await tx.select().from(rateTables).where(eq(rateTables.id, existing.rateTableId));
      const before = await result(tx, existing.id);
      // The generated rates are rebuilt from the new price, so they never disagree with it.
      await tx.delete(rates).where(eq(rates.specialRateId, existing.id));
      const codeList = await unfoldCodeName(tx, errors, table!, merged.codeName);
      if (!errors.isEmpty) return undefined;
      await checkFreeVersions(tx, errors, table!.id, codeList, merged);
      if (!errors.isEmpty) return undefined;
      const [updated] = await tx
        .update(specialRates)
        .set({ ...changes, codeName: merged.codeName, updatedAt: sql`now()` })
        .where(eq(specialRates.id, existing.id))
        .returning();
      await generateRates(tx, updated!, codeList);
      const after = await result(tx, existing.id);
      if (input.notify) await createRateNotifications(tx, { ...after, previousRates: before.rates });
      await audit(tx, w.actor, {
        action: "update",
        objectType: "SpecialRate",
        objectId: existing.id,
        partitionId: table!.partitionId,
        before: audited(before),
        after: audited(after),
      });
      return after;
    },
    RATE_CONSTRAINTS,
  );
}

export async function deleteSpecialRate(w: Writer, id: string): Promise<MutationResult<number>> {
  const errors = new UserErrorList();
  return transact(w.db, errors, async (tx) => {
    const existing = await lockForChange(tx, errors, specialRates, id, "special rate");
    if (!existing) return undefined;
    const before = await result(tx, existing.id);
    const partitionId = await partitionOfRateTable(tx, existing.rateTableId);
    // Its generated rates go with it (ON DELETE CASCADE).
    await tx.delete(specialRates).where(eq(specialRates.id, existing.id));
    await audit(tx, w.actor, { action: "delete", objectType: "SpecialRate", objectId: existing.id, partitionId, before: audited(before) });
    return existing.id;
  });
}

