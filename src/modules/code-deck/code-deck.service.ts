import { and, eq, like, notInArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { codeDecks, codes, rateTables, type CodeDeckRow, type CodeRow } from "../../db/schema.js";
import { entityWriter } from "../../entity-writer.js";
import { isCode } from "../rate/code-expression.js";
import { UserErrorCode, UserErrorList, userError } from "../../errors.js";
import { audit, transact, type Writer } from "../../mutation.js";
import type { MutationResult } from "../../payload.js";
import { chooseOrder, nameContains, namedOrders, NameOrderField, type NamedListArgs, type OrderChoices } from "../../loading/list-args.js";
import { tablePage } from "../../loading/table-pages.js";
import type { LoaderCache } from "../../loading/child-pages.js";
import { prefixPattern } from "../../loading/keyset-pagination.js";
import { parse, parseId, type FieldRule } from "../../validation.js";
import { CodeImportMode, type CodeDeckCreateInput, type CodeDeckUpdateInput, type CodesImportInput } from "./code-deck-write.inputs.js";
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
  const source = { table: codes, id: codes.id, parent: codes.codeDeckId, where: and(...deckCodeConditions(args.filter)) };
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

const DECK_RULES: { [K in keyof CodeDeckUpdateInput]?: FieldRule } = {
  name: { column: "name", parse: parse.text(128) },
  notes: { column: "notes", parse: parse.optionalText(10_000), nullable: true },
};

export const codeDeckWriter = entityWriter<typeof codeDecks, CodeDeckCreateInput, CodeDeckUpdateInput, undefined>({
  table: codeDecks,
  objectType: "CodeDeck",
  what: "code deck",
  createRules: DECK_RULES,
  updateRules: DECK_RULES,
  constraints: { code_decks_name_key: () => userError(["input", "name"], UserErrorCode.TAKEN, "another code deck has this name") },
  dependents: [{ table: rateTables, column: rateTables.codeDeckId, what: "rate tables" }],
  partitionId: async () => null,
});

export const MAX_IMPORTED_CODES = 50_000;

export interface CodesImportResult {
  codeDeck: CodeDeckRow;
  inserted: number;
  updated: number;
  deleted: number;
}

/** Loads a code list into a deck in one transaction; every bad line is reported with its index. */
export async function importCodes(w: Writer, input: CodesImportInput): Promise<MutationResult<CodesImportResult>> {
  const errors = new UserErrorList();
  const deckId = parse.id("code deck")(errors, ["input", "codeDeckId"], input.codeDeckId);
  if (input.codes.length > MAX_IMPORTED_CODES) {
    errors.add(["input", "codes"], UserErrorCode.OUT_OF_RANGE, `at most ${MAX_IMPORTED_CODES} codes per import (got ${input.codes.length})`);
  }
  const seen = new Map<string, number>();
  const rows = input.codes.map((c, i) => {
    const path = ["input", "codes", String(i)];
    const code = c.code.trim();
    if (!isCode(code)) errors.add([...path, "code"], UserErrorCode.INVALID, "letters, digits and _#*+, 1 to 32 characters");
    else if (seen.has(code)) errors.add([...path, "code"], UserErrorCode.INVALID, `"${code}" also appears at index ${seen.get(code)}`);
    seen.set(code, i);
    const name = parse.text(128)(errors, [...path, "name"], c.name);
    const country = c.country == null ? null : parse.optionalText(64)(errors, [...path, "country"], c.country);
    return { code, name: name ?? "", country: country ?? null };
  });
  return transact(w.db, errors, async (tx) => {
    const [deck] = deckId === undefined ? [] : await tx.select().from(codeDecks).where(eq(codeDecks.id, deckId)).for("update");
    if (deckId !== undefined && !deck) errors.add(["input", "codeDeckId"], UserErrorCode.NOT_FOUND, "no code deck with this id");
    if (!deck || !errors.isEmpty) return undefined;
    const mode = input.mode ?? CodeImportMode.ADD_NEW;
    const deleted =
      mode === CodeImportMode.REPLACE
        ? (
            await tx
              .delete(codes)
              .where(and(eq(codes.codeDeckId, deck.id), rows.length ? notInArray(codes.code, rows.map((r) => r.code)) : undefined))
              .returning({ id: codes.id })
          ).length
        : 0;
    let inserted = 0;
    let updated = 0;
    // Batches keep each statement's parameter count well under Postgres's limit of 65535.
    for (let start = 0; start < rows.length; start += 5_000) {
      const batch = rows.slice(start, start + 5_000).map((r) => ({ ...r, codeDeckId: deck.id }));
      const written = await tx
        .insert(codes)
        .values(batch)
        .onConflictDoUpdate({
          target: [codes.codeDeckId, codes.code],
          set: { name: sql`excluded.name`, country: sql`excluded.country` },
          // ADD_NEW leaves existing codes alone: the WHERE makes the conflict a no-op.
          setWhere: mode === CodeImportMode.ADD_NEW ? sql`false` : sql`(${codes.name}, ${codes.country}) is distinct from (excluded.name, excluded.country)`,
        })
        .returning({ inserted: sql<boolean>`xmax = 0` });
      inserted += written.filter((r) => r.inserted).length;
      updated += written.filter((r) => !r.inserted).length;
    }
    await tx.update(codeDecks).set({ updatedAt: sql`now()` }).where(eq(codeDecks.id, deck.id));
    const summary = { mode, inserted, updated, deleted, codes: rows.length };
    await audit(tx, w.actor, { action: "update", objectType: "CodeDeck", objectId: deck.id, partitionId: null, before: deck, after: { ...deck, import: summary } });
    return { codeDeck: deck, inserted, updated, deleted };
  });
}
