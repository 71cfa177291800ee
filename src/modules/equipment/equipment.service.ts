import type { Db } from "../../db/client.js";
import { equipment, type EquipmentRow } from "../../db/schema.js";
import { chooseOrder, nameContains, namedOrders, NameOrderField, type NamedListArgs } from "../../loading/list-args.js";
import { tablePage } from "../../loading/table-pages.js";

const ORDERS = namedOrders<EquipmentRow>(equipment);

export function listEquipment(db: Db, args: NamedListArgs) {
  const order = chooseOrder(ORDERS, args.orderBy, NameOrderField.NAME);
  return tablePage(db, { table: equipment, id: equipment.id }, args, order, nameContains(equipment.name, args.filter?.nameContains));
}
