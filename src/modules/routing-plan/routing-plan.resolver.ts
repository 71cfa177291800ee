import { Arg, Ctx, ID, Mutation, Resolver, Authorized } from "type-graphql";
import { Permission } from "../../auth.js";
import type { Context } from "../../context.js";
import { NamedListArgs } from "../../loading/list-args.js";
import { deletePayloadType, payloadType } from "../../payload.js";
import { readQueries } from "../../read-queries.js";
import { RoutingPlanCreateInput, RoutingPlanUpdateInput } from "./routing-plan.inputs.js";
import { listRoutingPlans, routingPlanWriter } from "./routing-plan.service.js";
import { RoutingPlan, RoutingPlanConnection } from "./routing-plan.type.js";

const RoutingPlanCreatePayload = payloadType(RoutingPlan, "RoutingPlanCreatePayload", "routingPlan");
const RoutingPlanUpdatePayload = payloadType(RoutingPlan, "RoutingPlanUpdatePayload", "routingPlan");
const RoutingPlanDeletePayload = deletePayloadType("RoutingPlanDeletePayload", "routing plan");

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
}) {
  @Authorized(Permission.GLOBAL)
  @Mutation(() => RoutingPlanCreatePayload, { description: "Creates a routing plan." })
  routingPlanCreate(@Arg("input", () => RoutingPlanCreateInput, { description: "What to write." }) input: RoutingPlanCreateInput, @Ctx() ctx: Context) {
    return routingPlanWriter.create(ctx, input);
  }

  @Authorized(Permission.GLOBAL)
  @Mutation(() => RoutingPlanUpdatePayload, { description: "Changes a routing plan; omitted fields stay as they are." })
  routingPlanUpdate(
    @Arg("id", () => ID, { description: "Id of the routing plan." }) id: string,
    @Arg("input", () => RoutingPlanUpdateInput, { description: "What to change." }) input: RoutingPlanUpdateInput,
    @Ctx() ctx: Context,
  ) {
    return routingPlanWriter.update(ctx, id, input);
  }

  @Authorized(Permission.GLOBAL)
  @Mutation(() => RoutingPlanDeletePayload, { description: "Deletes a routing plan no client, template or account uses (CONFLICT otherwise)." })
  routingPlanDelete(@Arg("id", () => ID, { description: "Id of the routing plan." }) id: string, @Ctx() ctx: Context) {
    return routingPlanWriter.remove(ctx, id);
  }
}
