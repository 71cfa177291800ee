import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { clients, type ClientRow } from "../../db/schema.js";
import { uniqueViolation } from "../../db/pg-errors.js";
import { MONEY_BOUNDS } from "../../decimal.js";
import { UserErrorCode, UserErrorList, userError } from "../../errors.js";
import { idEquals } from "../../ids.js";
import { chooseOrder, nameContains, namedOrders, NameOrderField, tablePage, type NamedListArgs } from "../../lists.js";
import type { LoaderCache } from "../../loaders.js";
import type { Page } from "../../pagination.js";
import { failed, succeeded, type MutationResult } from "../../payload.js";
import { decimalField, notNull, parseId, requiredText, tagList } from "../../validation.js";
import { currenciesByIds } from "../currency/currency.service.js";
import { partitionsByIds } from "../partition/partition.service.js";
import { type ClientCreateInput, type ClientsArgs, type ClientUpdateInput } from "./client.inputs.js";

export function clientsByIds(db: Db, ids: readonly number[]): Promise<ClientRow[]> {
  return db.select().from(clients).where(inArray(clients.id, [...ids]));
}

const ORDERS = namedOrders<ClientRow>(clients);

export function listClients(db: Db, args: ClientsArgs): Promise<Page<ClientRow>> {
  const f = args.filter;
  const where = and(
    idEquals(clients.partitionId, f?.partitionId),
    f?.status != null ? eq(clients.status, f.status) : undefined,
    nameContains(clients.name, f?.nameContains),
  );
  return tablePage(db, { table: clients, id: clients.id }, args, chooseOrder(ORDERS, args.orderBy, NameOrderField.NAME), where);
}

export function clientsOfPartition(db: Db, pages: LoaderCache, partitionId: number, args: NamedListArgs) {
  const source = { table: clients, parent: clients.partitionId, where: nameContains(clients.name, args.filter?.nameContains) };
  return pages.childPage(db, "partition.clients", source, args, chooseOrder(ORDERS, args.orderBy, NameOrderField.NAME), partitionId);
}

const NAME_TAKEN = (name: string) =>
  userError(["input", "name"], UserErrorCode.TAKEN, `a client named "${name}" already exists in this partition`);

export async function createClient(db: Db, input: ClientCreateInput): Promise<MutationResult<ClientRow>> {
  const errors = new UserErrorList();
  const name = requiredText(errors, ["input", "name"], input.name, 255);
  const creditLimit = decimalField(errors, ["input", "creditLimit"], input.creditLimit ?? "0", MONEY_BOUNDS);
  const tags = tagList(errors, ["input", "tags"], input.tags ?? []);
  const partitionId = parseId(input.partitionId);
  const currencyId = parseId(input.currencyId);
  const [partition] = partitionId === undefined ? [] : await partitionsByIds(db, [partitionId]);
  const [currency] = currencyId === undefined ? [] : await currenciesByIds(db, [currencyId]);
  if (!partition) errors.add(["input", "partitionId"], UserErrorCode.NOT_FOUND, "no partition with this id");
  if (!currency) errors.add(["input", "currencyId"], UserErrorCode.NOT_FOUND, "no currency with this id");
  if (!errors.isEmpty || !partition || !currency || name === undefined || creditLimit === undefined || !tags) {
    return failed(errors.errors);
  }
  try {
    const [row] = await db
      .insert(clients)
      .values({ partitionId: partition.id, currencyId: currency.id, name, creditLimit, tags, status: input.status ?? undefined })
      .returning();
    return succeeded(row!);
  } catch (error) {
    if (uniqueViolation(error) === "clients_partition_name_key") return failed([NAME_TAKEN(name)]);
    throw error;
  }
}

export async function updateClient(db: Db, id: string, input: ClientUpdateInput): Promise<MutationResult<ClientRow>> {
  const errors = new UserErrorList();
  const changes: Partial<typeof clients.$inferInsert> = {};
  if (notNull(errors, ["input", "name"], input.name)) changes.name = requiredText(errors, ["input", "name"], input.name, 255);
  if (notNull(errors, ["input", "creditLimit"], input.creditLimit)) {
    changes.creditLimit = decimalField(errors, ["input", "creditLimit"], input.creditLimit, MONEY_BOUNDS);
  }
  if (notNull(errors, ["input", "status"], input.status)) changes.status = input.status;
  if (notNull(errors, ["input", "tags"], input.tags)) changes.tags = tagList(errors, ["input", "tags"], input.tags);

  const clientId = parseId(id);
  const [existing] = clientId === undefined ? [] : await clientsByIds(db, [clientId]);
  if (!existing) errors.add(["id"], UserErrorCode.NOT_FOUND, "no client with this id");
  if (!errors.isEmpty || !existing) return failed(errors.errors);
  if (Object.keys(changes).length === 0) return succeeded(existing);

  try {
    const [row] = await db
      .update(clients)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(eq(clients.id, existing.id))
      .returning();
    // Deleted between the read and the write: report it as absent rather than fail.
    return row ? succeeded(row) : failed([userError(["id"], UserErrorCode.NOT_FOUND, "no client with this id")]);
  } catch (error) {
    if (uniqueViolation(error) === "clients_partition_name_key") return failed([NAME_TAKEN(changes.name ?? "")]);
    throw error;
  }
}
