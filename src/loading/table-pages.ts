import { and, sql, type SQL } from "drizzle-orm";
import { readRows, type Db } from "../db/client.js";
import { visibleIn } from "../scope.js";
import type { GraphQLResolveInfo } from "graphql";
import { joinClauses, primeJoined, selectedReferences, withJoinedFields, type JoinedReference, type Joins } from "./joined-references.js";
import { keysetPage, type ConnectionArgs, type KeysetOrder, type Page } from "./keyset-pagination.js";
import { selectedFieldNames } from "./lookahead.js";
import { allColumns, selectRows, type ListSource } from "./rows.js";

/** What a page's own statement reads besides its rows, when the request selects it. */
export interface PageExtras {
  /** To-one references joined into the statement (see joined-references.ts). */
  joins?: Joins | undefined;
  /**
   * `totalCount` is selected: counted in the page's statement, as an uncorrelated subquery Postgres
   * runs once. An empty page carries no row to hold it, so its count is a statement of its own, as
   * is every count when not selected together with the page.
   */
  count?: boolean;
}

/** The extras a top-level connection field's selection asks for. */
export function pageExtras<L>(info: GraphQLResolveInfo, references: readonly JoinedReference<L>[], loaders: L): PageExtras {
  return {
    joins: selectedReferences(references, selectedFieldNames(info, "connection"), loaders),
    count: selectedFieldNames(info, "object").has("totalCount"),
  };
}

/** One keyset page of a top-level list, with a lazy count under the same filter. */
export function tablePage<Row extends { id: number }>(
  db: Db,
  source: ListSource,
  args: ConnectionArgs,
  order: KeysetOrder<Row>,
  filter?: SQL,
  extras: PageExtras = {},
): Promise<Page<Row>> {
  const where = and(filter, visibleIn(source.table));
  const counting = sql`from ${source.table} where ${where ?? sql`true`}`;
  let counted: number | undefined;
  return keysetPage(
    args,
    order,
    async (q) => {
      const rows = await selectRows<Row & Record<string, unknown>>(
        db,
        withJoinedFields(source.fields ?? allColumns(source.table), extras.joins),
        sql`from ${source.table}${joinClauses(extras.joins)} where ${and(where, q.where) ?? sql`true`} order by ${sql.join(q.orderBy, sql`, `)} limit ${q.limit}`,
        extras.count ? sql`(select count(*)::int ${counting}) as "totalCount"` : undefined,
      );
      primeJoined(rows, extras.joins);
      if (extras.count && rows[0]) counted = rows[0].totalCount as number;
      return rows;
    },
    async () => counted ?? ((await readRows(db, sql`select count(*)::int as n ${counting}`))[0]!.n as number),
  );
}
