import type { Db } from "../../db/client.js";
import { routingPlans, type RoutingPlanRow } from "../../db/schema.js";
import { tableByIdLoader } from "../../loading/by-id.js";
import type { ListSource } from "../../loading/rows.js";

/** Routing plans as their loader and embedded reads read them. */
export const ROUTING_PLAN_SOURCE: ListSource = { table: routingPlans, id: routingPlans.id, type: { name: "RoutingPlan", needs: {} } };

export function createRoutingPlanLoaders(db: Db) {
  return { routingPlanById: tableByIdLoader<RoutingPlanRow>(db, ROUTING_PLAN_SOURCE) };
}
