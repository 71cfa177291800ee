import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import {
  clientTemplateRateTables,
  clientTemplates,
  INT32_MAX,
  lowBalanceProfiles,
  partitions,
  rateTables,
  routingPlans,
  type ClientTemplateRow,
} from "../../db/schema.js";
import { MONEY_BOUNDS, MONEY_SCALE } from "../../decimal.js";
import { UserErrorCode, UserErrorList, userError } from "../../errors.js";
import { idEquals } from "../../ids.js";
import { chooseOrder, nameContains, namedOrders, NameOrderField, type PartitionNamedListArgs } from "../../loading/list-args.js";
import { tablePage } from "../../loading/table-pages.js";
import { audit, lockForChange, replaceLinks, transact, type ConstraintErrors, type Writer } from "../../mutation.js";
import type { MutationResult } from "../../payload.js";
import { References } from "../../references.js";
import { visibleIn } from "../../scope.js";
import { collectChanges, idList, parse, type FieldRule } from "../../validation.js";
import type { ClientTemplateCreateInput, ClientTemplateOriginationUpdateInput, ClientTemplateUpdateInput } from "./client-template.inputs.js";

const ORDERS = namedOrders<ClientTemplateRow>(clientTemplates);

export function listClientTemplates(db: Db, args: PartitionNamedListArgs) {
  const where = and(
    idEquals(clientTemplates.partitionId, args.filter?.partitionId),
    nameContains(clientTemplates.name, args.filter?.nameContains),
  );
  const order = chooseOrder(ORDERS, args.orderBy, NameOrderField.NAME);
  return tablePage(db, { table: clientTemplates, id: clientTemplates.id }, args, order, where);
}

const CREDIT_BOUNDS = { min: "-999999999", max: "999999999", scale: MONEY_SCALE };

const TOP_RULES: { [K in keyof ClientTemplateUpdateInput]?: FieldRule } = {
  name: { column: "name", parse: parse.text(255) },
  tags: { column: "tags", parse: parse.tags() },
};

const ORIGINATION_RULES: { [K in keyof ClientTemplateOriginationUpdateInput]?: FieldRule } = {
  creditLimit: { column: "creditLimit", parse: parse.decimal(CREDIT_BOUNDS) },
  routingPlanId: { column: "routingPlanId", parse: parse.id("routing plan"), nullable: true },
  capacity: { column: "capacity", parse: parse.int(0, INT32_MAX), nullable: true },
  lowBalanceProfileId: { column: "lowBalanceProfileId", parse: parse.id("low balance profile"), nullable: true },
  lowBalanceThreshold: { column: "lowBalanceThreshold", parse: parse.decimal(MONEY_BOUNDS), nullable: true },
  lowBalanceCapacity: { column: "lowBalanceCapacity", parse: parse.int(0, 65535), nullable: true },
};

type TemplateColumns = Partial<typeof clientTemplates.$inferInsert>;

function readTemplateInput(errors: UserErrorList, input: ClientTemplateUpdateInput) {
  const origination = ["input", "origination"];
  const columns = {
    ...collectChanges(errors, ["input"], input, TOP_RULES),
    ...collectChanges(errors, origination, input.origination, ORIGINATION_RULES),
  } as TemplateColumns;
  const rateTableIds = idList(errors, [...origination, "rateTableIds"], "rate table", input.origination?.rateTableIds);
  return { columns, rateTableIds };
}

async function checkTemplateReferences(tx: Db, errors: UserErrorList, partitionId: number, columns: TemplateColumns, rateTableIds?: number[]) {
  const refs = new References();
  const origination = ["input", "origination"];
  refs.add({ table: routingPlans, id: routingPlans.id, what: "routing plan" }, [...origination, "routingPlanId"], columns.routingPlanId);
  refs.add(
    { table: lowBalanceProfiles, id: lowBalanceProfiles.id, what: "low balance profile in this partition", where: eq(lowBalanceProfiles.partitionId, partitionId) },
    [...origination, "lowBalanceProfileId"],
    columns.lowBalanceProfileId,
  );
  refs.addAll(
    { table: rateTables, id: rateTables.id, what: "rate table in this partition", where: eq(rateTables.partitionId, partitionId) },
    [...origination, "rateTableIds"],
    rateTableIds,
  );
  await refs.check(tx, errors);
}

