import DataLoader from "dataloader";
import type { Db } from "../../db/client.js";
import { codeDecks, codes, type CodeDeckRow, type CodeRow } from "../../db/schema.js";
import { tableByIdLoader } from "../../loading/by-id.js";
import { codeNames } from "./code-deck.service.js";

export function createCodeDeckLoaders(db: Db) {
  return {
    codeDeckById: tableByIdLoader<CodeDeckRow>(db, { table: codeDecks, id: codeDecks.id }),
    codeById: tableByIdLoader<CodeRow>(db, { table: codes, id: codes.id }),
    /** Code name of a code in a deck, keyed "deckId:code". */
    codeNameByDeckCode: new DataLoader<string, string | null>((keys) => codeNames(db, keys)),
  };
}
