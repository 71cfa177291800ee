import type { Db } from "../../db/client.js";
import { partitions, type PartitionRow } from "../../db/schema.js";
import { tableByIdLoader } from "../../loading/by-id.js";

export function createPartitionLoaders(db: Db) {
  return { partitionById: tableByIdLoader<PartitionRow>(db, { table: partitions, id: partitions.id }) };
}
