import DataLoader from "dataloader";
import type { Db } from "../../db/client.js";
import { codeDecks, codes, type CodeDeckRow, type CodeRow } from "../../db/schema.js";
import { tableByIdLoader } from "../../loading/by-id.js";
import type { ListSource } from "../../loading/rows.js";
import { codeNames } from "./code-deck.service.js";

/** Code decks as their loader and embedded reads read them; their codes are a page of their own. */
export const CODE_DECK_SOURCE: ListSource = { table: codeDecks, id: codeDecks.id, type: { name: "CodeDeck", needs: { codes: [] } } };

export function createCodeDeckLoaders(db: Db) {
  return {
    codeDeckById: tableByIdLoader<CodeDeckRow>(db, CODE_DECK_SOURCE),
    codeById: tableByIdLoader<CodeRow>(db, { table: codes, id: codes.id }),
    /** Code name of a code in a deck, keyed "deckId:code". */
    codeNameByDeckCode: new DataLoader<string, string | null>((keys) => codeNames(db, keys)),
  };
}
