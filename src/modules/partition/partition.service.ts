import { inArray } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { partitions, type PartitionRow } from "../../db/schema.js";
import { uniqueViolation } from "../../db/pg-errors.js";
import { UserErrorCode, UserErrorList, userError } from "../../errors.js";
import { chooseOrder, nameContains, namedOrders, NameOrderField, tablePage, type NamedListArgs } from "../../lists.js";
import type { Page } from "../../pagination.js";
import { failed, succeeded, type MutationResult } from "../../payload.js";
import { requiredText } from "../../validation.js";
import type { PartitionCreateInput } from "./partition.inputs.js";

export function partitionsByIds(db: Db, ids: readonly number[]): Promise<PartitionRow[]> {
  return db.select().from(partitions).where(inArray(partitions.id, [...ids]));
}

const ORDERS = namedOrders<PartitionRow>(partitions);

export function listPartitions(db: Db, args: NamedListArgs): Promise<Page<PartitionRow>> {
  const order = chooseOrder(ORDERS, args.orderBy, NameOrderField.NAME);
  return tablePage(db, { table: partitions, id: partitions.id }, args, order, nameContains(partitions.name, args.filter?.nameContains));
}

export async function createPartition(db: Db, input: PartitionCreateInput): Promise<MutationResult<PartitionRow>> {
  const errors = new UserErrorList();
  const name = requiredText(errors, ["input", "name"], input.name, 255);
  if (name === undefined) return failed(errors.errors);
  try {
    const [row] = await db.insert(partitions).values({ name }).returning();
    return succeeded(row!);
  } catch (error) {
    // The unique index, not a prior SELECT, decides: two concurrent creates cannot both win.
    if (uniqueViolation(error) === "partitions_name_key") {
      return failed([userError(["input", "name"], UserErrorCode.TAKEN, `a partition named "${name}" already exists`)]);
    }
    throw error;
  }
}
