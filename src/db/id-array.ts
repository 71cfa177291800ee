import { sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

/**
 * `column = any($1::int[])`: many ids as one array parameter. Unlike `in ($1, …, $n)` the statement
 * text is the same for every batch size, so Postgres reuses its prepared plan, and Drizzle builds one
 * parameter instead of one per id (a 200-id batch spent more time there than in the database).
 */
export function inIdArray(column: PgColumn, ids: Iterable<number>): SQL {
  return sql`${column} = any(${sql.param([...ids])}::int[])`;
}
