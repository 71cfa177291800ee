import type { Db } from "../../db/client.js";
import { paymentTerms, type PaymentTermRow } from "../../db/schema.js";
import { chooseOrder, nameContains, namedOrders, NameOrderField, type NamedListArgs } from "../../loading/list-args.js";
import { tablePage } from "../../loading/table-pages.js";

const ORDERS = namedOrders<PaymentTermRow>(paymentTerms);

export function listPaymentTerms(db: Db, args: NamedListArgs) {
  const order = chooseOrder(ORDERS, args.orderBy, NameOrderField.NAME);
  return tablePage(db, { table: paymentTerms, id: paymentTerms.id }, args, order, nameContains(paymentTerms.name, args.filter?.nameContains));
}
