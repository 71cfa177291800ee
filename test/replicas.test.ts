import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../src/db/client.js";
import { queryRows } from "../src/db/query-rows.js";
import journal from "../drizzle/meta/_journal.json" with { type: "json" };
import { freshDatabase } from "./support/gateway.js";
import { pgBouncerUnavailable, startPgBouncer, type OwnPgBouncer } from "./support/pgbouncer.js";
import { startGatewayProcess, waitForUrl } from "./support/process.js";

/**
 * Three gateway processes behind PgBouncer (transaction mode) on one Postgres, sharing Redis: what an
 * operator runs with several replicas. Runs in the Postgres pass; in CI it never skips.
 */
const why = pgBouncerUnavailable();
const skip = !process.env.DATABASE_URL || (why !== undefined && !process.env.CI);
if (skip && process.env.DATABASE_URL) console.warn(`replicas test skipped: ${why}`);

const KEY = `replicas-bootstrap-${randomBytes(8).toString("hex")}`;
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

interface Replica {
  /** The GraphQL endpoint, as the process logs it. */
  url: string;
  stop(): Promise<number | null>;
}

async function startReplica(env: Record<string, string>): Promise<Replica> {
  const proc = startGatewayProcess({ BOOTSTRAP_API_KEY: KEY, ...env });
  const url = await waitForUrl(proc);
  return { url, stop: () => (proc.child.kill("SIGTERM"), proc.exited) };
}

describe.skipIf(skip)("three replicas behind PgBouncer (transaction mode) with Redis", () => {
  let bouncer: OwnPgBouncer;
  let direct: Database;
  let dropDatabase: () => Promise<void>;
  let replicas: Replica[] = [];

  beforeAll(async () => {
    const fresh = await freshDatabase();
    dropDatabase = fresh.dropDatabase;
    direct = openDatabase({ databaseUrl: fresh.databaseUrl, dataDir: "", migrationsDir: "drizzle", poolMax: 1 });
    bouncer = await startPgBouncer(fresh.databaseUrl!);
    const env = {
      DATABASE_URL: bouncer.url,
      DATABASE_POOL_MODE: "transaction",
      DATABASE_POOL_MAX: "4",
      REDIS_URL,
      REDIS_KEY_PREFIX: `replicas-${randomBytes(6).toString("hex")}:`,
      RATE_LIMIT_PER_MINUTE: "30",
    };
    // All three start together on the empty database.
    const started = await Promise.allSettled([0, 1, 2].map(() => startReplica(env)));
    replicas = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
    const failed = started.find((s) => s.status === "rejected");
    if (failed) throw failed.reason;
  }, 120_000);
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await direct?.close();
    await bouncer?.stop();
    await dropDatabase?.();
  });

  const post = (replica: Replica, query: string, key = KEY) =>
    fetch(replica.url, { method: "POST", headers: { "content-type": "application/json", "x-api-key": key }, body: JSON.stringify({ query }) });
  const data = async <T>(replica: Replica, query: string): Promise<T> => {
    const body = (await (await post(replica, query)).json()) as { data: T; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return body.data;
  };

  it("ran each migration once while all three started together", async () => {
    const rows = await queryRows<{ hash: string; times: number }>(direct.db, sql`select hash, count(*)::int as times from drizzle.__drizzle_migrations group by hash`);
    expect(rows).toHaveLength(journal.entries.length);
    expect(rows.every((r) => r.times === 1)).toBe(true);
  });

  it("holds the per-key rate limit across the three", async () => {
    const { apiKeyCreate } = await data<{ apiKeyCreate: { secret: string } }>(replicas[0]!, `mutation { apiKeyCreate(input: { name: "limited", role: READ_ONLY }) { secret } }`);
    const statuses = await Promise.all(Array.from({ length: 45 }, (_, i) => post(replicas[i % 3]!, "{ __typename }", apiKeyCreate.secret).then((r) => r.status)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  });

  it("ends simultaneous conflicting writes through different replicas with exactly one winner", async () => {
    const { partitionCreate } = await data<{ partitionCreate: { partition: { id: string } } }>(replicas[0]!, `mutation { partitionCreate(input: { name: "replicas" }) { partition { id } } }`);
    const { clientCreate } = await data<{ clientCreate: { client: { id: string } } }>(
      replicas[1]!,
      `mutation { clientCreate(input: { partitionId: ${partitionCreate.partition.id}, currencyId: 1, name: "racer" }) { client { id } } }`,
    );
    type Result = { accountCreate: { account: { id: string } | null; userErrors: { code: string }[] } };
    const results = await Promise.all(
      // Only the name clashes: each request has its own address, so no identity conflict can win instead.
      [0, 1, 2, 0, 1, 2].map((i, n) =>
        data<Result>(
          replicas[i]!,
          `mutation { accountCreate(input: { clientId: ${clientCreate.client.id}, name: "same name", identification: { authType: IP, ips: ["192.0.2.${n + 1}"] } }) { account { id } userErrors { code } } }`,
        ),
      ),
    );
    expect(results.filter((r) => r.accountCreate.account !== null)).toHaveLength(1);
    expect(results.filter((r) => r.accountCreate.userErrors[0]?.code === "TAKEN")).toHaveLength(5);
    const [count] = await queryRows<{ n: number }>(direct.db, sql`select count(*)::int as n from accounts where name = 'same name'`);
    expect(count!.n).toBe(1);
  });

  it("stops each replica cleanly on SIGTERM", async () => {
    const codes = await Promise.all(replicas.map((r) => r.stop()));
    replicas = [];
    expect(codes).toEqual([0, 0, 0]);
  });
});
