import type { Db } from "../../db/client.js";
import { lowBalanceProfiles, type LowBalanceProfileRow } from "../../db/schema.js";
import { tableByIdLoader } from "../../loading/by-id.js";
import type { ListSource } from "../../loading/rows.js";

/** Low balance profiles as their loader and embedded reads read them. */
export const LOW_BALANCE_PROFILE_SOURCE: ListSource = {
  table: lowBalanceProfiles,
  id: lowBalanceProfiles.id,
  type: { name: "LowBalanceProfile", needs: { partition: ["partitionId"] } },
};

export function createLowBalanceProfileLoaders(db: Db) {
  return {
    lowBalanceProfileById: tableByIdLoader<LowBalanceProfileRow>(db, LOW_BALANCE_PROFILE_SOURCE),
  };
}
