import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { openConfiguredDatabase, openDatabase, type Database } from "../src/db/client.js";
import { queryRows } from "../src/db/query-rows.js";
import { freshDatabase } from "./support/gateway.js";
import journal from "../drizzle/meta/_journal.json" with { type: "json" };

/** Postgres' query_canceled, what an expired statement_timeout raises (drizzle wraps it as the cause). */
const STATEMENT_TIMEOUT = "57014";

/** Migrations and the CLIs on a real Postgres: only there do replicas race and statements time out. */
describe.skipIf(!process.env.DATABASE_URL)("migrations on Postgres", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });
  async function database(options: { statementTimeoutMs?: number; migrationStatementTimeoutMs?: number; migrationsDir?: string } = {}) {
    const { databaseUrl, dropDatabase } = await freshDatabase();
    cleanups.push(dropDatabase);
    const open = () => {
      const db = openDatabase({ databaseUrl, dataDir: "", migrationsDir: "drizzle", poolMax: 2, statementTimeoutMs: 15_000, ...options });
      cleanups.push(() => db.close());
      return db;
    };
    return { databaseUrl: databaseUrl!, open };
  }
  const applied = (db: Database) =>
    queryRows<{ hash: string; times: number }>(db.db, sql`select hash, count(*)::int as times from drizzle.__drizzle_migrations group by hash`);

  it("lets one of several processes starting together migrate; the others wait and go on", async () => {
    const { open } = await database();
    // Each its own pool, as separate replicas have: six at once on a fresh database.
    const replicas = Array.from({ length: 6 }, open);
    let waited = 0;
    await Promise.all(replicas.map((r) => r.migrate(() => waited++)));
    const rows = await applied(replicas[0]!);
    expect(rows).toHaveLength(journal.entries.length);
    expect(rows.every((r) => r.times === 1)).toBe(true);
    expect(waited).toBeGreaterThan(0);
    // And a later start finds nothing to do.
    await open().migrate();
    expect(await applied(replicas[0]!)).toHaveLength(journal.entries.length);
  });

  /** A migrations folder in drizzle-kit's layout with one slow step. */
  function slowMigrations(): string {
    const dir = mkdtempSync(path.join(tmpdir(), "gateway-migrations-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(path.join(dir, "meta"));
    const entry = { idx: 0, version: "7", when: 1_800_000_000_000, tag: "0000_slow", breakpoints: true };
    writeFileSync(path.join(dir, "meta", "_journal.json"), JSON.stringify({ version: "7", dialect: "postgresql", entries: [entry] }));
    writeFileSync(path.join(dir, "0000_slow.sql"), "select pg_sleep(0.3);\n--> statement-breakpoint\ncreate table slow_done (id int);\n");
    return dir;
  }

  it("does not cut a migration step at the request statement timeout, and leaves the pool's timeout in place", async () => {
    const { open } = await database({ statementTimeoutMs: 100, migrationsDir: slowMigrations() });
    const db = open();
    await db.migrate();
    expect(await queryRows(db.db, sql`select * from slow_done`)).toEqual([]);
    // The pool's connections still cut a request statement at 100 ms afterwards.
    await expect(db.db.execute(sql`select pg_sleep(0.3)`)).rejects.toMatchObject({ cause: { code: STATEMENT_TIMEOUT } });
  });

  it("applies MIGRATION_STATEMENT_TIMEOUT_MS to migrations when it is set, and writes nothing on failure", async () => {
    const { open } = await database({ statementTimeoutMs: 15_000, migrationStatementTimeoutMs: 100, migrationsDir: slowMigrations() });
    const db = open();
    await expect(db.migrate()).rejects.toMatchObject({ cause: { code: STATEMENT_TIMEOUT } });
    expect(await queryRows(db.db, sql`select to_regclass('slow_done')::text as t`)).toEqual([{ t: null }]);
  });

  it("gives the CLIs (migrate, seed, API keys) the migration timeout, not the request one", async () => {
    const { databaseUrl } = await database();
    const env = { DATABASE_URL: databaseUrl, STATEMENT_TIMEOUT_MS: "100" };
    const tool = openConfiguredDatabase(loadConfig(env), "maintain");
    const server = openConfiguredDatabase(loadConfig(env), "serve");
    cleanups.push(() => tool.close(), () => server.close());
    await expect(tool.db.execute(sql`select pg_sleep(0.3)`)).resolves.toBeDefined();
    await expect(server.db.execute(sql`select pg_sleep(0.3)`)).rejects.toMatchObject({ cause: { code: STATEMENT_TIMEOUT } });
  });
});
