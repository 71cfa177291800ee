import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import {
  accountRateTables,
  clientRateTables,
  clientTemplateRateTables,
  codeDecks,
  currencies,
  partitions,
  rates,
  rateTables,
  specialRates,
  type RateTableRow,
} from "../../db/schema.js";
import { entityWriter } from "../../entity-writer.js";
import { UserErrorCode, userError, type UserErrorList } from "../../errors.js";
import { idEquals } from "../../ids.js";
import { chooseOrder, nameContains, namedOrders, NameOrderField, type NamedListArgs } from "../../loading/list-args.js";
import { namedChildPage } from "../../loading/child-pages.js";
import { tablePage } from "../../loading/table-pages.js";
import type { LoaderCache } from "../../loading/child-pages.js";
import { References } from "../../references.js";
import { parse, type FieldRule } from "../../validation.js";
import type { RateTableCreateInput, RateTablesArgs, RateTableUpdateInput } from "./rate-table.inputs.js";

const ORDERS = namedOrders<RateTableRow>(rateTables);

/** The partition a rate table (and so each of its rates) belongs to, for audit records. */
export async function partitionOfRateTable(tx: Db, rateTableId: number): Promise<number | null> {
  const [row] = await tx.select({ partitionId: rateTables.partitionId }).from(rateTables).where(eq(rateTables.id, rateTableId));
  return row?.partitionId ?? null;
}

export function listRateTables(db: Db, args: RateTablesArgs) {
  const f = args.filter;
  const where = and(
    idEquals(rateTables.partitionId, f?.partitionId),
    idEquals(rateTables.currencyId, f?.currencyId),
    idEquals(rateTables.codeDeckId, f?.codeDeckId),
    idEquals(rateTables.parentRateTableId, f?.parentRateTableId),
    nameContains(rateTables.name, f?.nameContains),
  );
  return tablePage(db, { table: rateTables, id: rateTables.id }, args, chooseOrder(ORDERS, args.orderBy, NameOrderField.NAME), where);
}

export function rateTablesOfPartition(db: Db, pages: LoaderCache, partitionId: number, args: NamedListArgs, count: boolean) {
  return namedChildPage(db, pages, "partition.rateTables", { table: rateTables, parent: rateTables.partitionId, orders: ORDERS }, args, partitionId, count);
}

const RULES: { [K in keyof RateTableUpdateInput]?: FieldRule } = {
  name: { column: "name", parse: parse.text(128) },
  codeDeckId: { column: "codeDeckId", parse: parse.id("code deck"), nullable: true },
  parentRateTableId: { column: "parentRateTableId", parse: parse.id("rate table"), nullable: true },
  tag: { column: "tag", parse: parse.text(64) },
  withTaxes: { column: "withTaxes", parse: parse.same() },
  notes: { column: "notes", parse: parse.optionalText(10_000), nullable: true },
};

/** First key of the advisory lock that serializes rate table parent changes within a partition. */
const HIERARCHY_LOCK = 1_001;

/**
 * A parent must share the partition and currency, and following parents must never lead back to the table.
 * Parent changes of one partition take turns (a transaction-scoped advisory lock): two simultaneous
 * updates that make two tables each other's parent would otherwise each see a chain without the other's
 * change and together commit a cycle. The second one sees the first one's parent and is refused.
 */
async function checkParent(tx: Db, errors: UserErrorList, table: { id?: number; partitionId: number; currencyId: number; parentRateTableId?: number | null }) {
  const path = ["input", "parentRateTableId"];
  let parentId = table.parentRateTableId ?? null;
  if (parentId === null || errors.hasErrorAt(path)) return;
  if (parentId === table.id) return errors.add(path, UserErrorCode.INVALID, "a rate table cannot be its own parent");
  await tx.execute(sql`select pg_advisory_xact_lock(${HIERARCHY_LOCK}, ${table.partitionId})`);
  const [parent] = await tx.select().from(rateTables).where(and(eq(rateTables.id, parentId), eq(rateTables.partitionId, table.partitionId)));
  if (!parent) return errors.add(path, UserErrorCode.NOT_FOUND, "no rate table with this id in this partition");
  if (parent.currencyId !== table.currencyId) return errors.add(path, UserErrorCode.INVALID, "the parent table must use the same currency");
  for (let depth = 0; parentId !== null && depth < 100; depth++) {
    if (parentId === table.id) {
      return errors.add(path, UserErrorCode.CONFLICT, "the chosen parent already inherits from this table (directly or through others), so this would make a cycle");
    }
    const [next] = await tx.select({ parent: rateTables.parentRateTableId }).from(rateTables).where(eq(rateTables.id, parentId));
    parentId = next?.parent ?? null;
  }
}

export const rateTableWriter = entityWriter<typeof rateTables, RateTableCreateInput, RateTableUpdateInput, undefined>({
  table: rateTables,
  objectType: "RateTable",
  what: "rate table",
  createRules: {
    ...RULES,
    partitionId: { column: "partitionId", parse: parse.id("partition") },
    currencyId: { column: "currencyId", parse: parse.id("currency") },
  },
  updateRules: RULES,
  constraints: {
    rate_tables_partition_name_key: () => userError(["input", "name"], UserErrorCode.TAKEN, "another rate table of this partition has this name"),
  },
  async check(tx, errors, merged, existing) {
    const refs = new References();
    if (!existing) {
      refs.add({ table: partitions, id: partitions.id, what: "partition" }, ["input", "partitionId"], merged.partitionId);
      refs.add({ table: currencies, id: currencies.id, what: "currency" }, ["input", "currencyId"], merged.currencyId);
    }
    refs.add({ table: codeDecks, id: codeDecks.id, what: "code deck" }, ["input", "codeDeckId"], merged.codeDeckId);
    await refs.check(tx, errors);
    if (errors.hasErrorAt(["input", "partitionId"]) || errors.hasErrorAt(["input", "currencyId"])) return;
    await checkParent(tx, errors, { ...merged, id: existing?.id });
  },
  dependents: [
    { table: accountRateTables, column: accountRateTables.rateTableId, what: "account rate table assignments" },
    { table: clientRateTables, column: clientRateTables.rateTableId, what: "client rate table assignments" },
    { table: clientTemplateRateTables, column: clientTemplateRateTables.rateTableId, what: "client templates" },
    { table: rateTables, column: rateTables.parentRateTableId, what: "child rate tables" },
  ],
  // Its rates belong to it: every rate first (regular rates may be held stashed by a special rate), then the special rates.
  async ownedRows(tx, row) {
    await tx.delete(rates).where(eq(rates.rateTableId, row.id));
    await tx.delete(specialRates).where(eq(specialRates.rateTableId, row.id));
  },
  partitionId: async (_tx, row) => row.partitionId,
});
