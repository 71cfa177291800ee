import path from "node:path";
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import postgres from "postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { sql, type SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { Config } from "../config.js";
import * as schema from "./schema.js";
import { recordStatement } from "../request-state.js";
import { migrate } from "./migrator.js";
import { queryRows } from "./query-rows.js";
import { lockDataDir } from "./data-dir-lock.js";
import { rendered } from "./rendered-sql.js";

/** One Drizzle type for both drivers, so services never know which database they run on. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Human-readable location for logs: a directory, "memory" or a URL without its password. */
  location: string;
  /** Applies pending migrations under an advisory lock; `onWait` is told when another process holds it. */
  migrate(onWait?: () => void): Promise<void>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  /** Connections of the pool busy and work waiting for one (postgres.js only, counted by the gateway: see countingPool). */
  activity?(): { inUse: number; waiting: number };
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  /** PGlite data directory, or "memory://" for a throwaway in-memory database. */
  dataDir: string;
  migrationsDir: string;
  poolMax: number;
  /** Postgres statement_timeout for every statement (postgres.js only; PGlite runs in-process, one statement at a time). */
  statementTimeoutMs?: number;
  /** How long one connection attempt may take (postgres.js only). */
  connectTimeoutMs?: number;
  /** statement_timeout while migrating; 0 or unset means none. */
  migrationStatementTimeoutMs?: number;
  /** "transaction" behind a transaction-mode pooler (PgBouncer): no prepared statements, no connection settings. */
  poolMode?: "session" | "transaction";
  /**
   * Reads (readRows) as named prepared statements, parsed once per connection (postgres.js only;
   * default true). Off behind a pooler in transaction mode, which cannot keep them.
   */
  preparedStatements?: boolean;
}

const drizzleLogger = { logQuery: recordStatement };

const readers = new WeakMap<Db, (query: SQL) => Promise<Record<string, unknown>[]>>();

/**
 * Rows of a read-only statement, as objects keyed by column alias. On a postgres.js database opened
 * with prepared statements, the statement is prepared on each connection the first time and then
 * only bound and executed: the list page's statements spent more Postgres CPU being parsed and
 * planned than run. Elsewhere (PGlite, a transaction) it runs through Drizzle.
 */
export function readRows(db: Db, query: SQL): Promise<Record<string, unknown>[]> {
  const reader = readers.get(db);
  return reader ? reader(query) : queryRows(db, query);
}

/**
 * The database the environment configures (see src/config.ts). `serve` is the server's pool, whose
 * statements are cut at the request STATEMENT_TIMEOUT_MS. `maintain` is one connection for the CLIs
 * (migrate, seed, API keys), whose long statements get MIGRATION_STATEMENT_TIMEOUT_MS instead.
 */
export function openConfiguredDatabase(
  config: Pick<
    Config,
    | "DATABASE_URL"
    | "DATA_DIR"
    | "MIGRATIONS_DIR"
    | "DATABASE_POOL_MAX"
    | "DATABASE_POOL_MODE"
    | "STATEMENT_TIMEOUT_MS"
    | "MIGRATION_STATEMENT_TIMEOUT_MS"
    | "DATABASE_CONNECT_TIMEOUT_MS"
    | "DATABASE_PREPARED_STATEMENTS"
  >,
  purpose: "serve" | "maintain" = "serve",
): Database {
  return openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    migrationsDir: config.MIGRATIONS_DIR,
    poolMax: purpose === "serve" ? config.DATABASE_POOL_MAX : 1,
    statementTimeoutMs: purpose === "serve" ? config.STATEMENT_TIMEOUT_MS : config.MIGRATION_STATEMENT_TIMEOUT_MS,
    connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS,
    migrationStatementTimeoutMs: config.MIGRATION_STATEMENT_TIMEOUT_MS,
    poolMode: config.DATABASE_POOL_MODE,
    preparedStatements: config.DATABASE_PREPARED_STATEMENTS,
  });
}

