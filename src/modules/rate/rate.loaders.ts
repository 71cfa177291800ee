import type { Db } from "../../db/client.js";
import { specialRates, type SpecialRateRow } from "../../db/schema.js";
import { tableByIdLoader } from "../../loading/by-id.js";
import { RATE_SOURCE, type RateRow } from "./rate.service.js";

export function createRateLoaders(db: Db) {
  return {
    rateById: tableByIdLoader<RateRow>(db, RATE_SOURCE),
    specialRateById: tableByIdLoader<SpecialRateRow>(db, { table: specialRates, id: specialRates.id }),
  };
}
