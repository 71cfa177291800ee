import type { Db } from "../../db/client.js";
import { partitions, type PartitionRow } from "../../db/schema.js";
import { entityWriter } from "../../entity-writer.js";
import { UserErrorCode, userError } from "../../errors.js";
import { chooseOrder, nameContains, namedOrders, NameOrderField, type NamedListArgs } from "../../loading/list-args.js";
import { tablePage } from "../../loading/table-pages.js";
import type { Page } from "../../loading/keyset-pagination.js";
import { parse } from "../../validation.js";
import type { PartitionCreateInput } from "./partition.inputs.js";

const ORDERS = namedOrders<PartitionRow>(partitions);

export function listPartitions(db: Db, args: NamedListArgs): Promise<Page<PartitionRow>> {
  const order = chooseOrder(ORDERS, args.orderBy, NameOrderField.NAME);
  return tablePage(db, { table: partitions, id: partitions.id }, args, order, nameContains(partitions.name, args.filter?.nameContains));
}

export const partitionWriter = entityWriter<typeof partitions, PartitionCreateInput, PartitionCreateInput, undefined>({
  table: partitions,
  objectType: "Partition",
  what: "partition",
  createRules: { name: { column: "name", parse: parse.text(255) } },
  updateRules: {},
  constraints: { partitions_name_key: () => userError(["input", "name"], UserErrorCode.TAKEN, "another partition has this name") },
  partitionId: async (_tx, row) => row.id,
});
