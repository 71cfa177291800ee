import { readMigrationFiles } from "drizzle-orm/migrator";
import { sql } from "drizzle-orm";
import type { Db } from "./client.js";
import { queryRows } from "./query-rows.js";

/** Key of the advisory lock that lets one process at a time migrate a database. */
const MIGRATION_LOCK = 1_002;

export interface MigrateOptions {
  migrationsFolder: string;
  /** statement_timeout for the migration statements: 0 means none, whatever the connection's is. */
  statementTimeoutMs: number;
  /** Told when another process holds the migration lock, before waiting for it. */
  onWait?: () => void;
}

/**
 * Applies the pending drizzle-kit migrations, in drizzle's own bookkeeping table (`drizzle.__drizzle_migrations`,
 * so databases migrated before keep working), with two differences from drizzle's migrator:
 * - Everything, from creating the bookkeeping table to the last migration, runs in ONE transaction that
 *   first takes a transaction-scoped advisory lock. Replicas starting together queue on the lock; each one
 *   after the first finds nothing left to do. A transaction-scoped lock also holds behind a transaction-mode
 *   pooler (PgBouncer), where a session lock would be taken and released on different server connections.
 * - The request `statement_timeout` of the connection is replaced for this transaction only (`set_config`
 *   with is_local), so a long index build is not cancelled and a pooled connection keeps its setting.
 */
export async function migrate(db: Db, options: MigrateOptions): Promise<void> {
  const migrations = readMigrationFiles({ migrationsFolder: options.migrationsFolder });
  await db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('statement_timeout', ${String(options.statementTimeoutMs)}, true)`);
    const [free] = await queryRows<{ locked: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${MIGRATION_LOCK}) as locked`);
    if (!free?.locked) {
      options.onWait?.();
      await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    }
    await tx.execute(sql`create schema if not exists drizzle`);
    await tx.execute(sql`create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`);
    const [last] = await queryRows<{ createdAt: string }>(
      tx,
      sql`select created_at::text as "createdAt" from drizzle.__drizzle_migrations order by created_at desc limit 1`,
    );
    // The same rule as drizzle's migrator: a migration is pending when it is newer than the last one applied.
    for (const migration of migrations.filter((m) => !last || Number(last.createdAt) < m.folderMillis)) {
      for (const statement of migration.sql) await tx.execute(sql.raw(statement));
      await tx.execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${migration.hash}, ${migration.folderMillis})`);
    }
  });
}
