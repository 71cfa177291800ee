import type { Db } from "../../db/client.js";
import { clientTemplates, type ClientTemplateRow } from "../../db/schema.js";
import { tableByIdLoader } from "../../loaders.js";

export function createClientTemplateLoaders(db: Db) {
  return { clientTemplateById: tableByIdLoader<ClientTemplateRow>(db, { table: clientTemplates, id: clientTemplates.id }) };
}
