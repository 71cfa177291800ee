import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { clientRateTables, clients, type ClientRow, type RateTableRow } from "../../db/schema.js";
import { joinLoader, tableByIdLoader } from "../../loading/by-id.js";
import { RATE_TABLE_SOURCE } from "../rate-table/rate-table.loaders.js";

/** A client's rate tables of one direction, in their configured order: one statement for all clients asked. */
const rateTablesOfClient = (db: Db, direction: "origination" | "termination") =>
  joinLoader<RateTableRow>(db, {
    target: RATE_TABLE_SOURCE,
    link: clientRateTables,
    parent: clientRateTables.clientId,
    ref: clientRateTables.rateTableId,
    where: eq(clientRateTables.direction, direction),
    position: clientRateTables.position,
  });

export function createClientLoaders(db: Db) {
  return {
    clientById: tableByIdLoader<ClientRow>(db, { table: clients, id: clients.id }),
    originationRateTablesOfClient: rateTablesOfClient(db, "origination"),
    terminationRateTablesOfClient: rateTablesOfClient(db, "termination"),
  };
}
