import { sql, type AnyColumn, type SQL, type SQLChunk } from "drizzle-orm";
import { PgDialect, type PgTable } from "drizzle-orm/pg-core";
import { cachedIn } from "../memo.js";

const dialect = new PgDialect();

/**
 * The same SQL, rendered to text once and cut only at its parameters: Drizzle renders a statement by
 * walking every node of its tree (each column, name and template piece, with an `is()` check each) on
 * every use, which was a fifth of the CPU of a request reading one account with all it links to. A
 * fragment made once per shape and flattened is walked in a few chunks. Its parameters keep their
 * values and their place; a text whose `$n` markers are not exactly its parameters in order (a `$1`
 * inside a name) is left as it was.
 */
export function flattened(fragment: SQL): SQL {
  const { sql: text, params } = dialect.sqlToQuery(fragment);
  const chunks: SQLChunk[] = [];
  let from = 0;
  let n = 0;
  for (const marker of text.matchAll(/\$(\d+)/g)) {
    if (Number(marker[1]) !== ++n) return fragment;
    chunks.push(sql.raw(text.slice(from, marker.index)), sql.param(params[n - 1]));
    from = marker.index + marker[0].length;
  }
  if (n !== params.length) return fragment;
  chunks.push(sql.raw(text.slice(from)));
  return chunks.length === 1 ? (chunks[0] as SQL) : sql.join(chunks);
}

const names = new WeakMap<AnyColumn | PgTable, SQL>();

/**
 * A column or table as its rendered name (`"rates"."code"`), made once: Drizzle renders a column object
 * anew at each use, and the few columns in a page's conditions and order cost more than all the rest of
 * its statement, whose parts made once are flattened already.
 */
export function named(target: AnyColumn | PgTable): SQL {
  return cachedIn(names, target, () => flattened(sql`${target}`));
}
