import DataLoader from "dataloader";
import { and, getTableName, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { readRows, type Db } from "../db/client.js";
import { inIdArray } from "../db/id-array.js";
import { visibleIn } from "../scope.js";
import { planPage, type ConnectionArgs, type KeysetOrder, type Page, type PagePlan } from "./keyset-pagination.js";
import { Loader } from "./loader.js";
import { cachedIn } from "../memo.js";
import { chooseOrder, nameContains, NameOrderField, type NamedListArgs, type OrderChoices } from "./list-args.js";
import { flattened } from "../db/rendered-sql.js";
import { allColumns, groupByParent, selection, type Fields, type ListSource, type WithParent } from "./rows.js";
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
  const counts = childCounts(db, source);
  return new DataLoader<number, Page<Row>>(async (parentIds) => {
    let groups = new Map<number, Row[]>();
    const counted = new Map<number, number>();
    if (plan.query.limit > 1) {
      const rows = await selectPages<Row>(db, source, plan, { from: sql`unnest(${sql.param([...parentIds])}::int[]) as parent_ids(id)` });
      for (const row of rows) if (row.totalCount !== undefined) counted.set(row.parentId, row.totalCount);
      groups = groupByParent(rows);
    }
    return parentIds.map((id) => plan.finish(groups.get(id) ?? [], async () => counted.get(id) ?? counts.load(id)));
  });
}

/** How many children each parent has, for all parents asked in one tick: one grouped statement. */
function childCounts(db: Db, source: ChildSource) {
  // The parents were visible, so their children are too; checked again so no path relies on it.
  const where = and(source.where, visibleIn(source.table));
  return new DataLoader<number, number>(async (parentIds) => {
    const rows = await readRows(
      db,
      sql`select ${source.parent} as "parentId", count(*)::int as n from ${source.table} where ${and(inIdArray(source.parent, parentIds), where)} group by 1`,
    );
    const byParent = new Map(rows.map((r) => [r.parentId as number, r.n as number]));
    return parentIds.map((id) => byParent.get(id) ?? 0);
  });
}

/**
 * The rows of each parent's page, parents named by `parents.from` as `parent_ids` with an `id` column.
 * Each parent's page is picked by id in a lateral subquery; the rows are then read from the table
 * itself, joined by id, so each column is named once, plainly. With `keepEmpty`, a parent whose page is
 * empty is still a row, its child columns null.
 */
function selectPages<Row extends { id: number }>(
  db: Db,
  source: ChildSource,
  plan: PagePlan<Row>,
  parents: { from: SQL; extra?: SQL[]; keepEmpty?: boolean },
) {
  const where = and(source.where, visibleIn(source.table));
  const ofParent = sql`${source.parent} = parent_ids.id`;
  const pageIds = sql`select ${source.id} from ${source.table} where ${and(ofParent, where, plan.query.where)} order by ${sql.join(plan.query.orderBy, sql`, `)} limit ${plan.query.limit}`;
  const count = source.count ? sql` cross join lateral (select count(*)::int as n from ${source.table} where ${and(ofParent, where)}) as counted` : sql``;
  const join = parents.keepEmpty
    ? sql`left join lateral (${pageIds}) as page on true left join ${source.table} on ${source.id} = page.id`
    : sql`cross join lateral (${pageIds}) as page inner join ${source.table} on ${source.id} = page.id`;
  return selectEmbedding<WithParent<Row> & { totalCount?: number }>(db, source, source.embeds, {
    from: sql`${parents.from}${count} ${join}`,
    rest: sql`order by ${sql.join([sql`parent_ids.id`, ...plan.query.orderBy], sql`, `)}`,
    extra: [sql`parent_ids.id as "parentId"`, ...(source.count ? [sql`counted.n as "totalCount"`] : []), ...(parents.extra ?? [])],
  });
}

/** A child connection's page as its resolver asks for it (see LoaderCache.childPage). */
export interface ChildPageRequest<Row extends { id: number }> {
  /** The connection's loader name, e.g. "rateTable.rates". */
  name: string;
  source: ChildSource;
  args: ConnectionArgs;
  order: KeysetOrder<Row>;
}

/**
 * Rows by id, each read together with one page of its children (`rateTable(id) { rates(first: 50) }`):
 * one statement where the row and its page were two in sequence, the second costing more in round
 * trip than in work. The parent's columns come with every row of its page, so `parent` should be
 * narrowed to what the request reads of it (see narrowed, embedded.ts); a parent is left-joined to its page,
 * so one with an empty page is still found. Each page is handed to the loader the child resolver asks
 * (primePage), each parent to `byId`.
 */
