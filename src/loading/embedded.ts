import type DataLoader from "dataloader";
import { and, eq, getTableName, is, sql, SQL } from "drizzle-orm";
import { PgColumn, type PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../db/client.js";
import { currentPartition, visibleIn } from "../scope.js";
import type { JoinSource } from "./by-id.js";
import { BoundedMap, cachedIn } from "../memo.js";
import { flattened } from "../db/rendered-sql.js";
import { allColumns, neededFields, selectRows, type Fields, type ListSource } from "./rows.js";

/**
 * Reads embedded in the statement of their parent rows. Each round trip to the database cost the gateway
 * more than the rows it brought (building the statement, a socket write and read, waking a backend), and
 * a page of accounts with rate tables, or one account with all it links to, was a statement per loader.
 * So the statement that reads parent rows also reads what the request selects under them:
 *
 * - a to-one reference (a client's partition, an account's client) is left-joined, its columns read as
 *   `<path>.<property>`;
 * - a linked list (an account's rate tables, through `account_rate_tables`) is a correlated subquery
 *   that returns the rows as a JSON array, numbers as text so decimals stay exact;
 * - what is selected under an embedded row in turn (the client's currency, each rate table's code deck)
 *   is a correlated JSON subquery inside it. Each subquery has its own scope, so a table may appear at
 *   several places of one statement.
 *
 * Every row found primes the DataLoader the field's resolver reads, so resolvers are unchanged: they
 * find their rows in the loader's cache and run no statement. Nothing not selected is read; a row a join
 * did not find (a null key, or a row the request may not see) is not primed and loads as before. The
 * target's partition rule is part of each join or subquery, so an embedded read sees what a loader would.
 *
 * An embedded row holds only the columns that the fields the operation selects on its type read,
 * anywhere in the document (see narrowed): a page showing the id and name of each account's rate
 * tables read every column of them, timestamps decoded to Dates, 200 times over. Since the primed
 * loader is the one every resolver of the request reads that row from, the row must serve all of them.
 */
export interface EmbeddedReference<Loaders> {
  /** Selection path under the parent that returns the referenced object, e.g. "client" or "origination.routingPlan". */
  path: string;
  /** The parent's column holding the referenced id. */
  key: PgColumn;
  /** The referenced table, read as its by-id loader reads it. */
  target: ListSource;
  loader(loaders: Loaders): DataLoader<number, unknown>;
  /** What the referenced row can embed in turn (a function: modules refer to each other). */
  embeds?: () => Embeddable<Loaders>;
}

export interface EmbeddedList<Loaders> {
  /** Selection paths under the parent that read the list, e.g. "origination.rateTables". */
  paths: readonly string[];
  /** The link, as its group loader reads it (see joinLoader). */
  source: JoinSource;
  loader(loaders: Loaders): DataLoader<number, unknown[]>;
  embeds?: () => Embeddable<Loaders>;
  /**
   * The parent's column the link's parent column matches, and the row property holding it, when it is
   * not the parent's id: an account reads its client's rate tables (its fallback) by its client id.
   */
  parentKey?: { column: PgColumn; prop: string };
}

/** What rows of one table can embed. */
export interface Embeddable<Loaders> {
  parent: ListSource;
  references: readonly EmbeddedReference<Loaders>[];
  lists: readonly EmbeddedList<Loaders>[];
}

/**
 * Checks, at startup, what one statement can embed: the joined references of a parent name distinct
 * tables, none the parent's own, and no subquery reads its parent's table (its key would name itself).
 */
export function embeddable<L>(e: Embeddable<L>): Embeddable<L> {
  const tables = new Set<PgTable>([e.parent.table, ...e.references.map((ref) => ref.target.table)]);
  const clash = tables.size !== e.references.length + 1 || e.lists.some((list) => [list.source.link, list.source.target.table].includes(e.parent.table));
  if (clash) throw new Error(`${getTableName(e.parent.table)}: embedded reads must name tables other than their parent's, each reference its own`);
  return e;
}

/** For each object type, the names of the fields an operation selects on it, anywhere (see fieldsOnTypes). */
export type FieldsOnTypes = ReadonlyMap<string, ReadonlySet<string>>;

interface SelectedReference {
  path: string;
  key: PgColumn;
  /** The referenced table, narrowed to what the request reads of it. */
  target: ListSource;
  loader: DataLoader<number, unknown>;
  nested: Embeds | undefined;
}

interface SelectedList {
  path: string;
  source: JoinSource;
  /** The linked table, narrowed to what the request reads of it. */
  target: ListSource;
  loader: DataLoader<number, unknown[]>;
  nested: Embeds | undefined;
  parentKey: { column: PgColumn; prop: string } | undefined;
}

/** The embedded reads a request selects, with that request's loaders. */
export interface Embeds {
  /** What they were chosen from. */
  of: Embeddable<never>;
  /** Names what is embedded, for caching select lists and statements and keying loaders. */
  key: string;
  parent: ListSource;
  references: SelectedReference[];
  lists: SelectedList[];
}

const chosen = new WeakMap<object, Map<Set<string>, Map<FieldsOnTypes | undefined, Map<Embeddable<never>, Embeds | undefined>>>>();

/**
 * The embeds of `e` that the selected paths (see `selectedPaths`) name, with the request's loaders;
 * undefined when none. Each embedded row is read as far as `onTypes` (see `fieldsOnTypes`) says the
 * operation needs it, or whole without it. Worked out once per request and selection: a child page's
 * resolver asks again for every parent.
 */
export function selectedEmbeds<L extends object>(e: Embeddable<L>, paths: Set<string>, loaders: L, onTypes?: FieldsOnTypes): Embeds | undefined {
  const byTypes = cachedIn(cachedIn(chosen, loaders, () => new Map()), paths, () => new Map());
  const byEmbeddable = cachedIn(byTypes, onTypes, () => new Map());
  return cachedIn(byEmbeddable, e as unknown as Embeddable<never>, () => chooseEmbeds(e, paths, loaders, onTypes));
}

function chooseEmbeds<L extends object>(e: Embeddable<L>, paths: Set<string>, loaders: L, onTypes: FieldsOnTypes | undefined): Embeds | undefined {
  const under = (found: string[], more: (() => Embeddable<L>) | undefined) => {
    if (!more) return undefined;
    const inner = new Set<string>();
    for (const prefix of found.map((path) => `${path}.`)) {
      for (const path of paths) if (path.startsWith(prefix)) inner.add(path.slice(prefix.length));
    }
    return inner.size ? chooseEmbeds(more(), inner, loaders, onTypes) : undefined;
  };
  const references = e.references
    .filter((ref) => paths.has(ref.path))
    .map((ref) => ({ path: ref.path, key: ref.key, target: narrowed(ref.target, onTypes), loader: ref.loader(loaders), nested: under([ref.path], ref.embeds) }));
  const lists = e.lists.flatMap((list) => {
    const found = list.paths.filter((path) => paths.has(path));
    if (!found.length) return [];
    const { source, parentKey } = list;
    return [{ path: list.paths[0]!, source, target: narrowed(source.target, onTypes), loader: list.loader(loaders), nested: under(found, list.embeds), parentKey }];
  });
  if (!references.length && !lists.length) return undefined;
  const named = (embedded: { path: string; target: ListSource; nested: Embeds | undefined }) =>
    `${embedded.path}(${Object.keys(fieldsOf(embedded.target)).join()})${embedded.nested ? `{${embedded.nested.key}}` : ""}`;
  return { of: e as unknown as Embeddable<never>, key: [...references, ...lists].map(named).join(), parent: e.parent, references, lists };
}

/**
 * `select <source's fields>, <extra...>, <what embeds reads> from <from> <joins> <rest>`: the rows of the
 * source with what the request selects under them, every embedded row primed into its loader. The one
 * way a statement embeds, for top-level pages, child pages and rows by id alike.
 */
export async function selectEmbedding<Row>(
  db: Db,
  source: ListSource,
  embeds: Embeds | undefined,
  statement: { from: SQL; rest: SQL; extra?: SQL[] },
): Promise<(Row & Record<string, unknown>)[]> {
  const { joins, selects } = embeddedSql(embeds);
  const rows = await selectRows<Row & Record<string, unknown>>(
    db,
    withEmbeddedFields(fieldsOf(source), embeds),
    sql`from ${statement.from}${joins} ${statement.rest}`,
    [...(statement.extra ?? []), ...selects],
  );
  primeEmbedded(rows, embeds);
  return rows;
}

/** Shapes of embedded SQL kept per embeddable: documents choose them, so they are bounded. */
const SHAPES_KEPT = 500;
const shapes = new WeakMap<Embeddable<never>, BoundedMap<string, { joins: SQL; selects: SQL[] }>>();

/**
 * The joins and select items that read `embeds`, built and rendered to text (see flattened) once per
 * shape and partition scope, not once per request: the partition rules inside them are the only values.
 */
function embeddedSql(embeds: Embeds | undefined): { joins: SQL; selects: SQL[] } {
  if (!embeds) return { joins: sql``, selects: [] };
  const byKey = cachedIn(shapes, embeds.of, () => new BoundedMap(SHAPES_KEPT));
  return cachedIn(byKey, `${currentPartition()} ${embeds.key}`, () => {
    const selects = embeddedSelects(embeds);
    return { joins: flattened(embeddedJoins(embeds)), selects: selects.length ? [flattened(sql.join(selects, sql`, `))] : [] };
  });
}

const combined = new WeakMap<Fields, Map<string, Fields>>();

/**
 * The parent's fields plus every column of each joined reference, as `<path>.<property>`; made once per
 * combination. The joined columns are read as the driver returns them: a page names the same few rows
 * many times over, and they are decoded once per row primed, not once per parent row.
 */
function withEmbeddedFields(fields: Fields, embeds: Embeds | undefined): Fields {
  if (!embeds?.references.length) return fields;
  return cachedIn(cachedIn(combined, fields, () => new Map()), embeds.key, () => {
    const all = { ...fields };
    for (const ref of embeds.references) {
      for (const [prop, field] of Object.entries(fieldsOf(ref.target))) {
        const key = `${ref.path}.${prop}`;
        all[key] = sql`${is(field, SQL.Aliased) ? field.sql : field}`.as(key);
      }
    }
    return all;
  });
}

/** `left join <target> on <target id> = <key> and <target's partition rule>` for each reference. */
function embeddedJoins(embeds: Embeds | undefined): SQL {
  if (!embeds?.references.length) return sql``;
  return sql.join(
    embeds.references.map((ref) => sql` left join ${ref.target.table} on ${and(eq(ref.target.id, ref.key), visibleIn(ref.target.table))}`),
    sql``,
  );
}

/**
 * The select items besides the columns: each embedded list as `"<path>"`, and what is embedded under
 * each joined reference as `"<reference path>.<path>"`, all JSON.
 */
function embeddedSelects(embeds: Embeds | undefined): SQL[] {
  if (!embeds) return [];
  const items = embeds.lists.map((list) => sql`${listJson(list, embeds.parent)} as ${sql.identifier(list.path)}`);
  for (const ref of embeds.references) {
    const nested = ref.nested;
    if (!nested) continue;
    for (const inner of nested.references) items.push(sql`${referenceJson(inner)} as ${sql.identifier(`${ref.path}.${inner.path}`)}`);
    for (const inner of nested.lists) items.push(sql`${listJson(inner, nested.parent)} as ${sql.identifier(`${ref.path}.${inner.path}`)}`);
  }
  return items;
}

/** Hands each embedded row to its loader's cache: references once per id, lists once per parent. */
function primeEmbedded(rows: readonly Record<string, unknown>[], embeds: Embeds | undefined): void {
  if (!embeds) return;
  for (const ref of embeds.references) {
    const columns = valueDecoders(fieldsOf(ref.target), "driver").map(([prop, decode]) => [prop, `${ref.path}.${prop}`, decode] as const);
    const idKey = `${ref.path}.id`;
    const seen = new Set<number>();
    for (const row of rows) {
      const id = row[idKey] as number | null;
      if (id == null || seen.has(id)) continue;
      seen.add(id);
      const target: Record<string, unknown> = {};
      for (const [prop, key, decode] of columns) {
        const value = row[key];
        target[prop] = value === null || value === undefined ? value : decode(value);
      }
      ref.loader.prime(id, target);
      if (ref.nested) primeUnder(ref.nested, target, (path) => row[`${ref.path}.${path}`]);
    }
  }
  for (const row of rows) {
    for (const list of embeds.lists) primeList(list, row, row[list.path] as Record<string, unknown>[]);
  }
}

/** What is embedded under one row, read from where `valueOf` finds each path's JSON. */
function primeUnder(nested: Embeds, parent: Record<string, unknown>, valueOf: (path: string) => unknown): void {
  for (const ref of nested.references) {
    const row = valueOf(ref.path) as Record<string, unknown> | null;
    if (row) {
      decodeJson(row, ref.target, ref.nested);
      ref.loader.prime(row.id as number, row);
    }
  }
  for (const list of nested.lists) primeList(list, parent, valueOf(list.path) as Record<string, unknown>[]);
}

function primeList(list: SelectedList, parent: Record<string, unknown>, items: Record<string, unknown>[]): void {
  const parentId = parent[list.parentKey?.prop ?? "id"] as number | null;
  if (parentId == null) return;
  for (const item of items) decodeJson(item, list.target, list.nested);
  list.loader.prime(parentId, items);
}

/**
 * Turns a JSON row into what its loader returns: each value through its column's decoder, and what is
 * embedded under it (kept under `<path>@`) primed into its own loader and removed, so the row has the
 * loader's shape exactly.
 */
function decodeJson(row: Record<string, unknown>, target: ListSource, nested: Embeds | undefined): void {
  for (const [prop, decode] of valueDecoders(fieldsOf(target), "json")) {
    const value = row[prop];
    if (value !== null && value !== undefined) row[prop] = decode(value);
  }
  if (!nested) return;
  primeUnder(nested, row, (path) => row[`${path}@`]);
  for (const embedded of [...nested.references, ...nested.lists]) delete row[`${embedded.path}@`];
}

/** One referenced row as a JSON object, or null. */
function referenceJson(ref: SelectedReference): SQL {
  return sql`(select ${jsonObject(ref.target, ref.nested)} from ${ref.target.table} where ${and(eq(ref.target.id, ref.key), visibleIn(ref.target.table))})`;
}

/** The rows linked to the parent row, as a JSON array in the loader's order. */
function listJson(list: SelectedList, parent: ListSource): SQL {
  const { source } = list;
  return sql`(select coalesce(json_agg(${jsonObject(list.target, list.nested)} order by ${source.position ?? source.target.id}), '[]'::json)
    from ${source.link} inner join ${source.target.table} on ${eq(source.ref, source.target.id)}
    where ${and(eq(source.parent, list.parentKey?.column ?? parent.id), source.where, visibleIn(source.target.table))})`;
}

const jsonObjects = new WeakMap<Fields, SQL>();

/**
 * `json_build_object('prop', column, ...)` of a target's fields, and of what is embedded under it as
 * `'<path>@'`. The plain object is rendered to text once: a statement embedding five lists was mostly
 * these.
 */
function jsonObject(target: ListSource, nested: Embeds | undefined): SQL {
  const fields = fieldsOf(target);
  const plain = cachedIn(jsonObjects, fields, () => flattened(sql.join(Object.entries(fields).map(([prop, field]) => sql`${sql.raw(`'${prop}'`)}, ${jsonValue(field)}`), sql`, `)));
  if (!nested) return sql`json_build_object(${plain})`;
  const more = [
    ...nested.references.map((ref) => sql`${sql.raw(`'${ref.path}@'`)}, ${referenceJson(ref)}`),
    ...nested.lists.map((list) => sql`${sql.raw(`'${list.path}@'`)}, ${listJson(list, nested.parent)}`),
  ];
  return sql`json_build_object(${plain}, ${sql.join(more, sql`, `)})`;
}

function fieldsOf(target: ListSource): Fields {
  return target.fields ?? allColumns(target.table);
}

const NOTHING: ReadonlySet<string> = new Set();
const narrowings = new WeakMap<ListSource, Map<Fields, ListSource>>();

/**
 * The target with only the columns the fields the operation selects on its type read (see its row
 * type and neededFields), or as it is when it has no row type or the request's selections are not
 * known. The same columns give the same object.
 */
export function narrowed(target: ListSource, onTypes: FieldsOnTypes | undefined): ListSource {
  const { type } = target;
  if (!type || !onTypes) return target;
  const all = fieldsOf(target);
  const fields = neededFields(all, type.needs, onTypes.get(type.name) ?? NOTHING);
  return fields === all ? target : cachedIn(cachedIn(narrowings, target, () => new Map()), fields, () => ({ ...target, fields }));
}

/** A column as a JSON value: numbers of arbitrary precision as text, so no decimal passes through a float. */
function jsonValue(field: Fields[string]): SQL {
  const expression = is(field, SQL.Aliased) ? field.sql : sql`${field}`;
  return is(field, PgColumn) && field.columnType === "PgNumeric" ? sql`${expression}::text` : expression;
}

const decoders = { json: new WeakMap<Fields, [string, (value: unknown) => unknown][]>(), driver: new WeakMap<Fields, [string, (value: unknown) => unknown][]>() };

/**
 * How each value, from a JSON row or as the driver returned it, becomes what the column's loader
 * returns: the column's own decoder, except for a JSON column's value inside JSON, which is parsed already.
 */
function valueDecoders(fields: Fields, from: "json" | "driver"): [string, (value: unknown) => unknown][] {
  return cachedIn(decoders[from], fields, () =>
    Object.entries(fields).map(([prop, field]): [string, (value: unknown) => unknown] => {
      if (is(field, PgColumn)) {
        if (from === "json" && (field.columnType === "PgJson" || field.columnType === "PgJsonb")) return [prop, (value) => value];
        return [prop, (value) => field.mapFromDriverValue(value)];
      }
      const decoder = ((field as SQL.Aliased).sql as unknown as { decoder?: { mapFromDriverValue(value: unknown): unknown } }).decoder;
      return [prop, decoder ? (value) => decoder.mapFromDriverValue(value) : (value) => value];
    }),
  );
}
