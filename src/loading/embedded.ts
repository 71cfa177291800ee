import type DataLoader from "dataloader";
import { and, eq, is, sql, SQL } from "drizzle-orm";
import { PgColumn } from "drizzle-orm/pg-core";
import { visibleIn } from "../scope.js";
import type { JoinSource } from "./by-id.js";
import { allColumns, type Fields, type ListSource } from "./rows.js";

/**
 * Reads embedded in the statement of their parent rows. Each round trip to the database cost the gateway
 * more than the rows it brought (building the statement, a socket write and read, waking a backend), and
 * a page of accounts with rate tables, or one account with all it links to, was a statement per loader.
 * So the statement that reads parent rows also reads what the request selects under them:
 *
 * - a to-one reference (a client's partition, an account's client) is left-joined, its columns read as
 *   `<path>.<property>`;
 * - a linked list (an account's rate tables, through `account_rate_tables`) is a correlated subquery
 *   that returns the rows as a JSON array, numbers as text so decimals stay exact.
 *
 * Every row found primes the DataLoader the field's resolver reads, so resolvers are unchanged: they
 * find their rows in the loader's cache and run no statement. Nothing not selected is read; a row a join
 * did not find (a null key, or a row the request may not see) is not primed and loads as before. The
 * target's partition rule is part of the join or subquery, so an embedded read sees what a loader would.
 */
export interface EmbeddedReference<Loaders> {
  /** Selection path under the parent that returns the referenced object, e.g. "client" or "origination.routingPlan". */
  path: string;
  /** The parent's column holding the referenced id. */
  key: PgColumn;
  /** The referenced table, read as its by-id loader reads it. */
  target: ListSource;
  loader(loaders: Loaders): DataLoader<number, unknown>;
}

export interface EmbeddedList<Loaders> {
  /** Selection paths under the parent that read the list, e.g. "origination.rateTables". */
  paths: readonly string[];
  /** The link, as its group loader reads it (see joinLoader). */
  source: JoinSource;
  loader(loaders: Loaders): DataLoader<number, unknown[]>;
}

/** What a parent type can embed. A statement joins a table once: references name distinct tables, none the parent's. */
export interface Embeddable<Loaders> {
  parent: ListSource;
  references: readonly EmbeddedReference<Loaders>[];
  lists: readonly EmbeddedList<Loaders>[];
}

/** Checks, at startup, that one statement can join every reference of `embeddable`. */
export function embeddable<L>(e: Embeddable<L>): Embeddable<L> {
  const tables = new Set([e.parent.table, ...e.references.map((ref) => ref.target.table)]);
  if (tables.size !== e.references.length + 1) throw new Error("embedded references must name distinct tables, none the parent's own");
  return e;
}

/** The embedded reads a request selects, with that request's loaders. */
export interface Embeds {
  /** Names what is embedded, for caching select lists and keying loaders. */
  key: string;
  parent: ListSource;
  references: { path: string; key: PgColumn; target: ListSource; loader: DataLoader<number, unknown> }[];
  lists: { path: string; source: JoinSource; loader: DataLoader<number, unknown[]> }[];
}

/** The embeds of `e` that the selected paths (see `selectedPaths`) name; undefined when none. */
export function selectedEmbeds<L>(e: Embeddable<L>, paths: Set<string>, loaders: L): Embeds | undefined {
  const references = e.references.filter((ref) => paths.has(ref.path)).map((ref) => ({ ...ref, loader: ref.loader(loaders) }));
  const lists = e.lists
    .filter((list) => list.paths.some((path) => paths.has(path)))
    .map((list) => ({ path: list.paths[0]!, source: list.source, loader: list.loader(loaders) }));
  if (!references.length && !lists.length) return undefined;
  const key = [...references.map((ref) => ref.path), ...lists.map((list) => list.path)].join();
  return { key, parent: e.parent, references, lists };
}

const combined = new WeakMap<Fields, Map<string, Fields>>();

