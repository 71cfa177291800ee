import type { Db } from "../../db/client.js";
import { byIdLoader } from "../../loaders.js";
import { clientsByIds } from "./client.service.js";

export function createClientLoaders(db: Db) {
  return { clientById: byIdLoader((ids) => clientsByIds(db, ids)) };
}
