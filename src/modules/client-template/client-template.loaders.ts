import type { Db } from "../../db/client.js";
import { clientTemplateRateTables, clientTemplates, type ClientTemplateRow, type RateTableRow } from "../../db/schema.js";
import { joinLoader, tableByIdLoader } from "../../loading/by-id.js";
import { RATE_TABLE_SOURCE } from "../rate-table/rate-table.loaders.js";

export function createClientTemplateLoaders(db: Db) {
  return {
    clientTemplateById: tableByIdLoader<ClientTemplateRow>(db, { table: clientTemplates, id: clientTemplates.id }),
    /** A template's origination rate tables, in order: one statement for all templates asked. */
    rateTablesOfTemplate: joinLoader<RateTableRow>(db, {
      target: RATE_TABLE_SOURCE,
      link: clientTemplateRateTables,
      parent: clientTemplateRateTables.clientTemplateId,
      ref: clientTemplateRateTables.rateTableId,
      position: clientTemplateRateTables.position,
    }),
  };
}
