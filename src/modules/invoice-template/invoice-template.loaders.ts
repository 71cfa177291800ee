import type { Db } from "../../db/client.js";
import { invoiceTemplates, type InvoiceTemplateRow } from "../../db/schema.js";
import { tableByIdLoader } from "../../loading/by-id.js";

export function createInvoiceTemplateLoaders(db: Db) {
  return { invoiceTemplateById: tableByIdLoader<InvoiceTemplateRow>(db, { table: invoiceTemplates, id: invoiceTemplates.id }) };
}
