import { and, getTableColumns, is, sql, SQL, type AnyColumn, type DriverValueDecoder } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { readRows, type Db } from "../db/client.js";
import { inIdArray } from "../db/id-array.js";
import { flattened } from "../db/rendered-sql.js";
import { cachedIn } from "../memo.js";
import { visibleIn } from "../scope.js";

/** What a read selects: result property -> column, or an aliased expression (`sql<T>\`...\`.as(...)`). */
export type Fields = Record<string, PgColumn | SQL.Aliased>;

/**
 * A selection read as plain rows: the select list (`column as "property"`) and a decoder per property.
 * Drizzle's own select maps every value through generic per-field machinery (`is()` checks, result
 * paths), which was the top JavaScript cost of a nested list page; this does the same conversions
 * (a timestamp string to a Date, an array literal to an array) in one tight loop.
 */
export interface Selection {
  list: SQL;
  read<Row>(rows: Record<string, unknown>[]): Row[];
}

const selections = new WeakMap<object, Selection>();

/** The selection of these fields, made once per fields object. */
export function selection(fields: Fields): Selection {
  return cachedIn(selections, fields, () => makeSelection(fields));
}

function makeSelection(fields: Fields): Selection {
  const entries = Object.entries(fields);
  // An expression's decoder is what `.mapWith()` set (Drizzle keeps it on the SQL, untyped).
  const decoders = entries.map(([key, field]): [string, DriverValueDecoder<unknown, unknown>] => [
    key,
    is(field, SQL.Aliased) ? (field.sql as unknown as { decoder: DriverValueDecoder<unknown, unknown> }).decoder : field,
  ]);
  const list = sql.join(
    entries.map(([key, field]) => (is(field, SQL.Aliased) ? sql`${field.sql} as ${sql.identifier(key)}` : sql`${field} as ${sql.identifier(key)}`)),
    sql`, `,
  );
  // Rendered to text once: Drizzle walks a template's chunks on every use, and a select list of
  // many columns was most of the statement building on a nested page.
  return {
    list: flattened(list),
    read<Row>(rows: Record<string, unknown>[]) {
      for (const row of rows) {
        for (const [key, decoder] of decoders) {
          const value = row[key];
          if (value !== null && value !== undefined) row[key] = decoder.mapFromDriverValue(value);
        }
      }
      return rows as Row[];
    },
  };
}

const wholeTables = new WeakMap<PgTable, Fields>();

/** Every column of a table, as one fields object (so its selection is made once). */
export function allColumns(table: PgTable): Fields {
  return cachedIn(wholeTables, table, () => getTableColumns(table));
}

/** Runs `select <fields>, <extra...> <rest>` and decodes the rows (the extra items are left as the driver returns them). */
export async function selectRows<Row>(db: Db, fields: Fields, rest: SQL, extra: SQL[] = []): Promise<Row[]> {
  const { list, read } = selection(fields);
  return read<Row>(await readRows(db, sql`select ${list}${extra.length ? sql`, ${sql.join(extra, sql`, `)}` : sql``} ${rest}`));
}

/** A table (or a selection of it) as a list source. */
export interface ListSource {
  table: PgTable;
  id: PgColumn;
  fields?: Fields;
  /** The GraphQL type its rows are served as; without it a row read for a request is always read whole. */
  type?: RowType;
}

/**
 * For each GraphQL field of a type, the row properties its value (or its resolver) reads, where that is
 * not the property of the field's own name; for a field whose object is built from the same row (an
 * account's `identification`), the same for each field of that object in turn.
 */
export interface FieldNeeds {
  readonly [field: string]: readonly string[] | FieldNeeds;
}

/**
 * The GraphQL object type rows of a source are served as, and what its fields read besides the property
 * of their own name: a field resolver its key (`currency` reads `currencyId`, a child page only `id`), a
 * renamed field its property. A field listed nowhere makes the row be read whole, so a field added to
 * the type costs speed, never correctness.
 */
export interface RowType {
  name: string;
  needs: FieldNeeds;
}

