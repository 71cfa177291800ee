import type { Db } from "../../db/client.js";
import { invoiceTemplates, type InvoiceTemplateRow } from "../../db/schema.js";
import { tableByIdLoader } from "../../loading/by-id.js";
import type { ListSource } from "../../loading/rows.js";

/** Invoice templates as their loader and embedded reads read them. */
export const INVOICE_TEMPLATE_SOURCE: ListSource = { table: invoiceTemplates, id: invoiceTemplates.id, type: { name: "InvoiceTemplate", needs: {} } };

export function createInvoiceTemplateLoaders(db: Db) {
  return { invoiceTemplateById: tableByIdLoader<InvoiceTemplateRow>(db, INVOICE_TEMPLATE_SOURCE) };
}
