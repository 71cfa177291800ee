import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { accounts } from "../../src/db/schema.js";
import { flattened } from "../../src/db/rendered-sql.js";

const dialect = new PgDialect();

describe("flattened SQL", () => {
  it("renders to the same text and parameters as the tree it was made from, arrays and all", () => {
    const tree = sql`select ${accounts.id}, ${sql.identifier("a.b")} from ${accounts} where ${accounts.id} = any(${sql.param([1, 2, 3])}) and ${accounts.name} = ${"x"} and ${accounts.partitionId} = ${7}`;
    const flat = flattened(tree);
    expect(flat).not.toBe(tree);
    expect(dialect.sqlToQuery(flat)).toEqual(dialect.sqlToQuery(tree));
    // Inside a larger statement, its parameters are numbered where they land.
    expect(dialect.sqlToQuery(sql`select ${1}, (${flat})`)).toEqual(dialect.sqlToQuery(sql`select ${1}, (${tree})`));
  });

  it("leaves a fragment as it was when a $n in its text is not one of its parameters", () => {
    const tree = sql`select 1 as ${sql.identifier("$1")} where ${accounts.id} = ${5}`;
    expect(flattened(tree)).toBe(tree);
  });
});
