import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root, Authorized } from "type-graphql";
import { Permission } from "../../auth.js";
import type { Context } from "../../context.js";
import { PartitionNamedListArgs } from "../../loading/list-args.js";
import { readQueries } from "../../read-queries.js";
import { LowBalanceProfile } from "../low-balance-profile/low-balance-profile.type.js";
import { Partition } from "../partition/partition.type.js";
import { RateTable } from "../rate-table/rate-table.type.js";
import { RoutingPlan } from "../routing-plan/routing-plan.type.js";
import { deletePayloadType, payloadType } from "../../payload.js";
import { ClientTemplateCreateInput, ClientTemplateUpdateInput } from "./client-template.inputs.js";
import { createClientTemplate, deleteClientTemplate, listClientTemplates, updateClientTemplate } from "./client-template.service.js";
import { ClientTemplate, ClientTemplateConnection, ClientTemplateOrigination } from "./client-template.type.js";

const ClientTemplateCreatePayload = payloadType(ClientTemplate, "ClientTemplateCreatePayload", "clientTemplate");
const ClientTemplateUpdatePayload = payloadType(ClientTemplate, "ClientTemplateUpdatePayload", "clientTemplate");
const ClientTemplateDeletePayload = deletePayloadType("ClientTemplateDeletePayload", "client template");

@Resolver(() => ClientTemplate)
export class ClientTemplateResolver extends readQueries({
  type: ClientTemplate,
  connection: ClientTemplateConnection,
  args: PartitionNamedListArgs,
  single: "clientTemplate",
  plural: "clientTemplates",
  noun: "client templates",
  load: (ctx, id) => ctx.loaders.clientTemplateById.load(id),
  list: (ctx, args) => listClientTemplates(ctx.db, args),
}) {
  @Authorized(Permission.WRITE)
  @Mutation(() => ClientTemplateCreatePayload, { description: "Creates a client template (JeraSoft clients.templates.create)." })
  clientTemplateCreate(
    @Arg("input", () => ClientTemplateCreateInput, { description: "What to write." }) input: ClientTemplateCreateInput,
    @Ctx() ctx: Context,
  ) {
    return createClientTemplate(ctx, input);
  }

  @Authorized(Permission.WRITE)
  @Mutation(() => ClientTemplateUpdatePayload, { description: "Changes a client template; omitted fields stay as they are." })
  clientTemplateUpdate(
    @Arg("id", () => ID, { description: "Id of the client template." }) id: string,
    @Arg("input", () => ClientTemplateUpdateInput, { description: "What to change." }) input: ClientTemplateUpdateInput,
    @Ctx() ctx: Context,
  ) {
    return updateClientTemplate(ctx, id, input);
  }

  @Authorized(Permission.DELETE)
  @Mutation(() => ClientTemplateDeletePayload, { description: "Deletes a client template; clients created from it keep their settings, and their `template` becomes null." })
  clientTemplateDelete(@Arg("id", () => ID, { description: "Id of the client template." }) id: string, @Ctx() ctx: Context) {
    return deleteClientTemplate(ctx, id);
  }

  @FieldResolver(() => Partition, { description: "The partition that owns the template." })
  partition(@Root() template: ClientTemplate, @Ctx() ctx: Context) {
    return ctx.loaders.partitionById.now(template.partitionId);
  }

  @FieldResolver(() => ClientTemplateOrigination, { description: "Origination defaults for new clients." })
  origination(@Root() t: ClientTemplate): ClientTemplateOrigination {
    return {
      templateId: t.id,
      creditLimit: t.creditLimit,
      capacity: t.capacity,
      lowBalanceThreshold: t.lowBalanceThreshold,
      lowBalanceCapacity: t.lowBalanceCapacity,
      routingPlanId: t.routingPlanId,
      lowBalanceProfileId: t.lowBalanceProfileId,
    };
  }
}

@Resolver(() => ClientTemplateOrigination)
export class ClientTemplateOriginationResolver {
  @FieldResolver(() => [RateTable], { description: "Origination rate tables, in order; empty means the accounts' own are used." })
  rateTables(@Root() o: ClientTemplateOrigination, @Ctx() ctx: Context) {
    return ctx.loaders.rateTablesOfTemplate.now(o.templateId);
  }

  @FieldResolver(() => RoutingPlan, { nullable: true, description: "Routing plan; null means the accounts' own are used." })
  routingPlan(@Root() o: ClientTemplateOrigination, @Ctx() ctx: Context) {
    return o.routingPlanId === null ? null : ctx.loaders.routingPlanById.now(o.routingPlanId);
  }

  @FieldResolver(() => LowBalanceProfile, { nullable: true, description: "Low balance notification profile; null when none." })
  lowBalanceProfile(@Root() o: ClientTemplateOrigination, @Ctx() ctx: Context) {
    return o.lowBalanceProfileId === null ? null : ctx.loaders.lowBalanceProfileById.now(o.lowBalanceProfileId);
  }
}
