import type { Db } from "../../db/client.js";
import { paymentTerms, type PaymentTermRow } from "../../db/schema.js";
import { chooseOrder, nameContains, namedOrders, NameOrderField, tablePage, type NamedListArgs } from "../../lists.js";

const ORDERS = namedOrders<PaymentTermRow>(paymentTerms);

export function listPaymentTerms(db: Db, args: NamedListArgs) {
  const order = chooseOrder(ORDERS, args.orderBy, NameOrderField.NAME);
  return tablePage(db, { table: paymentTerms, id: paymentTerms.id }, args, order, nameContains(paymentTerms.name, args.filter?.nameContains));
}
