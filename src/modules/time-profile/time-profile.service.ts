import { asc, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { timeProfilePeriods, timeProfiles, type TimeProfileRow } from "../../db/schema.js";
import { chooseOrder, nameContains, namedOrders, NameOrderField, tablePage, type NamedListArgs } from "../../lists.js";

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
    .where(inArray(timeProfilePeriods.timeProfileId, profileIds))
    .orderBy(asc(timeProfilePeriods.weekdayFrom), asc(timeProfilePeriods.timeFrom), asc(timeProfilePeriods.id));
}
