import type { SQL } from "drizzle-orm";
import type { Db } from "./client.js";

/**
 * Rows of a raw statement. `db.execute()` returns `{ rows }` on PGlite and an array on postgres.js
 * (STACK.md pitfall 5); select explicit text/int casts so both drivers hand back the same JS types.
 */
export async function queryRows<Row>(db: Db, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as Row[] | { rows: Row[] };
  return Array.isArray(result) ? result : result.rows;
}
