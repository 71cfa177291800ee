import type { Db } from "../../db/client.js";
import { lowBalanceProfiles, type LowBalanceProfileRow } from "../../db/schema.js";
import { tableByIdLoader } from "../../loading/by-id.js";

export function createLowBalanceProfileLoaders(db: Db) {
  return {
    lowBalanceProfileById: tableByIdLoader<LowBalanceProfileRow>(db, { table: lowBalanceProfiles, id: lowBalanceProfiles.id }),
  };
}
