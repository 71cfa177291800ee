import type { Db } from "../../db/client.js";
import { routingPlans, type RoutingPlanRow } from "../../db/schema.js";
import { chooseOrder, nameContains, namedOrders, NameOrderField, tablePage, type NamedListArgs } from "../../lists.js";

const ORDERS = namedOrders<RoutingPlanRow>(routingPlans);

export function listRoutingPlans(db: Db, args: NamedListArgs) {
  const order = chooseOrder(ORDERS, args.orderBy, NameOrderField.NAME);
  return tablePage(db, { table: routingPlans, id: routingPlans.id }, args, order, nameContains(routingPlans.name, args.filter?.nameContains));
}
