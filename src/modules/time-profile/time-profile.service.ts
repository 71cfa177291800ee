import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { rates, specialRates, timeProfilePeriods, timeProfiles, type TimeProfilePeriodRow, type TimeProfileRow } from "../../db/schema.js";
import { entityWriter } from "../../entity-writer.js";
import { UserErrorCode, userError, type UserErrorList } from "../../errors.js";
import { chooseOrder, nameContains, namedOrders, NameOrderField, type NamedListArgs } from "../../loading/list-args.js";
import { tablePage } from "../../loading/table-pages.js";
import { parse, type FieldRule } from "../../validation.js";
import type { TimeProfileCreateInput, TimeProfilePeriodInput, TimeProfileUpdateInput } from "./time-profile.inputs.js";
import { inIdArray } from "../../db/id-array.js";

const ORDERS = namedOrders<TimeProfileRow>(timeProfiles);

export function listTimeProfiles(db: Db, args: NamedListArgs) {
  const order = chooseOrder(ORDERS, args.orderBy, NameOrderField.NAME);
  return tablePage(db, { table: timeProfiles, id: timeProfiles.id }, args, order, nameContains(timeProfiles.name, args.filter?.nameContains));
}

/** The periods of many profiles, in weekday and time order. */
export function periodsOfProfiles(db: Db, profileIds: number[]) {
  return db
    .select({
      parentId: timeProfilePeriods.timeProfileId,
      weekdayFrom: timeProfilePeriods.weekdayFrom,
      weekdayTill: timeProfilePeriods.weekdayTill,
      timeFrom: timeProfilePeriods.timeFrom,
      timeTill: timeProfilePeriods.timeTill,
    })
    .from(timeProfilePeriods)
    .where(inIdArray(timeProfilePeriods.timeProfileId, profileIds))
    .orderBy(asc(timeProfilePeriods.weekdayFrom), asc(timeProfilePeriods.timeFrom), asc(timeProfilePeriods.id));
}

const RULES: { [K in keyof TimeProfileUpdateInput]?: FieldRule } = {
  name: { column: "name", parse: parse.text(128) },
  timezone: { column: "timezone", parse: parse.timezone() },
};

type PeriodColumns = Omit<TimeProfilePeriodRow, "id" | "timeProfileId">;

/** Checks each period; returns them when all are valid, undefined when omitted (leave as is). */
function readPeriods(errors: UserErrorList, periods: TimeProfilePeriodInput[] | null | undefined): PeriodColumns[] | undefined {
  if (periods == null) return periods === null ? [] : undefined;
  return periods.map((p, i) => {
    const path = ["input", "periods", String(i)];
    const weekdayFrom = parse.int(1, 7)(errors, [...path, "weekdayFrom"], p.weekdayFrom) ?? 1;
    const weekdayTill = parse.int(1, 7)(errors, [...path, "weekdayTill"], p.weekdayTill) ?? 7;
    const timeFrom = parse.timeOfDay()(errors, [...path, "timeFrom"], p.timeFrom) ?? "00:00:00";
    const timeTill = parse.timeOfDay()(errors, [...path, "timeTill"], p.timeTill) ?? "23:59:59";
    if (weekdayFrom > weekdayTill) errors.add([...path, "weekdayTill"], UserErrorCode.INVALID, "must be at least weekdayFrom");
    // Zero-padded "HH:MM:SS[.f]" strings order like the times they name.
    if (timeFrom > timeTill) errors.add([...path, "timeTill"], UserErrorCode.INVALID, "must be at least timeFrom");
    return { weekdayFrom, weekdayTill, timeFrom, timeTill };
  });
}

export const timeProfileWriter = entityWriter<typeof timeProfiles, TimeProfileCreateInput, TimeProfileUpdateInput, PeriodColumns[]>({
  table: timeProfiles,
  objectType: "TimeProfile",
  what: "time profile",
  createRules: RULES,
  updateRules: RULES,
  constraints: { time_profiles_name_key: () => userError(["input", "name"], UserErrorCode.TAKEN, "another time profile has this name") },
  dependents: [
    { table: rates, column: rates.timeProfileId, what: "rates" },
    { table: specialRates, column: specialRates.timeProfileId, what: "special rates" },
  ],
  readExtra: (errors, input) => readPeriods(errors, input.periods),
  async afterWrite(tx, row, periods) {
    if (periods === undefined) return;
    await tx.delete(timeProfilePeriods).where(eq(timeProfilePeriods.timeProfileId, row.id));
    if (periods.length) await tx.insert(timeProfilePeriods).values(periods.map((p) => ({ ...p, timeProfileId: row.id })));
  },
  audited: async (tx, row) => ({ ...row, periods: await periodsOfProfiles(tx, [row.id]) }),
  partitionId: async () => null,
});
