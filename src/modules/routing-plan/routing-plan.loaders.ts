import type { Db } from "../../db/client.js";
import { routingPlans, type RoutingPlanRow } from "../../db/schema.js";
import { tableByIdLoader } from "../../loading/by-id.js";

export function createRoutingPlanLoaders(db: Db) {
  return { routingPlanById: tableByIdLoader<RoutingPlanRow>(db, { table: routingPlans, id: routingPlans.id }) };
}
