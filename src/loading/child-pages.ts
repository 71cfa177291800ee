import DataLoader from "dataloader";
import { and, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { readRows, type Db } from "../db/client.js";
import { inIdArray } from "../db/id-array.js";
import { visibleIn } from "../scope.js";
import { planPage, type ConnectionArgs, type KeysetOrder, type Page } from "./keyset-pagination.js";
import { chooseOrder, nameContains, NameOrderField, type NamedListArgs, type OrderChoices } from "./list-args.js";
import { groupByParent, type ListSource, type WithParent } from "./rows.js";
import { selectEmbedding, type Embeds } from "./embedded.js";

/** Where the children of a connection live: their table, the column naming the parent, and extra conditions. */
export interface ChildSource extends ListSource {
  parent: PgColumn;
  /** Filter conditions from the field's arguments; undefined for none. */
  where?: SQL | undefined;
  /** What each child's row reads in the page's statement (see embedded.ts). */
  embeds?: Embeds | undefined;
  /** `totalCount` is selected with the page: counted in the page's statement. */
  count?: boolean;
}

/**
 * Pages of children under many parents in one statement per nesting level: every parent id is joined
 * laterally to the ids of its own keyset-limited page, which an index on the parent column answers
 * without reading the rest of a large child list. `totalCount`, when selected (`source.count`), is
 * counted per parent in the same statement; a parent whose page is empty has no row to carry it, so its
 * count, and every count not selected with the page, is one grouped statement for all parents asked.
 */
export function childPageLoader<Row extends { id: number }>(
  db: Db,
  source: ChildSource,
  args: ConnectionArgs,
  order: KeysetOrder<Row>,
) {
  const plan = planPage(args, order);
  // The parents were visible, so their children are too; checked again so no path relies on it.
  const where = and(source.where, visibleIn(source.table));
  const counts = new DataLoader<number, number>(async (parentIds) => {
    const rows = await readRows(
      db,
      sql`select ${source.parent} as "parentId", count(*)::int as n from ${source.table} where ${and(inIdArray(source.parent, parentIds), where)} group by 1`,
    );
    const byParent = new Map(rows.map((r) => [r.parentId as number, r.n as number]));
    return parentIds.map((id) => byParent.get(id) ?? 0);
  });
  return new DataLoader<number, Page<Row>>(async (parentIds) => {
    let groups = new Map<number, Row[]>();
    const counted = new Map<number, number>();
    if (plan.query.limit > 1) {
      const pageIds = db
        .select({ id: source.id })
        .from(source.table)
        .where(and(sql`${source.parent} = parent_ids.id`, where, plan.query.where))
        .orderBy(...plan.query.orderBy)
        .limit(plan.query.limit);
      const count = source.count ? sql` cross join lateral (select count(*)::int as n from ${source.table} where ${and(sql`${source.parent} = parent_ids.id`, where)}) as counted` : sql``;
      // Each parent's page is picked by id in a lateral subquery; the rows are then read from the table
      // itself, joined by id, so each column is named once, plainly.
      const rows = await selectEmbedding<WithParent<Row> & { totalCount?: number }>(db, source, source.embeds, {
        from: sql`unnest(${sql.param([...parentIds])}::int[]) as parent_ids(id)${count} cross join lateral (${pageIds}) as page
            inner join ${source.table} on ${source.id} = page.id`,
        rest: sql`order by ${sql.join([sql`${source.parent}`, ...plan.query.orderBy], sql`, `)}`,
        extra: [sql`parent_ids.id as "parentId"`, ...(source.count ? [sql`counted.n as "totalCount"`] : [])],
      });
      for (const row of rows) if (row.totalCount !== undefined) counted.set(row.parentId, row.totalCount);
      groups = groupByParent(rows);
    }
    return parentIds.map((id) => plan.finish(groups.get(id) ?? [], async () => counted.get(id) ?? counts.load(id)));
  });
}

/**
 * Loaders that depend on a field's arguments (a child connection's page size, filter, order) are kept
 * per request and per distinct arguments, so sibling parents asking the same page share one batch.
 */
export class LoaderCache {
  private readonly loaders = new Map<string, unknown>();

  get<T>(name: string, args: unknown, make: () => T): T {
    const key = `${name}:${JSON.stringify(args)}`;
    let loader = this.loaders.get(key) as T | undefined;
    if (!loader) {
      loader = make();
      this.loaders.set(key, loader);
    }
    return loader;
  }

  /**
   * The page of one parent's children, batched with every sibling asking for the same page: the same
   * arguments, and the same columns, embedded reads and count, which the selection decides.
   */
  childPage<Row extends { id: number }>(
    db: Db,
    name: string,
    source: ChildSource,
    args: ConnectionArgs,
    order: KeysetOrder<Row>,
    parentId: number,
  ): Promise<Page<Row>> {
    const shape = `${name}(${Object.keys(source.fields ?? {}).join()};${source.embeds?.key ?? ""};${source.count ? "count" : ""})`;
    return this.get(shape, args, () => childPageLoader<Row>(db, source, args, order)).load(parentId);
  }
}

/** A parent's page of named children (clients of a partition, contacts of a client): name filter, usual orders. */
export function namedChildPage<Row extends { id: number }>(
  db: Db,
  pages: LoaderCache,
  field: string,
  children: { table: PgTable & { id: PgColumn; name: PgColumn }; parent: PgColumn; orders: OrderChoices<Row, NameOrderField> },
  args: NamedListArgs,
  parentId: number,
  count: boolean,
): Promise<Page<Row>> {
  const { table, parent, orders } = children;
  const source = { table, id: table.id, parent, where: nameContains(table.name, args.filter?.nameContains), count };
  return pages.childPage<Row>(db, field, source, args, chooseOrder(orders, args.orderBy, NameOrderField.NAME), parentId);
}
