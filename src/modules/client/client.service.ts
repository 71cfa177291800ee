import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import {
  accounts,
  clientRateTables,
  clients,
  clientTemplateRateTables,
  clientTemplates,
  contacts,
  currencies,
  INT32_MAX,
  lowBalanceProfiles,
  partitions,
  paymentTerms,
  rateTables,
  routingPlans,
  type ClientRow,
  type ClientTemplateRow,
} from "../../db/schema.js";
import { MONEY_BOUNDS } from "../../decimal.js";
import { entityWriter } from "../../entity-writer.js";
import { UserErrorCode, userError } from "../../errors.js";
import { idEquals } from "../../ids.js";
import { chooseOrder, nameContains, namedOrders, NameOrderField, type NamedListArgs } from "../../loading/list-args.js";
import { namedChildPage } from "../../loading/child-pages.js";
import { tablePage } from "../../loading/table-pages.js";
import type { PageExtras } from "../../loading/lookahead.js";
import type { LoaderCache } from "../../loading/child-pages.js";
import type { Page } from "../../loading/keyset-pagination.js";
import { References } from "../../references.js";
import { visibleIn } from "../../scope.js";
import { idList, parse, type FieldRule } from "../../validation.js";
import { replaceLinks } from "../../mutation.js";
import { type ClientCreateInput, type ClientsArgs, type ClientUpdateInput } from "./client.inputs.js";

const ORDERS = namedOrders<ClientRow>(clients);

export function listClients(db: Db, args: ClientsArgs, extras?: PageExtras): Promise<Page<ClientRow>> {
  const f = args.filter;
  const where = and(
    idEquals(clients.partitionId, f?.partitionId),
    f?.status != null ? eq(clients.status, f.status) : undefined,
    nameContains(clients.name, f?.nameContains),
  );
  return tablePage(db, { table: clients, id: clients.id }, args, chooseOrder(ORDERS, args.orderBy, NameOrderField.NAME), where, extras);
}

export function clientsOfPartition(db: Db, pages: LoaderCache, partitionId: number, args: NamedListArgs, count: boolean) {
  return namedChildPage(db, pages, "partition.clients", { table: clients, parent: clients.partitionId, orders: ORDERS }, args, partitionId, count);
}

const RULES: { [K in keyof ClientUpdateInput]?: FieldRule } = {
  name: { column: "name", parse: parse.text(255) },
  creditLimit: { column: "creditLimit", parse: parse.decimal(MONEY_BOUNDS) },
  status: { column: "status", parse: parse.same() },
  tags: { column: "tags", parse: parse.tags() },
  routingPlanId: { column: "routingPlanId", parse: parse.id("routing plan"), nullable: true },
  paymentTermId: { column: "paymentTermId", parse: parse.id("payment term"), nullable: true },
  originationCapacity: { column: "origCapacity", parse: parse.int(0, INT32_MAX), nullable: true },
  lowBalanceProfileId: { column: "lowBalanceProfileId", parse: parse.id("low balance profile"), nullable: true },
  lowBalanceThreshold: { column: "lowBalanceThreshold", parse: parse.decimal(MONEY_BOUNDS), nullable: true },
  lowBalanceCapacity: { column: "lowBalanceCapacity", parse: parse.int(0, 65535), nullable: true },
};

/**
 * The template's values for every setting a new client takes from it. The input's values are laid over
 * these, so an omitted field takes the template's and an explicit one (null included) wins.
 */
async function templateDefaults(tx: Db, template: ClientTemplateRow) {
  const links = await tx
    .select({ id: clientTemplateRateTables.rateTableId })
    .from(clientTemplateRateTables)
    .where(eq(clientTemplateRateTables.clientTemplateId, template.id))
    .orderBy(asc(clientTemplateRateTables.position));
  const columns: Partial<ClientRow> = {
    creditLimit: template.creditLimit,
    tags: template.tags,
    routingPlanId: template.routingPlanId,
    origCapacity: template.capacity,
    lowBalanceProfileId: template.lowBalanceProfileId,
    lowBalanceThreshold: template.lowBalanceThreshold,
    lowBalanceCapacity: template.lowBalanceCapacity,
  };
  return { columns, originationRateTableIds: links.map((l) => l.id) };
}

