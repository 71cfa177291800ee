import type DataLoader from "dataloader";
import { getTableColumns, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { timeProfiles, type TimeProfileRow } from "../../db/schema.js";
import { groupLoader, tableByIdLoader } from "../../loading/by-id.js";
import { periodsOfProfiles } from "./time-profile.service.js";

export function createTimeProfileLoaders(db: Db) {
  return {
    timeProfileById: tableByIdLoader<TimeProfileRow>(db, { table: timeProfiles, id: timeProfiles.id }),
    periodsOfTimeProfile: groupLoader((ids) => periodsOfProfiles(db, ids)),
  };
}

/*
 * A page of rates names a few time profiles many times over. Reading the profile inside the page's own
 * statement and priming timeProfileById with it saves the page a second statement. The row must be the
 * one the loader would have read: every column, as the text Postgres sends for it, decoded by the
 * column itself. Time profiles are shared reference data (no partition rule in src/scope.ts), so the
 * subquery needs no scope condition.
 */
const COLUMNS = Object.entries(getTableColumns(timeProfiles));

/**
 * The time profile with this id, as text (a JSON array of its columns' text), for `primeTimeProfiles`;
 * only on the first row of each profile in the statement, null on the others: building the text for
 * every row was most of what the subquery cost Postgres. When siblings' pages share one statement, the
 * page that carries a profile primes it for all of them: the batch hands every page over in the same
 * turn, before any rate's time profile is asked for. Not for a statement with a LIMIT of its own: the
 * window runs before the limit, over every row the statement matches.
 */
export function timeProfileText(id: SQL): SQL {
  const values = sql.join(
    COLUMNS.map(([, column]) => sql`${column}::text`),
    sql`, `,
  );
  return sql`case when row_number() over (partition by ${id}) = 1
    then (select json_build_array(${values})::text from ${timeProfiles} where ${timeProfiles.id} = ${id}) end`;
}

function decodeTimeProfile(text: string): TimeProfileRow {
  const values = JSON.parse(text) as (string | null)[];
  const row: Record<string, unknown> = {};
  COLUMNS.forEach(([key, column], i) => {
    const value = values[i];
    row[key] = value == null ? value : column.mapFromDriverValue(value);
  });
  return row as TimeProfileRow;
}

/** Primes the loader with the time profiles rows carry (see `timeProfileText`), decoding each profile once. */
export function primeTimeProfiles(
  loader: DataLoader<number, TimeProfileRow | null>,
  rows: readonly { timeProfileId: number; timeProfileText?: string | null }[],
): void {
  const primed = new Set<number>();
  for (const { timeProfileId, timeProfileText: text } of rows) {
    if (text == null || primed.has(timeProfileId)) continue;
    primed.add(timeProfileId);
    loader.prime(timeProfileId, decodeTimeProfile(text));
  }
}
