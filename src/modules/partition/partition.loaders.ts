import type { Db } from "../../db/client.js";
import { byIdLoader } from "../../loaders.js";
import { partitionsByIds } from "./partition.service.js";

export function createPartitionLoaders(db: Db) {
  return { partitionById: byIdLoader((ids) => partitionsByIds(db, ids)) };
}