/** The client's default rate tables per direction; undefined = leave as is. */
interface ClientRateTableLists {
  origination?: number[];
  termination?: number[];
}

export const clientWriter = entityWriter<typeof clients, ClientCreateInput, ClientUpdateInput, ClientRateTableLists>({
  table: clients,
  objectType: "Client",
  what: "client",
  createRules: {
    ...RULES,
    partitionId: { column: "partitionId", parse: parse.id("partition") },
    currencyId: { column: "currencyId", parse: parse.id("currency") },
  },
  updateRules: RULES,
  constraints: {
    clients_partition_name_key: () => userError(["input", "name"], UserErrorCode.TAKEN, "another client of this partition has this name"),
  },
  readExtra: (errors, input) => ({
    origination: idList(errors, ["input", "originationRateTableIds"], "rate table", input.originationRateTableIds),
    termination: idList(errors, ["input", "terminationRateTableIds"], "rate table", input.terminationRateTableIds),
  }),
  async completeCreate(tx, errors, input, columns, lists) {
    const path = ["input", "templateId"];
    const templateId = input.templateId == null ? undefined : parse.id("client template")(errors, path, input.templateId);
    if (templateId === undefined) return { columns, extra: lists };
    const [template] = await tx
      .select()
      .from(clientTemplates)
      .where(and(eq(clientTemplates.id, templateId), visibleIn(clientTemplates), columns.partitionId === undefined ? undefined : eq(clientTemplates.partitionId, columns.partitionId)));
    if (!template) {
      errors.add(path, UserErrorCode.NOT_FOUND, "no client template with this id in the client's partition");
      return { columns, extra: lists };
    }
    const defaults = await templateDefaults(tx, template);
    return {
      columns: { ...defaults.columns, ...columns, clientTemplateId: template.id } as typeof columns,
      extra: { ...lists, origination: lists?.origination ?? defaults.originationRateTableIds },
    };
  },
  async check(tx, errors, merged, existing, lists) {
    const refs = new References();
    if (!existing) {
      refs.add({ table: partitions, id: partitions.id, what: "partition" }, ["input", "partitionId"], merged.partitionId);
      refs.add({ table: currencies, id: currencies.id, what: "currency" }, ["input", "currencyId"], merged.currencyId);
    }
    refs.add({ table: routingPlans, id: routingPlans.id, what: "routing plan" }, ["input", "routingPlanId"], merged.routingPlanId);
    refs.add({ table: paymentTerms, id: paymentTerms.id, what: "payment term" }, ["input", "paymentTermId"], merged.paymentTermId);
    if (merged.partitionId !== undefined) {
      const inPartition = { table: rateTables, id: rateTables.id, what: "rate table in this partition", where: eq(rateTables.partitionId, merged.partitionId) };
      refs.addAll(inPartition, ["input", "originationRateTableIds"], lists?.origination);
      refs.addAll(inPartition, ["input", "terminationRateTableIds"], lists?.termination);
      refs.add(
        { table: lowBalanceProfiles, id: lowBalanceProfiles.id, what: "low balance profile in this partition", where: eq(lowBalanceProfiles.partitionId, merged.partitionId) },
        ["input", "lowBalanceProfileId"],
        merged.lowBalanceProfileId,
      );
    }
    await refs.check(tx, errors);
  },
  async afterWrite(tx, row, lists) {
    const write = (direction: "origination" | "termination", ids: number[] | undefined) =>
      replaceLinks(
        tx,
        clientRateTables,
        and(eq(clientRateTables.clientId, row.id), eq(clientRateTables.direction, direction)),
        ids?.map((rateTableId, position) => ({ clientId: row.id, direction, rateTableId, position })),
      );
    await write("origination", lists?.origination);
    await write("termination", lists?.termination);
  },
  dependents: [{ table: accounts, column: accounts.clientId, what: "accounts" }],
  // Contacts and default rate tables belong to the client; with no accounts, nothing else points at them.
  async ownedRows(tx, row) {
    await tx.delete(contacts).where(eq(contacts.clientId, row.id));
  },
  partitionId: async (_tx, row) => row.partitionId,
});
