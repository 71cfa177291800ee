import type { Db } from "../../db/client.js";
import { timeProfiles, type TimeProfileRow } from "../../db/schema.js";
import { groupLoader, tableByIdLoader } from "../../loading/by-id.js";
import type { ListSource } from "../../loading/rows.js";
import { periodsOfProfiles } from "./time-profile.service.js";

/** Time profiles as their loader and embedded reads read them; their periods have a loader of their own. */
export const TIME_PROFILE_SOURCE: ListSource = { table: timeProfiles, id: timeProfiles.id, type: { name: "TimeProfile", needs: { periods: [], allTime: [] } } };

export function createTimeProfileLoaders(db: Db) {
  return {
    timeProfileById: tableByIdLoader<TimeProfileRow>(db, TIME_PROFILE_SOURCE),
    periodsOfTimeProfile: groupLoader((ids) => periodsOfProfiles(db, ids)),
  };
}
