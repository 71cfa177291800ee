import { and, eq, like, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { codeDecks, codes, type CodeDeckRow, type CodeRow } from "../../db/schema.js";
import { chooseOrder, nameContains, namedOrders, NameOrderField, tablePage, type NamedListArgs, type OrderChoices } from "../../lists.js";
import type { LoaderCache } from "../../loaders.js";
import { prefixPattern } from "../../pagination.js";
import { parseId } from "../../validation.js";
import { CodeOrderField, type CodesArgs, type DeckCodeFilter, type DeckCodesArgs } from "./code-deck.inputs.js";

const DECK_ORDERS = namedOrders<CodeDeckRow>(codeDecks);
const CODE_ORDERS: OrderChoices<CodeRow, CodeOrderField> = {
  [CodeOrderField.ID]: { name: "id", id: codes.id },
  [CodeOrderField.CODE]: { name: "code", id: codes.id, key: { column: codes.code, pgType: "text", read: (r) => r.code } },
  [CodeOrderField.NAME]: { name: "name", id: codes.id, key: { column: codes.name, pgType: "text", read: (r) => r.name } },
};

export function listCodeDecks(db: Db, args: NamedListArgs) {
  const order = chooseOrder(DECK_ORDERS, args.orderBy, NameOrderField.NAME);
  return tablePage(db, { table: codeDecks, id: codeDecks.id }, args, order, nameContains(codeDecks.name, args.filter?.nameContains));
}

function deckCodeConditions(filter: DeckCodeFilter | null | undefined): (SQL | undefined)[] {
  return [
    filter?.codePrefix != null ? like(codes.code, prefixPattern(filter.codePrefix)) : undefined,
    filter?.name != null ? eq(codes.name, filter.name) : undefined,
    filter?.country != null ? eq(codes.country, filter.country) : undefined,
  ];
}

export function listCodes(db: Db, args: CodesArgs) {
  const deckId = args.filter?.codeDeckId;
  const deck = deckId == null ? undefined : (parseId(deckId) ?? 0);
  const where = and(deck === undefined ? undefined : eq(codes.codeDeckId, deck), ...deckCodeConditions(args.filter));
  return tablePage(db, { table: codes, id: codes.id }, args, chooseOrder(CODE_ORDERS, args.orderBy, CodeOrderField.CODE), where);
}

export function codesOfDeck(db: Db, pages: LoaderCache, deckId: number, args: DeckCodesArgs) {
  const source = { table: codes, parent: codes.codeDeckId, where: and(...deckCodeConditions(args.filter)) };
  return pages.childPage(db, "codeDeck.codes", source, args, chooseOrder(CODE_ORDERS, args.orderBy, CodeOrderField.CODE), deckId);
}

/** Code names of (deck, code) pairs in one statement, keyed "deck:code". */
export async function codeNames(db: Db, keys: readonly string[]): Promise<(string | null)[]> {
  const pairs = keys.map((k) => k.split(":") as [string, string]);
  const rows = await db
    .select({ deck: codes.codeDeckId, code: codes.code, name: codes.name })
    .from(codes)
    .where(
      sql`(${codes.codeDeckId}, ${codes.code}) in (select * from unnest(${sql.param(pairs.map((p) => Number(p[0])))}::int[], ${sql.param(pairs.map((p) => p[1]))}::text[]))`,
    );
  const byKey = new Map(rows.map((r) => [`${r.deck}:${r.code}`, r.name]));
  return keys.map((k) => byKey.get(k) ?? null);
}
