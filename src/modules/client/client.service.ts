import { and, count, eq, ilike, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { clients, type ClientRow } from "../../db/schema.js";
import { uniqueViolation } from "../../db/pg-errors.js";
import { MONEY_BOUNDS } from "../../decimal.js";
import { UserErrorCode, UserErrorList, userError } from "../../errors.js";
import { containsPattern, keysetPage, type KeysetOrder, type Page } from "../../pagination.js";
import { failed, succeeded, type MutationResult } from "../../payload.js";
import { decimalField, notNull, parseId, requiredText, tagList } from "../../validation.js";
import { currenciesByIds } from "../currency/currency.service.js";
import { partitionsByIds } from "../partition/partition.service.js";
import { ClientOrderField, type ClientCreateInput, type ClientsArgs, type ClientUpdateInput } from "./client.inputs.js";

export function clientsByIds(db: Db, ids: readonly number[]): Promise<ClientRow[]> {
  return db.select().from(clients).where(inArray(clients.id, [...ids]));
}

const ORDERS: Record<ClientOrderField, Omit<KeysetOrder<ClientRow>, "direction">> = {
  [ClientOrderField.ID]: { name: "id", id: clients.id },
  [ClientOrderField.NAME]: {
    name: "name",
    id: clients.id,
    key: { column: clients.name, pgType: "text", read: (row) => row.name },
  },
  [ClientOrderField.CREATED_AT]: {
    name: "createdAt",
    id: clients.id,
    key: { column: clients.createdAt, pgType: "timestamptz", read: (row) => row.createdAt.toISOString() },
  },
};

function clientFilter(filter: ClientsArgs["filter"]): SQL | undefined {
  if (!filter) return undefined;
  const conditions: (SQL | undefined)[] = [];
  if (filter.partitionId != null) {
    const id = parseId(filter.partitionId);
    conditions.push(id === undefined ? sql`false` : eq(clients.partitionId, id));
  }
  if (filter.status != null) conditions.push(eq(clients.status, filter.status));
  if (filter.nameContains != null) conditions.push(ilike(clients.name, containsPattern(filter.nameContains)));
  return and(...conditions);
}

export function listClients(db: Db, args: ClientsArgs): Promise<Page<ClientRow>> {
  const order = ORDERS[args.orderBy?.field ?? ClientOrderField.NAME];
  const filter = clientFilter(args.filter);
  return keysetPage(
    args,
    { ...order, direction: args.orderBy?.direction ?? "ASC" },
    ({ where, orderBy, limit }) =>
      db.select().from(clients).where(and(filter, where)).orderBy(...orderBy).limit(limit),
    async () => (await db.select({ n: count() }).from(clients).where(filter))[0]?.n ?? 0,
  );
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
