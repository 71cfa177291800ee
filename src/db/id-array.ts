import { sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

/**
 * `column = any($1::int[])`: many ids as one array parameter. Unlike `in ($1, …, $n)` the statement
 * text is the same for every batch size, so Postgres reuses its prepared plan, and Drizzle builds one
 * parameter instead of one per id (a 200-id batch spent more time there than in the database).
 *
 * One id is `column = $1`. A prepared statement's generic plan cannot know an array's length and
 * estimates ten rows, so for one id it looked ten times costlier than a custom plan and Postgres
 * planned the statement anew at every execution: 1 ms of planning for 0.3 ms of work on the account
 * page, whose statement embeds a dozen subqueries. With `= $1` the generic plan is chosen after five
 * executions, and a request for one row is not planned again.
 */
export function inIdArray(column: PgColumn, ids: Iterable<number>): SQL {
  const list = [...ids];
  return list.length === 1 ? sql`${column} = ${list[0]}::int` : sql`${column} = any(${sql.param(list)}::int[])`;
}
