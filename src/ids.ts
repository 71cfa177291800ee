import { eq, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { parseId } from "./validation.js";

/**
 * `column = id` for an ID filter argument; undefined when the argument is absent. An id that cannot
 * name a row (malformed, out of range) matches nothing rather than failing the whole list.
 */
export function idEquals(column: PgColumn, id: string | null | undefined): SQL | undefined {
  if (id == null) return undefined;
  const key = parseId(id);
  return key === undefined ? sql`false` : eq(column, key);
}
