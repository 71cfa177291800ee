import { and, sql, type SQL } from "drizzle-orm";
import { readRows, type Db } from "../db/client.js";
import { visibleIn } from "../scope.js";
import { keysetPage, type ConnectionArgs, type KeysetOrder, type Page } from "./keyset-pagination.js";
import { allColumns, selectRows, type ListSource } from "./rows.js";

/** One keyset page of a top-level list, with a lazy count under the same filter. */
export function tablePage<Row extends { id: number }>(
  db: Db,
  source: ListSource,
  args: ConnectionArgs,
  order: KeysetOrder<Row>,
  filter?: SQL,
): Promise<Page<Row>> {
  const where = and(filter, visibleIn(source.table));
  return keysetPage(
    args,
    order,
    (q) =>
      selectRows<Row>(
        db,
        source.fields ?? allColumns(source.table),
        sql`from ${source.table} where ${and(where, q.where) ?? sql`true`} order by ${sql.join(q.orderBy, sql`, `)} limit ${q.limit}`,
      ),
    async () => (await readRows(db, sql`select count(*)::int as n from ${source.table} where ${where ?? sql`true`}`))[0]!.n as number,
  );
}
