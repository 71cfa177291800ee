import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import { ArgsType, Field, Int, ObjectType, registerEnumType, type ClassType } from "type-graphql";
import { badUserInput } from "../errors.js";
import { stringProblem } from "../graphql/argument-guard.js";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ObjectType({ description: "Where a page sits in its list (Relay cursor connections)." })
export class PageInfo {
  @Field(() => Boolean, { description: "True when more items follow this page." })
  hasNextPage: boolean;

  @Field(() => Boolean, {
    description: "True when items precede this page. When paging forward it is true whenever `after` was given.",
  })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the first item of the page; null when empty." })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: "Cursor of the last item of the page; null when empty." })
  endCursor: string | null;
}

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `Items after \`after\`, at most ${MAX_PAGE_SIZE}.` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "Opaque cursor from a previous page's `endCursor`." })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Items before \`before\`, at most ${MAX_PAGE_SIZE}.` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: "Opaque cursor from a previous page's `startCursor`." })
  before?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** What a service returns for a list: one page plus a lazy count (run only when `totalCount` is read). */
export interface Page<T> {
  readonly edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  readonly totalCount: Promise<number>;
}

/** Declares `<Name>Connection` and `<Name>Edge` for an item type. */
export function connectionType<T extends object>(item: ClassType<T>, name: string, plural: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a list, with its cursor.` })
  class EdgeType {
    @Field(() => String, { description: "Opaque keyset cursor of this item." })
    cursor: string;

    @Field(() => item, { description: `The ${name}.` })
    node: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${plural}.` })
  class ConnectionType {
    @Field(() => [EdgeType], { description: "The items of the page, with cursors." })
    edges: EdgeType[];

    @Field(() => [item], { description: "The items of the page, without cursors." })
    nodes: T[];

    @Field(() => PageInfo, { description: "How to fetch the neighbouring pages." })
    pageInfo: PageInfo;

    // A plain property, read from the page's getter: a method would make type-graphql copy the whole
    // page into a class instance for every connection, reading (and so computing) every lazy field.
    // `simple: false` keeps its resolver, which awaits the count (src/schema/build.ts).
    @Field(() => Int, { simple: false, description: "How many items match the filters in all pages; counted only when asked for." })
    totalCount: Promise<number>;
  }
  return ConnectionType;
}

/** How a list is ordered: one sort key (or none for id order) and the id as tiebreaker. */
export interface KeysetOrder<Row> {
  /** Name baked into cursors, so a cursor from another ordering is refused rather than misread. */
  name: string;
  direction: "ASC" | "DESC";
  id: AnyColumn;
  key?: {
    column: AnyColumn;
    /** Postgres type of the key, to compare the cursor's value with the column. */
    pgType: "text" | "timestamptz" | "numeric" | "integer";
    read(row: Row): string | number;
  };
}

export interface PageQuery {
  where: SQL | undefined;
  orderBy: SQL[];
  limit: number;
}

/** A page request turned into SQL pieces, and how to turn the fetched rows into the page. */
export interface PagePlan<Row> {
  query: PageQuery;
  finish(rows: Row[], countTotal: () => Promise<number>): Page<Row>;
}

/**
 * Keyset (seek) pagination: the cursor holds the last row's sort key and id, and the next page is
 * `WHERE (key, id) > (cursor)`, which an index on (key, id) answers without scanning earlier rows.
 * The plan fetches one row more than asked, to know whether another page follows.
 */
export function planPage<Row extends { id: number }>(args: ConnectionArgs, order: KeysetOrder<Row>): PagePlan<Row> {
  const { size, backward } = pageSize(args);
  const bounds = [
    args.after != null ? seek(order, decodeCursor(args.after, order, "after"), "after") : undefined,
    args.before != null ? seek(order, decodeCursor(args.before, order, "before"), "before") : undefined,
  ].filter((c): c is SQL => c !== undefined);
  const ascending = (order.direction === "ASC") !== backward;
  const dir = ascending ? sql`asc` : sql`desc`;
  const orderBy = order.key ? [sql`${order.key.column} ${dir}`, sql`${order.id} ${dir}`] : [sql`${order.id} ${dir}`];
  return {
    query: { where: bounds.length ? sql.join(bounds, sql` and `) : undefined, orderBy, limit: size + 1 },
    finish(rows, countTotal) {
      const more = rows.length > size;
      const pageRows = rows.slice(0, size);
      if (backward) pageRows.reverse();
      const cursorOf = (node: Row | undefined) => (node ? encodeCursor(order, node) : null);
      // Cursors are encoded only when selected: most screens read `nodes`, and under many parents the
      // cursors were a noticeable part of a nested page's cost.
      let edges: Edge<Row>[] | undefined;
      return {
        get edges() {
          return (edges ??= pageRows.map((node) => ({ cursor: encodeCursor(order, node), node })));
        },
        nodes: pageRows,
        pageInfo: {
          hasNextPage: backward ? args.before != null : more,
          hasPreviousPage: backward ? more : args.after != null,
          get startCursor() {
            return cursorOf(pageRows[0]);
          },
          get endCursor() {
            return cursorOf(pageRows.at(-1));
          },
        },
        get totalCount() {
          return countTotal();
        }
      };
    },
  };
}