function writeTemplateRateTables(tx: Db, templateId: number, rateTableIds: number[] | undefined) {
  return replaceLinks(
    tx,
    clientTemplateRateTables,
    eq(clientTemplateRateTables.clientTemplateId, templateId),
    rateTableIds?.map((rateTableId, position) => ({ clientTemplateId: templateId, rateTableId, position })),
  );
}

/** The template as audited: its columns plus its ordered rate tables. */
async function auditedTemplate(tx: Db, id: number) {
  const [row] = await tx.select().from(clientTemplates).where(eq(clientTemplates.id, id));
  const links = await tx
    .select({ id: clientTemplateRateTables.rateTableId })
    .from(clientTemplateRateTables)
    .where(eq(clientTemplateRateTables.clientTemplateId, id))
    .orderBy(clientTemplateRateTables.position);
  return { row: row!, audited: { ...row!, rateTableIds: links.map((l) => l.id) } };
}

const TEMPLATE_CONSTRAINTS: ConstraintErrors = {
  client_templates_partition_name_key: () =>
    userError(["input", "name"], UserErrorCode.TAKEN, "another client template of this partition has this name"),
};

export async function createClientTemplate(w: Writer, input: ClientTemplateCreateInput): Promise<MutationResult<ClientTemplateRow>> {
  const errors = new UserErrorList();
  const { columns, rateTableIds } = readTemplateInput(errors, input);
  const partitionId = parse.id("partition")(errors, ["input", "partitionId"], input.partitionId);
  return transact(
    w.db,
    errors,
    async (tx) => {
      const [partition] = partitionId === undefined ? [] : await tx.select().from(partitions).where(and(eq(partitions.id, partitionId), visibleIn(partitions)));
      if (partitionId !== undefined && !partition) errors.add(["input", "partitionId"], UserErrorCode.NOT_FOUND, "no partition with this id");
      if (!partition) return undefined;
      await checkTemplateReferences(tx, errors, partition.id, columns, rateTableIds);
      if (!errors.isEmpty) return undefined;
      const [inserted] = await tx
        .insert(clientTemplates)
        .values({ ...(columns as typeof clientTemplates.$inferInsert), partitionId: partition.id })
        .returning({ id: clientTemplates.id });
      await writeTemplateRateTables(tx, inserted!.id, rateTableIds);
      const { row, audited } = await auditedTemplate(tx, inserted!.id);
      await audit(tx, w.actor, { action: "create", objectType: "ClientTemplate", objectId: row.id, partitionId: row.partitionId, after: audited });
      return row;
    },
    TEMPLATE_CONSTRAINTS,
  );
}

export async function updateClientTemplate(w: Writer, id: string, input: ClientTemplateUpdateInput): Promise<MutationResult<ClientTemplateRow>> {
  const errors = new UserErrorList();
  const { columns, rateTableIds } = readTemplateInput(errors, input);
  return transact(
    w.db,
    errors,
    async (tx) => {
      const existing = await lockForChange(tx, errors, clientTemplates, id, "client template", "update");
      if (!existing) return undefined;
      await checkTemplateReferences(tx, errors, existing.partitionId, columns, rateTableIds);
      if (!errors.isEmpty) return undefined;
      const before = (await auditedTemplate(tx, existing.id)).audited;
      if (Object.keys(columns).length) {
        await tx.update(clientTemplates).set({ ...columns, updatedAt: sql`now()` }).where(eq(clientTemplates.id, existing.id));
      }
      await writeTemplateRateTables(tx, existing.id, rateTableIds);
      const { row, audited } = await auditedTemplate(tx, existing.id);
      await audit(tx, w.actor, { action: "update", objectType: "ClientTemplate", objectId: row.id, partitionId: row.partitionId, before, after: audited });
      return row;
    },
    TEMPLATE_CONSTRAINTS,
  );
}

export async function deleteClientTemplate(w: Writer, id: string): Promise<MutationResult<number>> {
  const errors = new UserErrorList();
  return transact(w.db, errors, async (tx) => {
    const existing = await lockForChange(tx, errors, clientTemplates, id, "client template", "delete");
    if (!existing) return undefined;
    const before = (await auditedTemplate(tx, existing.id)).audited;
    await tx.delete(clientTemplates).where(eq(clientTemplates.id, existing.id));
    await audit(tx, w.actor, { action: "delete", objectType: "ClientTemplate", objectId: existing.id, partitionId: existing.partitionId, before });
    return existing.id;
  });
}
