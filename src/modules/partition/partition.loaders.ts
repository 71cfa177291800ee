import type { Db } from "../../db/client.js";
import { partitions, type PartitionRow } from "../../db/schema.js";
import { tableByIdLoader } from "../../loaders.js";

export function createPartitionLoaders(db: Db) {
  return { partitionById: tableByIdLoader<PartitionRow>(db, { table: partitions, id: partitions.id }) };
}