/** One page of a top-level list: `fetch` runs the planned query (skipped for `first: 0`). */
export async function keysetPage<Row extends { id: number }>(
  args: ConnectionArgs,
  order: KeysetOrder<Row>,
  fetch: (query: PageQuery) => Promise<Row[]>,
  countTotal: () => Promise<number>,
): Promise<Page<Row>> {
  const plan = planPage(args, order);
  const rows = plan.query.limit > 1 ? await fetch(plan.query) : [];
  return plan.finish(rows, countTotal);
}

export function pageSize(args: ConnectionArgs): { size: number; backward: boolean } {
  if (args.first != null && args.last != null) throw badUserInput("Pass either `first` or `last`, not both.");
  const backward = args.last != null;
  const size = (backward ? args.last : args.first) ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw badUserInput(
      `\`${backward ? "last" : "first"}\` must be between 0 and ${MAX_PAGE_SIZE} (got ${size}).`,
      backward ? "last" : "first",
    );
  }
  return { size, backward };
}

type CursorValue = [key: string | number | null, id: number];

export function encodeCursor<Row extends { id: number }>(order: KeysetOrder<Row>, row: Row): string {
  const payload = [order.name, order.key ? order.key.read(row) : null, row.id];
  return Buffer.from(JSON.stringify(payload)).toString("base64url");
}

/**
 * A cursor's sort key must be a value its column's type takes, or the seek condition would fail in
 * Postgres: cursors are opaque, but a client can still forge one.
 */
const KEY_CHECKS: Record<NonNullable<KeysetOrder<never>["key"]>["pgType"], (value: string | number) => boolean> = {
  text: (value) => typeof value === "string" && stringProblem(value, undefined) === undefined,
  // Exactly what encodeCursor writes (toISOString), years 0001 to 9999: Date.parse would roll 02-30 over to 03-02.
  timestamptz: (value) => typeof value === "string" && /^(?!0000)\d{4}-/.test(value) && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value,
  numeric: (value) => (typeof value === "string" && /^-?\d{1,20}(\.\d{1,20})?$/.test(value)) || Number.isFinite(value),
  integer: (value) => typeof value === "number" && Number.isSafeInteger(value) && Math.abs(value) <= 2_147_483_647,
};

export function decodeCursor<Row>(cursor: string, order: KeysetOrder<Row>, argument: string): CursorValue {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    payload = undefined;
  }
  if (
    Array.isArray(payload) &&
    payload.length === 3 &&
    payload[0] === order.name &&
    (order.key ? (typeof payload[1] === "string" || typeof payload[1] === "number") && KEY_CHECKS[order.key.pgType](payload[1]) : payload[1] === null) &&
    Number.isSafeInteger(payload[2])
  ) {
    return [payload[1], payload[2]];
  }
  throw badUserInput(`\`${argument}\` is not a cursor of this list in this order.`, argument);
}

function seek<Row>(order: KeysetOrder<Row>, [value, id]: CursorValue, side: "after" | "before"): SQL {
  const forward = (order.direction === "ASC") === (side === "after");
  const op = forward ? sql`>` : sql`<`;
  if (!order.key) return sql`${order.id} ${op} ${id}`;
  return sql`(${order.key.column}, ${order.id}) ${op} (cast(${value} as ${sql.raw(order.key.pgType)}), ${id})`;
}

export enum OrderDirection {
  ASC = "ASC",
  DESC = "DESC",
}

registerEnumType(OrderDirection, {
  name: "OrderDirection",
  description: "Sort direction; ties are always broken by id in the same direction.",
  valuesConfig: { ASC: { description: "Smallest first." }, DESC: { description: "Largest first." } },
});

/** `%`, `_` and `\` match literally in a "contains" filter. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** `LIKE` pattern for "starts with": an index with pattern ops answers it as a range. */
export function prefixPattern(text: string): string {
  return `${escapeLike(text)}%`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
