import { and, eq, gt, sql } from "drizzle-orm";
import { alias, PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { accounts, rates } from "../../src/db/schema.js";
import { inIdArray } from "../../src/db/id-array.js";
import { flattened, rendered } from "../../src/db/rendered-sql.js";

const dialect = new PgDialect();
const drizzle = (query: ReturnType<typeof sql>) => {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return { sql: text, params };
};

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

describe("rendered SQL", () => {
  const previous = alias(rates, "next_version");
  const cases: Record<string, ReturnType<typeof sql>> = {
    "columns, tables, names, nested SQL and parameters": sql`select ${accounts.id}, ${accounts.name} as ${sql.identifier('a "quoted" name')} from ${accounts}
      where ${and(inIdArray(accounts.id, [1, 2]), eq(accounts.partitionId, 3), undefined, sql`${accounts.name} like ${"%x%"}`)}`,
    "a parameter through its column's encoder (a Date as the driver takes it)": sql`select 1 from ${rates} where ${gt(rates.effectiveFrom, new Date("2026-01-02T03:04:05Z"))}`,
    "an aliased table's columns": sql`select ${previous.code} from ${previous} where ${eq(previous.rateTableId, rates.rateTableId)}`,
    "null, arrays and objects as parameters": sql`select ${sql.param(null)}, ${sql.param([1, 2])}, ${sql.param({ a: 1 })}`,
    "values written straight into the template": sql`select ${5}, ${"text"}, ${null}, ${true}, ${2n} limit ${11}`,
    "a flattened fragment inside a statement": sql`select ${10}, (${flattened(sql`select ${accounts.id} from ${accounts} where ${accounts.id} = ${4}`)})`,
    // What it leaves to Drizzle: the same answer all the same.
    "an inline list": sql`select ${[1, 2, 3]}`,
    "a placeholder": sql`select ${sql.placeholder("p")}`,
    "an aliased expression": sql`select ${sql`1`.as("one")}`,
    "inlined parameters": sql`select ${sql`${5}`.inlineParams()}`,
  };
  for (const [name, query] of Object.entries(cases)) {
    it(`renders ${name} exactly as Drizzle does`, () => {
      expect(rendered(query)).toEqual(drizzle(query));
    });
  }
});
