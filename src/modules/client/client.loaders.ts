import type { Db } from "../../db/client.js";
import { clients, type ClientRow } from "../../db/schema.js";
import { tableByIdLoader } from "../../loaders.js";

export function createClientLoaders(db: Db) {
  return { clientById: tableByIdLoader<ClientRow>(db, { table: clients, id: clients.id }) };
}