function parentsWithPageLoader<P extends { id: number }, Row extends { id: number }>(
  db: Db,
  cache: LoaderCache,
  parent: ListSource,
  byId: DataLoader<number, P | null>,
  page: ChildPageRequest<Row>,
  plan: PagePlan<Row>,
) {
  const parentFields = prefixedFields(parent);
  const parentColumns = selection(parentFields);
  const parentExtra = [flattened(sql.join(Object.keys(parentFields).map((key) => sql`parent_ids.${sql.identifier(key)}`), sql`, `))];
  const counts = childCounts(db, page.source);
  return new Loader<number, P | null>(async (ids) => {
    const rows = await selectPages<Row>(db, page.source, plan, {
      from: sql`(select ${parent.id} as id, ${parentColumns.list} from ${parent.table}
          where ${and(inIdArray(parent.id, ids), visibleIn(parent.table))}) as parent_ids`,
      extra: parentExtra,
      keepEmpty: true,
    });
    parentColumns.read(rows);
    const parents = new Map<number, P>();
    const children = new Map<number, Row[]>();
    for (const row of rows) {
      if (!parents.has(row.parentId)) {
        const found: Record<string, unknown> = {};
        for (const key of Object.keys(parentFields)) found[key.slice(PARENT.length)] = row[key as keyof typeof row];
        parents.set(row.parentId, found as P);
        children.set(row.parentId, []);
      }
      if (row.id != null) children.get(row.parentId)!.push(row);
    }
    for (const [id, found] of parents) {
      // totalCount, when selected, is counted on its own, as the page's own loader counts a rates page.
      cache.primePage(db, page.name, page.source, page.args, page.order, id, plan.finish(children.get(id)!, () => counts.load(id)));
      byId.prime(id, found);
    }
    return ids.map((id) => parents.get(id) ?? null);
  });
}

const PARENT = "parent.";
const prefixed = new WeakMap<Fields, Fields>();

/** The parent's fields as `parent.<property>`, made once per fields object. */
function prefixedFields(parent: ListSource): Fields {
  const fields = parent.fields ?? allColumns(parent.table);
  return cachedIn(prefixed, fields, () => Object.fromEntries(Object.entries(fields).map(([prop, field]) => [PARENT + prop, field])));
}

/**
 * Loaders that depend on a field's arguments (a child connection's page size, filter, order) are kept
 * per request and per distinct arguments, so sibling parents asking the same page share one batch.
 */
export class LoaderCache {
  private readonly loaders = new Map<string, unknown>();

  get<T>(name: string, args: unknown, make: () => T): T {
    return cachedIn(this.loaders, `${name}:${argumentsKey(args)}`, make) as T;
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
    return this.get(shapeOf(name, source), args, () => childPageLoader<Row>(db, source, args, order)).load(parentId);
  }

  /** What names the loader of a child page: its connection, its shape (columns, embeds, count) and its arguments. */
  pageKey(name: string, source: ChildSource, args: ConnectionArgs): string {
    return `${shapeOf(name, source)}:${argumentsKey(args)}`;
  }

  /**
   * A row by id read with one page of its children in one statement (see parentsWithPageLoader),
   * batched with every sibling asking the same page; the plain `byId` when the page reads no row or its
   * arguments are refused (the child resolver then reports that, as without look-ahead).
   */
  withPage<P extends { id: number }, Row extends { id: number }>(
    db: Db,
    parent: ListSource,
    byId: DataLoader<number, P | null>,
    page: ChildPageRequest<Row>,
    id: number,
  ): Promise<P | null> {
    let plan: PagePlan<Row>;
    try {
      plan = planPage(page.args, page.order);
    } catch {
      return byId.load(id);
    }
    if (plan.query.limit <= 1) return byId.load(id);
    const name = `byIdWith:${getTableName(parent.table)}(${Object.keys(parent.fields ?? {}).join()})+${this.pageKey(page.name, page.source, page.args)}`;
    return this.get(name, null, () => parentsWithPageLoader<P, Row>(db, this, parent, byId, page, plan)).load(id);
  }

  /** Hands one parent's page, read in the parent's own statement, to the loader `childPage` asks. */
  primePage<Row extends { id: number }>(db: Db, name: string, source: ChildSource, args: ConnectionArgs, order: KeysetOrder<Row>, parentId: number, page: Page<Row>): void {
    this.get(shapeOf(name, source), args, () => childPageLoader<Row>(db, source, args, order)).prime(parentId, page);
  }
}

function shapeOf(name: string, source: ChildSource): string {
  return `${name}(${Object.keys(source.fields ?? {}).join()};${source.embeds?.key ?? ""};${source.count ? "count" : ""})`;
}

/**
 * Arguments as a key: the same values give the same key whatever the order of their properties, so
 * arguments type-graphql made into class instances and the same ones read ahead from the document
 * (see LoaderCache.withPage) name one loader.
 */
function argumentsKey(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(argumentsKey).join()}]`;
  if (value === null || typeof value !== "object" || value instanceof Date) return JSON.stringify(value) ?? "null";
  const entries = Object.entries(value).filter(([, item]) => item !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${argumentsKey(item)}`).join()}}`;
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
