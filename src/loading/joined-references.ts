import type DataLoader from "dataloader";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { visibleIn } from "../scope.js";
import { allColumns, type Fields, type ListSource } from "./rows.js";

/**
 * How a page's to-one references (a client's partition and currency) stay inside the page's own
 * statement. Each reference a request selects is left-joined into the statement that reads its parent
 * rows, and every referenced row found primes the by-id loader the field's resolver reads: the resolver
 * is unchanged, finds its row in the loader's cache, and runs no statement. A reference not selected is
 * not joined; a row the join did not find (not visible, or a null key) is loaded as before.
 */
export interface JoinedReference<Loaders> {
  /** The GraphQL field of the parent type that returns the referenced object. */
  field: string;
  /** The parent's column holding the referenced id. */
  key: PgColumn;
  /** The referenced table, read whole: a primed row has exactly the shape its by-id loader returns. */
  target: ListSource;
  /** The by-id loader the field's resolver reads. */
  loader(loaders: Loaders): DataLoader<number, unknown>;
}

/** The references of one statement, with the loaders of the request they prime. */
export interface Joins {
  references: { field: string; key: PgColumn; target: ListSource; loader: DataLoader<number, unknown> }[];
}

/**
 * The references among `all` that the selection names. A statement can join a table once, so the
 * references of one parent type must name distinct tables, none of them the parent's own (checked once
 * per list by `checkReferences`).
 */
export function selectedReferences<L>(all: readonly JoinedReference<L>[], selected: Set<string>, loaders: L): Joins | undefined {
  const references = all.filter((ref) => selected.has(ref.field)).map((ref) => ({ ...ref, loader: ref.loader(loaders) }));
  return references.length ? { references } : undefined;
}

/** Refuses, at startup, a list of references that one statement could not join. */
export function checkReferences<L>(parent: ListSource, all: readonly JoinedReference<L>[]): readonly JoinedReference<L>[] {
  const tables = new Set([parent.table, ...all.map((ref) => ref.target.table)]);
  if (tables.size !== all.length + 1) throw new Error("joined references must name distinct tables, none the parent's own");
  return all;
}

const combined = new WeakMap<Fields, Map<string, Fields>>();

/** The parent's fields plus every column of each joined table, as `<field>.<property>`; made once per combination. */
export function withJoinedFields(fields: Fields, joins: Joins | undefined): Fields {
  if (!joins) return fields;
  const key = joins.references.map((ref) => ref.field).join();
  let byKey = combined.get(fields);
  if (!byKey) combined.set(fields, (byKey = new Map()));
  let all = byKey.get(key);
  if (!all) {
    all = { ...fields };
    for (const ref of joins.references) {
      for (const [prop, column] of Object.entries(targetFields(ref.target))) all[`${ref.field}.${prop}`] = column;
    }
    byKey.set(key, all);
  }
  return all;
}

/** `left join <target> on <target id> = <key>`, with the target's partition rule in the join condition. */
export function joinClauses(joins: Joins | undefined): SQL {
  if (!joins) return sql``;
  return sql.join(
    joins.references.map((ref) => sql` left join ${ref.target.table} on ${and(eq(ref.target.id, ref.key), visibleIn(ref.target.table))}`),
    sql``,
  );
}

/** Hands each joined row to its loader's cache, once per id. */
export function primeJoined(rows: readonly Record<string, unknown>[], joins: Joins | undefined): void {
  if (!joins) return;
  for (const ref of joins.references) {
    const props = Object.keys(targetFields(ref.target));
    const idKey = `${ref.field}.id`;
    const seen = new Set<number>();
    for (const row of rows) {
      const id = row[idKey] as number | null;
      if (id == null || seen.has(id)) continue;
      seen.add(id);
      const target: Record<string, unknown> = {};
      for (const prop of props) target[prop] = row[`${ref.field}.${prop}`];
      ref.loader.prime(id, target);
    }
  }
}

function targetFields(target: ListSource): Fields {
  return target.fields ?? allColumns(target.table);
}
