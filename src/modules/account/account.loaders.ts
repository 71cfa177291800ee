import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { accountEquipment, accountRateTables, equipment, type EquipmentRow, type RateTableRow } from "../../db/schema.js";
import { joinLoader, tableByIdLoader } from "../../loading/by-id.js";
import { RATE_TABLE_SOURCE } from "../rate-table/rate-table.loaders.js";
import { ACCOUNT_SOURCE, type ReadableAccountRow } from "./account.service.js";

/**
 * An account's rate tables of one direction, in their configured order. However many accounts a
 * request shows, their rate tables are one statement: the loader collects the account ids asked for in
 * one tick and joinLoader (src/loading/by-id.ts) reads `account_rate_tables` joined to `rate_tables`
 * for all of them, then hands each account its own list.
 */
const rateTablesOfAccount = (db: Db, direction: "origination" | "termination") =>
  joinLoader<RateTableRow>(db, {
    target: RATE_TABLE_SOURCE,
    link: accountRateTables,
    parent: accountRateTables.accountId,
    ref: accountRateTables.rateTableId,
    where: eq(accountRateTables.direction, direction),
    position: accountRateTables.position,
  });

export function createAccountLoaders(db: Db) {
  return {
    accountById: tableByIdLoader<ReadableAccountRow>(db, ACCOUNT_SOURCE),
    equipmentOfAccount: joinLoader<EquipmentRow>(db, {
      target: { table: equipment, id: equipment.id },
      link: accountEquipment,
      parent: accountEquipment.accountId,
      ref: accountEquipment.equipmentId,
    }),
    originationRateTablesOfAccount: rateTablesOfAccount(db, "origination"),
    terminationRateTablesOfAccount: rateTablesOfAccount(db, "termination"),
  };
}
