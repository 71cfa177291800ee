import { Column, Name, Param, Placeholder, SQL, sql, StringChunk, Table, type AnyColumn, type SQLChunk } from "drizzle-orm";
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

const names = new WeakMap<AnyColumn | PgTable, string>();

/**
 * A column or table as its rendered name (`"rates"."code"`), made once: Drizzle renders a column object
 * anew at each use, and the few columns in a page's conditions and order cost it more than all the
 * rest of its statement.
 */
function named(target: AnyColumn | PgTable): string {
  return cachedIn(names, target, () => dialect.sqlToQuery(sql`${target}`).sql);
}

/** Thrown inside `rendered` at a chunk it leaves to Drizzle. */
const UNUSUAL = Symbol("unusual chunk");

/**
 * A statement's text and parameters, exactly as Drizzle's PgDialect renders them, in one pass over
 * what read statements are made of: text, nested SQL, parameters and values, names, and columns and tables (their
 * names rendered once, see named). Drizzle checks each chunk against a dozen classes and allocates a
 * result per chunk and per level; on a page's statement that was 80 microseconds. A statement holding
 * anything else (an aliased expression, a placeholder, an inline list, a subquery object) is rendered
 * by Drizzle whole.
 */
export function rendered(query: SQL): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  let text = "";
  const bind = (value: unknown) => {
    params.push(value);
    text += `$${params.length}`;
  };
  const walk = (chunks: readonly SQLChunk[]) => {
    for (const chunk of chunks) {
      if (chunk === undefined) continue;
      if (chunk instanceof StringChunk) text += chunk.value.join("");
      else if (chunk instanceof SQL) {
        if ((chunk as unknown as { shouldInlineParams: boolean }).shouldInlineParams) throw UNUSUAL;
        walk(chunk.queryChunks);
      } else if (chunk instanceof Param) {
        if (chunk.value instanceof Placeholder) throw UNUSUAL;
        const value = chunk.value === null ? null : chunk.encoder.mapToDriverValue(chunk.value);
        if (value instanceof SQL) throw UNUSUAL;
        bind(value);
      } else if (chunk instanceof Name) text += dialect.escapeName(chunk.value);
      else if (chunk instanceof Column || chunk instanceof Table) text += named(chunk as AnyColumn | PgTable);
      // A value written straight into the template (sql`... ${5}`) is a parameter as it is.
      else if (chunk === null || typeof chunk !== "object") bind(chunk);
      else throw UNUSUAL;
    }
  };
  try {
    walk(query.queryChunks);
  } catch (error) {
    if (error !== UNUSUAL) throw error;
    const whole = dialect.sqlToQuery(query);
    return { sql: whole.sql, params: whole.params };
  }
  return { sql: text, params };
}