/** Rows by id in one statement, for by-id DataLoaders. */
export function rowsByIds<Row>(db: Db, source: ListSource, ids: readonly number[]): Promise<Row[]> {
  return selectRows<Row>(db, source.fields ?? allColumns(source.table), sql`from ${source.table} where ${and(inIdArray(source.id, ids), visibleIn(source.table))}`);
}

/** Rows tagged with the parent they were fetched for. */
export type WithParent<Row> = Row & { parentId: number };

/** Rows keep their `parentId`: copying every row without it cost more than the extra property. */
export function groupByParent<Row>(rows: WithParent<Row>[]): Map<number, Row[]> {
  const groups = new Map<number, Row[]>();
  for (const row of rows) {
    const group = groups.get(row.parentId);
    if (group) group.push(row);
    else groups.set(row.parentId, [row]);
  }
  return groups;
}

const narrowed = new WeakMap<Fields, Map<string, Fields>>();
const bySelection = new WeakMap<Fields, WeakMap<FieldNeeds, WeakMap<ReadonlySet<string>, Map<string, Fields>>>>();

/**
 * The part of `all` that the selected fields need, plus `id` and the properties `also` names (a sort
 * key, for cursors). A field reads the property of its own name unless `needs` says otherwise.
 * `selected` holds field names or paths (`identification.authType`); a path under a field that reads
 * its own properties (a reference's key) needs nothing more. A selected field that is neither a
 * property nor in `needs` gets every column: a field added to the type without an entry here costs
 * speed, never correctness. The same set gives the same object, so its select list is built once; a
 * selection (memoized per field node, see selectedPaths) is worked out once, not once per parent of a
 * child page.
 */
export function neededFields(all: Fields, needs: FieldNeeds, selected: ReadonlySet<string>, also: readonly string[] = []): Fields {
  const bySelected = cachedIn(cachedIn(bySelection, all, () => new WeakMap()), needs, () => new WeakMap());
  return cachedIn(cachedIn(bySelected, selected, () => new Map()), also.join(), () => narrow(all, needs, selected, also));
}

function narrow(all: Fields, needs: FieldNeeds, selected: ReadonlySet<string>, also: readonly string[]): Fields {
  const keys = new Set(["id", ...also]);
  for (const path of selected) {
    const props = propsOf(all, needs, path.split("."));
    if (!props) return all;
    for (const prop of props) keys.add(prop);
  }
  const key = [...keys].sort().join(",");
  return cachedIn(cachedIn(narrowed, all, () => new Map()), key, () => Object.fromEntries(Object.entries(all).filter(([prop]) => keys.has(prop))));
}

/** What the field at `path` reads of the row; undefined when neither `needs` nor the row's properties know it. */
function propsOf(all: Fields | undefined, needs: FieldNeeds, path: string[]): readonly string[] | undefined {
  const [name, ...rest] = path;
  if (name === "__typename") return [];
  // Below the top level, fields belong to an object built from the row: only `needs` knows them.
  const entry = Object.hasOwn(needs, name!) ? needs[name!] : all && Object.hasOwn(all, name!) ? [name!] : undefined;
  if (!entry) return undefined;
  if (isProps(entry)) return rest.length ? [] : entry;
  return rest.length ? propsOf(undefined, entry, rest) : [];
}

function isProps(entry: readonly string[] | FieldNeeds): entry is readonly string[] {
  return Array.isArray(entry);
}

const properties = new WeakMap<Fields, Map<AnyColumn | undefined, string[]>>();

/**
 * The row property holding a column, e.g. the sort key a cursor reads; none when `fields` lacks it.
 * Looked up once per fields and column: a child page asks for every parent.
 */
export function propertyOf(fields: Fields, column: AnyColumn | undefined): string[] {
  return cachedIn(cachedIn(properties, fields, () => new Map()), column, () => {
    const found = column && Object.entries(fields).find(([, field]) => field === column);
    return found ? [found[0]] : [];
  });
}
