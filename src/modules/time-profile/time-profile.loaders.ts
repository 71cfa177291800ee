import type { Db } from "../../db/client.js";
import { timeProfiles, type TimeProfileRow } from "../../db/schema.js";
import { groupLoader, tableByIdLoader } from "../../loading/by-id.js";
import { periodsOfProfiles } from "./time-profile.service.js";

export function createTimeProfileLoaders(db: Db) {
  return {
    timeProfileById: tableByIdLoader<TimeProfileRow>(db, { table: timeProfiles, id: timeProfiles.id }),
    periodsOfTimeProfile: groupLoader((ids) => periodsOfProfiles(db, ids)),
  };
}
