import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import {
  accountRateTables,
  clientRateTables,
  clientTemplateRateTables,
  rateTables,
  type RateTableRow,
} from "../../db/schema.js";
import { joinLoader, tableByIdLoader } from "../../loaders.js";

const RATE_TABLE_SOURCE = { table: rateTables, id: rateTables.id };

const ofClient = (db: Db, direction: "origination" | "termination") =>
  joinLoader<RateTableRow>(db, {
    target: RATE_TABLE_SOURCE,
    link: clientRateTables,
    parent: clientRateTables.clientId,
    ref: clientRateTables.rateTableId,
    where: eq(clientRateTables.direction, direction),
    position: clientRateTables.position,
  });

const ofAccount = (db: Db, direction: "origination" | "termination") =>
  joinLoader<RateTableRow>(db, {
    target: RATE_TABLE_SOURCE,
    link: accountRateTables,
    parent: accountRateTables.accountId,
    ref: accountRateTables.rateTableId,
    where: eq(accountRateTables.direction, direction),
    position: accountRateTables.position,
  });

/** Rate tables by id and, in their configured order, the rate tables of templates, clients and accounts. */
export function createRateTableLoaders(db: Db) {
  return {
    rateTableById: tableByIdLoader<RateTableRow>(db, RATE_TABLE_SOURCE),
    rateTablesOfTemplate: joinLoader<RateTableRow>(db, {
      target: RATE_TABLE_SOURCE,
      link: clientTemplateRateTables,
      parent: clientTemplateRateTables.clientTemplateId,
      ref: clientTemplateRateTables.rateTableId,
      position: clientTemplateRateTables.position,
    }),
    originationRateTablesOfClient: ofClient(db, "origination"),
    terminationRateTablesOfClient: ofClient(db, "termination"),
    originationRateTablesOfAccount: ofAccount(db, "origination"),
    terminationRateTablesOfAccount: ofAccount(db, "termination"),
  };
}
