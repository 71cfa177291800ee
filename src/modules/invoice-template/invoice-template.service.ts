import type { Db } from "../../db/client.js";
import { invoiceTemplates, type InvoiceTemplateRow } from "../../db/schema.js";
import { chooseOrder, nameContains, namedOrders, NameOrderField, type NamedListArgs } from "../../loading/list-args.js";
import { tablePage } from "../../loading/table-pages.js";

const ORDERS = namedOrders<InvoiceTemplateRow>(invoiceTemplates);

export function listInvoiceTemplates(db: Db, args: NamedListArgs) {
  const order = chooseOrder(ORDERS, args.orderBy, NameOrderField.NAME);
  return tablePage(db, { table: invoiceTemplates, id: invoiceTemplates.id }, args, order, nameContains(invoiceTemplates.name, args.filter?.nameContains));
}
