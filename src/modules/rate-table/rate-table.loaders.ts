import type { Db } from "../../db/client.js";
import { rateTables, type RateTableRow } from "../../db/schema.js";
import { tableByIdLoader } from "../../loading/by-id.js";

/** Rate tables as the target of a link table (see joinLoader): every column, visible to the request. */
export const RATE_TABLE_SOURCE = { table: rateTables, id: rateTables.id };

/** Rate tables by id. The lists of templates, clients and accounts live with their owners. */
export function createRateTableLoaders(db: Db) {
  return { rateTableById: tableByIdLoader<RateTableRow>(db, RATE_TABLE_SOURCE) };
}
