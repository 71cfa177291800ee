import "reflect-metadata";
import { is, sql } from "drizzle-orm";
import { getTableConfig, PgDialect, PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../src/db/query-rows.js";
import * as schema from "../src/db/schema.js";
import { UserErrorList } from "../src/errors.js";
import { isCode } from "../src/modules/rate/code-expression.js";
import { parse } from "../src/validation.js";
import { startTestGateway, type TestGateway } from "./support/gateway.js";

/**
 * The database's CHECK constraints against the code: (A) every CHECK the migrations created is exactly
 * the one src/db/schema.ts declares (Postgres itself normalizes both), and (B) every CHECK on text a
 * client sends gives the same verdict as the validator the API applies first. The e-mail CHECK once
 * read '^[^@s]+@…' (the backslash of \s lost in a template literal) and refused "sales@example.com"
 * while the validator accepted it.
 */
const tables = (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable));
const dialect = new PgDialect();

interface DbCheck {
  table: string;
  name: string;
  definition: string;
}

/** The validators the API applies to the text a CHECK guards: true when they accept the value. */
const accepts = {
  email: (value: string) => parse.email()(new UserErrorList(), ["x"], value) !== undefined,
  code: (value: string) => isCode(value),
  notBlank: (value: string) => parse.text(1_000)(new UserErrorList(), ["x"], value) !== undefined,
};

/** CHECKs on text from clients, with the validator each twins and values on both sides of the rule. */
const TEXT_TWINS: { pattern: RegExp; validator: keyof typeof accepts; samples: string[] }[] = [
  {
    pattern: /^contacts_email_format$/,
    validator: "email",
    samples: ["sales@example.com", "s@s.s", "a.b+c@sub.example.co", "plain", "@example.com", "a@b", "a b@c.d", "a@b c.d", "a@@b.c", "a\t@b.c", "ß@ü.de"],
  },
  { pattern: /_code_format$/, validator: "code", samples: ["44", "4930", "A1_#*+", "x".repeat(32), "", "44 1", "44-1", "4.4", "é", "44\n"] },
  { pattern: /_not_blank$/, validator: "notBlank", samples: ["a", " a ", "s", " ", "   ", "\t"] },
];

describe(`CHECK constraints match the code (${process.env.DATABASE_URL ? "Postgres" : "PGlite"})`, () => {
  let gw: TestGateway;
  let checks: DbCheck[];

  beforeAll(async () => {
    gw = await startTestGateway();
    checks = await queryRows<DbCheck>(
      gw.database.db,
      sql`select rel.relname::text as table, con.conname::text as name, pg_get_constraintdef(con.oid) as definition
          from pg_constraint con join pg_class rel on rel.oid = con.conrelid join pg_namespace ns on ns.oid = rel.relnamespace
          where con.contype = 'c' and ns.nspname = 'public' order by 1, 2`,
    );
  });
  afterAll(() => gw?.stop());

  it("holds exactly the CHECKs src/db/schema.ts declares, each with the same definition", async () => {
    const declared = tables.flatMap((table) => {
      const config = getTableConfig(table);
      return config.checks.map((check) => ({ table: config.name, name: check.name, expression: dialect.sqlToQuery(check.value).sql }));
    });
    expect(checks.map((c) => c.name).sort()).toEqual(declared.map((c) => c.name).sort());
    // Postgres prints each declared expression as it prints the live one: add it to an empty copy of the
    // table in a scratch schema, read it back, and roll everything back.
    const normalized = await gw.database.db
      .transaction(async (tx) => {
        await tx.execute(sql`create schema check_drift`);
        const out: Record<string, string> = {};
        for (const check of declared) {
          await tx.execute(sql.raw(`create table if not exists check_drift."${check.table}" (like public."${check.table}")`));
          await tx.execute(sql.raw(`alter table check_drift."${check.table}" add constraint "${check.name}" check (${check.expression})`));
          const [row] = await queryRows<{ definition: string }>(
            tx,
            sql`select pg_get_constraintdef(oid) as definition from pg_constraint where conname = ${check.name} and connamespace = 'check_drift'::regnamespace`,
          );
          out[check.name] = row!.definition;
        }
        throw Object.assign(new Error("rollback"), { out });
      })
      .catch((error: { out?: Record<string, string> }) => {
        if (!error.out) throw error;
        return error.out;
      });
    expect(Object.fromEntries(checks.map((c) => [c.name, c.definition]))).toEqual(normalized);
  });

  it("gives the same verdict as the API's validator for every CHECK on text a client sends", async () => {
    const twinned = checks.filter((c) => TEXT_TWINS.some((t) => t.pattern.test(c.name)));
    // Every CHECK that tests text with a pattern or for blankness has a validator twin here.
    const textChecks = checks.filter((c) => / ~ '|btrim\(/.test(c.definition) && c.name !== "currencies_code_upper");
    expect(twinned.map((c) => c.name).sort()).toEqual(textChecks.map((c) => c.name).sort());
    const mismatches: string[] = [];
    for (const check of twinned) {
      const twin = TEXT_TWINS.find((t) => t.pattern.test(check.name))!;
      // Text CHECKs read one column, printed as "(column)::text".
      const column = /\((\w+)\)::text/.exec(check.definition)?.[1];
      expect(column, check.definition).toBeTruthy();
      const expression = check.definition.replace(/^CHECK /, "");
      for (const value of twin.samples) {
        const [row] = await queryRows<{ ok: boolean }>(
          gw.database.db,
          sql`select coalesce(${sql.raw(expression)}, true) as ok from (select ${value}::text as ${sql.identifier(column!)}) as t`,
        );
        const inCode = accepts[twin.validator](value);
        if (inCode && !row!.ok) mismatches.push(`${check.name}: the API accepts ${JSON.stringify(value)} but the CHECK refuses it`);
        // The API trims all white space (btrim only spaces), so for blankness it may be the stricter one.
        if (!inCode && row!.ok && twin.validator !== "notBlank") mismatches.push(`${check.name}: the CHECK accepts ${JSON.stringify(value)} but the API refuses it`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
