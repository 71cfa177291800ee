import type DataLoader from "dataloader";
import { and, eq, getTableName, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../db/client.js";
import { inIdArray } from "../db/id-array.js";
import { visibleIn } from "../scope.js";
import { allColumns, groupByParent, rowsByIds, selectRows, type ListSource, type WithParent } from "./rows.js";
import type { LoaderCache } from "./child-pages.js";
import { Loader } from "./loader.js";
import { selectEmbedding, type Embeds } from "./embedded.js";

/**
 * A per-request loader that fetches many rows by id in one statement and hands each caller its own row
 * (or null). Created per request so one request never sees another's cache.
 */
export function byIdLoader<Row extends { id: number }>(fetch: (ids: readonly number[]) => Promise<Row[]>) {
  return new Loader<number, Row | null>(async (ids) => {
    const rows = await fetch(ids);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** A loader of every child of many parents in one statement (join tables, small fixed lists). */
export function groupLoader<Row>(fetch: (parentIds: number[]) => Promise<WithParent<Row>[]>) {
  return new Loader<number, Row[]>(async (parentIds) => {
    const groups = groupByParent(await fetch([...parentIds]));
    return parentIds.map((id) => groups.get(id) ?? []);
  });
}

/** The by-id loader of a whole table (or a selection of it). */
export function tableByIdLoader<Row extends { id: number }>(db: Db, source: ListSource) {
  return byIdLoader<Row>((ids) => rowsByIds<Row>(db, source, ids));
}

/**
 * A row by id with what the request selects under it read in the same statement (see embedded.ts),
 * batched with every sibling that selects the same; without embeds, the plain by-id loader. The row also
 * primes the plain loader, so a later read of the same id runs nothing.
 */
export function loadWithEmbeds<Row extends { id: number }>(
  db: Db,
  pages: LoaderCache,
  source: ListSource,
  byId: DataLoader<number, Row | null>,
  embeds: Embeds | undefined,
  id: number,
): Promise<Row | null> {
  if (!embeds) return byId.load(id);
  const embedding = () =>
    byIdLoader<Row>(async (ids) => {
      const rows = await selectEmbedding<Row>(db, source, embeds, {
        from: sql`${source.table}`,
        rest: sql`where ${and(inIdArray(source.id, ids), visibleIn(source.table))}`,
      });
      for (const row of rows) byId.prime(row.id, row);
      return rows;
    });
  return pages.get(`byId:${getTableName(source.table)}(${embeds.key})`, null, embedding).load(id);
}

/** A link table from parents to rows of `target`, e.g. account -> rate tables, kept in `position` order. */
export interface JoinSource {
  target: ListSource;
  link: PgTable;
  parent: PgColumn;
  /** The link column pointing at the target's id. */
  ref: PgColumn;
  /** Extra condition on the link rows, e.g. the direction. */
  where?: SQL;
  position?: PgColumn;
}

/** Every linked row of many parents in one statement. */
export function joinLoader<Row>(db: Db, source: JoinSource) {
  return groupLoader<Row>((parentIds) =>
    selectRows<WithParent<Row>>(
      db,
      source.target.fields ?? allColumns(source.target.table),
      sql`from ${source.link} inner join ${source.target.table} on ${eq(source.ref, source.target.id)}
          where ${and(inIdArray(source.parent, parentIds), source.where, visibleIn(source.target.table))}
          order by ${source.parent}, ${source.position ?? source.target.id}`,
      [sql`${source.parent} as "parentId"`],
    ),
  );
}
