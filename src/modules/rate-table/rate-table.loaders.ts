import type { Loaders } from "../../context.js";
import type { Db } from "../../db/client.js";
import { rateTables, type RateTableRow } from "../../db/schema.js";
import { tableByIdLoader } from "../../loading/by-id.js";
import { embeddable } from "../../loading/embedded.js";
import type { ListSource } from "../../loading/rows.js";
import { CODE_DECK_SOURCE } from "../code-deck/code-deck.loaders.js";
import { CURRENCY_SOURCE } from "../currency/currency.loaders.js";
import { PARTITION_SOURCE } from "../partition/partition.loaders.js";

/** Rate tables as their loaders and embedded reads read them, and as the target of link tables (see joinLoader). */
export const RATE_TABLE_SOURCE: ListSource = {
  table: rateTables,
  id: rateTables.id,
  type: {
    name: "RateTable",
    needs: { partition: ["partitionId"], currency: ["currencyId"], codeDeck: ["codeDeckId"], parent: ["parentRateTableId"], rates: [], specialRates: [] },
  },
};

/** Rate tables by id. The lists of templates, clients and accounts live with their owners. */
export function createRateTableLoaders(db: Db) {
  return { rateTableById: tableByIdLoader<RateTableRow>(db, RATE_TABLE_SOURCE) };
}

/** What a rate table embedded in another read (an account's rate tables) reads with it when selected. */
export const RATE_TABLE_EMBEDS = embeddable<Loaders>({
  parent: RATE_TABLE_SOURCE,
  references: [
    { path: "partition", key: rateTables.partitionId, target: PARTITION_SOURCE, loader: (l) => l.partitionById },
    { path: "currency", key: rateTables.currencyId, target: CURRENCY_SOURCE, loader: (l) => l.currencyById },
    { path: "codeDeck", key: rateTables.codeDeckId, target: CODE_DECK_SOURCE, loader: (l) => l.codeDeckById },
  ],
  lists: [],
});
