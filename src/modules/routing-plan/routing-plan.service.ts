import type { Db } from "../../db/client.js";
import { accounts, clients, clientTemplates, routingPlans, type RoutingPlanRow } from "../../db/schema.js";
import { entityWriter } from "../../entity-writer.js";
import { UserErrorCode, userError } from "../../errors.js";
import { chooseOrder, nameContains, namedOrders, NameOrderField, type NamedListArgs } from "../../loading/list-args.js";
import { tablePage } from "../../loading/table-pages.js";
import { parse, type FieldRule } from "../../validation.js";
import type { RoutingPlanCreateInput, RoutingPlanUpdateInput } from "./routing-plan.inputs.js";

const ORDERS = namedOrders<RoutingPlanRow>(routingPlans);

const RULES: { [K in keyof RoutingPlanUpdateInput]?: FieldRule } = {
  name: { column: "name", parse: parse.text(128) },
  notes: { column: "notes", parse: parse.optionalText(10_000), nullable: true },
};

export function listRoutingPlans(db: Db, args: NamedListArgs) {
  const order = chooseOrder(ORDERS, args.orderBy, NameOrderField.NAME);
  return tablePage(db, { table: routingPlans, id: routingPlans.id }, args, order, nameContains(routingPlans.name, args.filter?.nameContains));
}

export const routingPlanWriter = entityWriter<typeof routingPlans, RoutingPlanCreateInput, RoutingPlanUpdateInput, undefined>({
  table: routingPlans,
  objectType: "RoutingPlan",
  what: "routing plan",
  createRules: RULES,
  updateRules: RULES,
  constraints: { routing_plans_name_key: () => userError(["input", "name"], UserErrorCode.TAKEN, "another routing plan has this name") },
  dependents: [
    { table: clients, column: clients.routingPlanId, what: "clients" },
    { table: clientTemplates, column: clientTemplates.routingPlanId, what: "client templates" },
    { table: accounts, column: accounts.origRoutingPlanId, what: "accounts" },
  ],
  partitionId: async () => null,
});
