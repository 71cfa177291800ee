import { and, sql, type SQL } from "drizzle-orm";
import { readRows, type Db } from "../db/client.js";
import { visibleIn } from "../scope.js";
import { selectEmbedding } from "./embedded.js";
import { keysetPage, type ConnectionArgs, type KeysetOrder, type Page } from "./keyset-pagination.js";
import type { PageExtras } from "./lookahead.js";
import type { ListSource } from "./rows.js";

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
      const rows = await selectEmbedding<Row>(db, source, extras.embeds, {
        from: sql`${source.table}`,
        rest: sql`where ${and(where, q.where) ?? sql`true`} order by ${sql.join(q.orderBy, sql`, `)} limit ${q.limit}`,
        extra: extras.count ? [sql`(select count(*)::int ${counting}) as "totalCount"`] : [],
      });
      if (extras.count && rows[0]) counted = rows[0].totalCount as number;
      return rows;
    },
    async () => counted ?? ((await readRows(db, sql`select count(*)::int as n ${counting}`))[0]!.n as number),
  );
}
