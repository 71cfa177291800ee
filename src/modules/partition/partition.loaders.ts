import type { Db } from "../../db/client.js";
import { partitions, type PartitionRow } from "../../db/schema.js";
import { tableByIdLoader } from "../../loading/by-id.js";
import type { ListSource } from "../../loading/rows.js";

/** Partitions as their loader and embedded reads read them; their clients and rate tables are pages of their own. */
export const PARTITION_SOURCE: ListSource = { table: partitions, id: partitions.id, type: { name: "Partition", needs: { clients: [], rateTables: [] } } };

export function createPartitionLoaders(db: Db) {
  return { partitionById: tableByIdLoader<PartitionRow>(db, PARTITION_SOURCE) };
}