/** The parent's fields plus every column of each joined reference, as `<path>.<property>`; made once per combination. */
export function withEmbeddedFields(fields: Fields, embeds: Embeds | undefined): Fields {
  if (!embeds?.references.length) return fields;
  let byKey = combined.get(fields);
  if (!byKey) combined.set(fields, (byKey = new Map()));
  let all = byKey.get(embeds.key);
  if (!all) {
    all = { ...fields };
    for (const ref of embeds.references) {
      for (const [prop, column] of Object.entries(fieldsOf(ref.target))) all[`${ref.path}.${prop}`] = column;
    }
    byKey.set(embeds.key, all);
  }
  return all;
}

/** `left join <target> on <target id> = <key> and <target's partition rule>` for each reference. */
export function embeddedJoins(embeds: Embeds | undefined): SQL {
  if (!embeds?.references.length) return sql``;
  return sql.join(
    embeds.references.map((ref) => sql` left join ${ref.target.table} on ${and(eq(ref.target.id, ref.key), visibleIn(ref.target.table))}`),
    sql``,
  );
}

/** One select item per embedded list: the parent row's linked rows as a JSON array, in the loader's order. */
export function embeddedLists(embeds: Embeds | undefined): SQL[] {
  return (embeds?.lists ?? []).map(({ path, source }) => {
    const pairs = Object.entries(fieldsOf(source.target)).map(([prop, field]) => sql`${sql.raw(`'${prop}'`)}, ${jsonValue(field)}`);
    return sql`(select coalesce(json_agg(json_build_object(${sql.join(pairs, sql`, `)}) order by ${source.position ?? source.target.id}), '[]'::json)
      from ${source.link} inner join ${source.target.table} on ${eq(source.ref, source.target.id)}
      where ${and(eq(source.parent, embeds!.parent.id), source.where, visibleIn(source.target.table))}) as ${sql.identifier(path)}`;
  });
}

/** Hands each embedded row to its loader's cache: references once per id, lists once per parent. */
export function primeEmbedded(rows: readonly Record<string, unknown>[], embeds: Embeds | undefined): void {
  if (!embeds) return;
  for (const ref of embeds.references) {
    const props = Object.keys(fieldsOf(ref.target));
    const idKey = `${ref.path}.id`;
    const seen = new Set<number>();
    for (const row of rows) {
      const id = row[idKey] as number | null;
      if (id == null || seen.has(id)) continue;
      seen.add(id);
      const target: Record<string, unknown> = {};
      for (const prop of props) target[prop] = row[`${ref.path}.${prop}`];
      ref.loader.prime(id, target);
    }
  }
  for (const list of embeds.lists) {
    const decoders = Object.entries(fieldsOf(list.source.target)).map(([prop, field]) => [prop, jsonDecoder(field)] as const);
    for (const row of rows) {
      const items = row[list.path] as Record<string, unknown>[];
      for (const item of items) {
        for (const [prop, decode] of decoders) {
          const value = item[prop];
          if (value !== null && value !== undefined) item[prop] = decode(value);
        }
      }
      list.loader.prime(row.id as number, items);
    }
  }
}

function fieldsOf(target: ListSource): Fields {
  return target.fields ?? allColumns(target.table);
}

/** A column as a JSON value: numbers of arbitrary precision as text, so no decimal passes through a float. */
function jsonValue(field: Fields[string]): SQL {
  const expression = is(field, SQL.Aliased) ? field.sql : sql`${field}`;
  return is(field, PgColumn) && field.columnType === "PgNumeric" ? sql`${expression}::text` : expression;
}

/** How a JSON value becomes what the column's loader returns: the column's own decoder, except for JSON columns. */
function jsonDecoder(field: Fields[string]): (value: unknown) => unknown {
  if (is(field, PgColumn)) {
    if (field.columnType === "PgJson" || field.columnType === "PgJsonb") return (value) => value;
    return (value) => field.mapFromDriverValue(value);
  }
  const decoder = ((field as SQL.Aliased).sql as unknown as { decoder?: { mapFromDriverValue(value: unknown): unknown } }).decoder;
  return decoder ? (value) => decoder.mapFromDriverValue(value) : (value) => value;
}
