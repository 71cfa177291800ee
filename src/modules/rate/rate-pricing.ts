import { and, eq, inArray, isNull, ne, or } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { INT32_MAX, rates, type SpecialRateRow } from "../../db/schema.js";
import { MONEY_BOUNDS } from "../../decimal.js";
import { UserErrorCode, userError, type UserErrorList } from "../../errors.js";
import type { ConstraintErrors } from "../../mutation.js";
import { parse, type FieldRule } from "../../validation.js";
import type { RatePricingUpdateInput } from "./rate.inputs.js";

/** Input field -> column rules for the price fields regular and special rates share. */
export const PRICING_RULES: { [K in keyof RatePricingUpdateInput]?: FieldRule } = {
  effectiveFrom: { column: "effectiveFrom", parse: parse.same() },
  endDate: { column: "endDate", parse: parse.same(), nullable: true },
  value: { column: "value", parse: parse.decimal(MONEY_BOUNDS) },
  minVolume: { column: "minVolume", parse: parse.int(1, INT32_MAX) },
  payInterval: { column: "payInterval", parse: parse.int(1, INT32_MAX) },
  setupFee: { column: "setupFee", parse: parse.decimal(MONEY_BOUNDS) },
  graceVolume: { column: "graceVolume", parse: parse.int(0, INT32_MAX) },
  timeProfileId: { column: "timeProfileId", parse: parse.id("time profile") },
  tag: { column: "tag", parse: parse.text(64) },
  minDstLength: { column: "minDstLength", parse: parse.int(1, 100), nullable: true },
  maxDstLength: { column: "maxDstLength", parse: parse.int(1, 100), nullable: true },
  notes: { column: "notes", parse: parse.optionalText(10_000), nullable: true },
  status: { column: "status", parse: parse.same() },
};

export type Pricing = Partial<Omit<SpecialRateRow, "id" | "rateTableId" | "codeName" | "createdAt" | "updatedAt">>;

/** Rules across price fields, checked on the rate as it would be after the change. */
export function checkMergedPricing(errors: UserErrorList, p: Pricing): void {
  if (p.endDate && p.effectiveFrom && p.endDate <= p.effectiveFrom) {
    errors.add(["input", "endDate"], UserErrorCode.INVALID, "must be after effectiveFrom");
  }
  if (p.minDstLength != null && p.maxDstLength != null && p.minDstLength > p.maxDstLength) {
    errors.add(["input", "maxDstLength"], UserErrorCode.INVALID, `must be at least minDstLength (${p.minDstLength})`);
  }
}

const SHOWN_CODES = 5;

/**
 * Refuses versions that already exist: one rate per table, code, tag, time profile and effective moment.
 * The unique index decides races (RATE_VERSION_TAKEN); this names the codes for the common case. A special
 * rate being changed passes its own id: its generated rates are about to be repriced, not added.
 */
export async function checkFreeVersions(
  tx: Db,
  errors: UserErrorList,
  rateTableId: number,
  codes: string[],
  p: Pricing,
  ownSpecialRateId?: number,
): Promise<void> {
  const taken = await tx
    .select({ code: rates.code })
    .from(rates)
    .where(
      and(
        eq(rates.rateTableId, rateTableId),
        inArray(rates.code, codes),
        eq(rates.tag, p.tag!),
        eq(rates.timeProfileId, p.timeProfileId!),
        eq(rates.effectiveFrom, p.effectiveFrom!),
        ownSpecialRateId === undefined ? undefined : or(isNull(rates.specialRateId), ne(rates.specialRateId, ownSpecialRateId)),
      ),
    )
    .limit(SHOWN_CODES + 1);
  if (taken.length > 0) {
    const shown = taken.slice(0, SHOWN_CODES).map((r) => r.code).join(", ");
    errors.add(
      ["input", "effectiveFrom"],
      UserErrorCode.CONFLICT,
      `a rate with this tag and time profile already starts at this moment for code ${shown}${taken.length > SHOWN_CODES ? " and more" : ""}`,
    );
  }
}

export const RATE_CONSTRAINTS: ConstraintErrors = {
  rates_version_key: () =>
    userError(["input", "effectiveFrom"], UserErrorCode.CONFLICT, "a rate with this code, tag and time profile already starts at this moment"),
};