/** Opens Postgres through postgres.js when a URL is given, else the embedded PGlite. */
export function openDatabase(options: DatabaseOptions): Database {
  // Resolved from the working directory, not this file, so it also works once compiled (STACK.md pitfall 4).
  const migrationsFolder = path.resolve(options.migrationsDir);
  const migrateWith = (db: Db) => (onWait?: () => void) =>
    migrate(db, { migrationsFolder, statementTimeoutMs: options.migrationStatementTimeoutMs ?? 0, onWait });
  if (options.databaseUrl) {
    const client = postgres(options.databaseUrl, {
      max: options.poolMax,
      onnotice: () => {},
      connect_timeout: (options.connectTimeoutMs ?? 5_000) / 1000,
      // While the database is down, queued queries wait for the pool's next connection attempt, and
      // postgres.js spaces those out up to 20 s: requests hung instead of failing. Retrying within a
      // quarter second makes each queued query fail (or succeed, once it is back) promptly.
      backoff: (retries: number) => Math.min(0.05 * retries, 0.25),
      // JIT compiles plans whose cost estimate is high, which batch statements (unnest of many ids) often
      // reach: seconds of compiling for milliseconds of work. This API runs short OLTP statements only.
      // Behind a transaction-mode pooler these startup settings would be refused (or lost on the next server
      // connection), and named prepared statements would meet a connection that never prepared them.
      ...(options.poolMode === "transaction"
        ? { prepare: false }
        : { connection: { jit: "off", ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}) } }),
    });
    const counted = countingPool(client);
    const db = drizzlePostgres(counted.client, { schema, logger: drizzleLogger });
    // A pooler in transaction mode cannot keep a connection's prepared statements.
    if ((options.preparedStatements ?? true) && options.poolMode !== "transaction") {
      readers.set(db as unknown as Db, (query) => {
        const { sql: text, params } = rendered(query);
        recordStatement();
        return counted.client.unsafe(text, params as never[], { prepare: true });
      });
    }
    return {
      db: db as unknown as Db,
      kind: "postgres",
      location: redactUrl(options.databaseUrl),
      migrate: migrateWith(db as unknown as Db),
      ping: async () => {
        await db.execute(sql`select 1`);
      },
      close: () => client.end({ timeout: 5 }),
      activity: () => ({ inUse: Math.min(counted.inFlight(), options.poolMax), waiting: Math.max(0, counted.inFlight() - options.poolMax) }),
    };
  }
  const inMemory = options.dataDir.startsWith("memory://");
  const dataDir = inMemory ? options.dataDir : path.resolve(options.dataDir, "pglite");
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const unlock = inMemory ? () => {} : lockDataDir(dataDir);
  // btree_gist backs the account identity exclusion constraint (drizzle/0010_account_identity.sql);
  // PGlite ships it but loads only the extensions named here.
  const client = new PGlite(dataDir, { extensions: { btree_gist } });
  const db = drizzlePglite(client, { schema, logger: drizzleLogger });
  return {
    db: db as unknown as Db,
    kind: "pglite",
    location: inMemory ? "memory" : dataDir,
    migrate: migrateWith(db as unknown as Db),
    ping: async () => {
      if (client.closed) throw new Error("embedded database is closed");
      await db.execute(sql`select 1`);
    },
    close: async () => {
      if (!client.closed) await client.close();
      unlock();
    },
  };
}

/**
 * postgres.js exposes no pool statistics, so the gateway counts its own work in flight: each statement
 * outside a transaction and each transaction (which holds one connection from BEGIN to COMMIT). Work beyond
 * the pool size waits for a connection. Drizzle sends everything through `unsafe` and `begin`.
 */
function countingPool(client: postgres.Sql): { client: postgres.Sql; inFlight: () => number } {
  let inFlight = 0;
  const done = () => {
    inFlight -= 1;
  };
  const track = <T extends PromiseLike<unknown>>(work: T): T => {
    inFlight += 1;
    // A postgres.js query starts one tick after its first then(), so drizzle's synchronous .values() still applies.
    work.then(done, done);
    return work;
  };
  const counting = new Proxy(client, {
    get(target, property, receiver) {
      if (property === "unsafe") return (...args: Parameters<postgres.Sql["unsafe"]>) => track(target.unsafe(...args));
      if (property === "begin") return (...args: [never]) => track(target.begin(...args));
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  return { client: counting, inFlight: () => inFlight };
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres://(unparseable URL)";
  }
}
