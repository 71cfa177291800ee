import { Resolver } from "type-graphql";
import { NamedListArgs } from "../../lists.js";
import { readQueries } from "../../read-queries.js";
import { listRoutingPlans } from "./routing-plan.service.js";
import { RoutingPlan, RoutingPlanConnection } from "./routing-plan.type.js";

@Resolver(() => RoutingPlan)
export class RoutingPlanResolver extends readQueries({
  type: RoutingPlan,
  connection: RoutingPlanConnection,
  args: NamedListArgs,
  single: "routingPlan",
  plural: "routingPlans",
  noun: "routing plans",
  load: (ctx, id) => ctx.loaders.routingPlanById.load(id),
  list: (ctx, args) => listRoutingPlans(ctx.db, args),
}) {}
