import type { Loaders } from "../../context.js";
import type { Db } from "../../db/client.js";
import { codeDecks, currencies, partitions, rateTables, type RateTableRow } from "../../db/schema.js";
import { tableByIdLoader } from "../../loading/by-id.js";
import { embeddable } from "../../loading/embedded.js";

/** Rate tables as the target of a link table (see joinLoader): every column, visible to the request. */
export const RATE_TABLE_SOURCE = { table: rateTables, id: rateTables.id };

/** Rate tables by id. The lists of templates, clients and accounts live with their owners. */
export function createRateTableLoaders(db: Db) {
  return { rateTableById: tableByIdLoader<RateTableRow>(db, RATE_TABLE_SOURCE) };
}

/** What a rate table embedded in another read (an account's rate tables) reads with it when selected. */
export const RATE_TABLE_EMBEDS = embeddable<Loaders>({
  parent: RATE_TABLE_SOURCE,
  references: [
    { path: "partition", key: rateTables.partitionId, target: { table: partitions, id: partitions.id }, loader: (l) => l.partitionById },
    { path: "currency", key: rateTables.currencyId, target: { table: currencies, id: currencies.id }, loader: (l) => l.currencyById },
    { path: "codeDeck", key: rateTables.codeDeckId, target: { table: codeDecks, id: codeDecks.id }, loader: (l) => l.codeDeckById },
  ],
  lists: [],
});
