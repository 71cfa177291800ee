import "reflect-metadata";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import os from "node:os";
import autocannon from "autocannon";
import { count, desc, eq, sql } from "drizzle-orm";
import { loadConfig } from "../../src/config.js";
import { openConfiguredDatabase, type Db } from "../../src/db/client.js";
import { accountRateTables, rates, rateTables } from "../../src/db/schema.js";
import { FULL_DEMO, isEmpty, seedDemo } from "../../src/db/seed.js";
import { encodeCursor } from "../../src/loading/keyset-pagination.js";
import { cpuMeter } from "./cpu.js";
import { engineFloor } from "./engine-floor.js";

/**
 * `npm run bench`: loads the demo data into the configured database when it is empty, starts the real
 * server as a separate process, and drives each scenario with autocannon. Prints requests/s, latency
 * and the SQL statements one request runs. BENCH_SECONDS (default 10) and BENCH_CONNECTIONS (default 10)
 * tune the load.
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const config = loadConfig();
/** Postgres CPU is only measurable when it runs on this machine; the embedded database runs inside the server. */
const localPostgres = config.DATABASE_URL !== undefined && ["127.0.0.1", "localhost", "[::1]"].includes(new URL(config.DATABASE_URL).hostname);
/** The bench's own ADMIN key, made sure of by the server it starts (BOOTSTRAP_API_KEY). */
const apiKey = config.BOOTSTRAP_API_KEY ?? `bench-${randomBytes(16).toString("hex")}`;

interface Scenario {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Items one request handles (numbers rated), for an items/s figure. */
  itemsPerRequest?: number;
}

const CLIENT_PAGE = `query ClientPage { clients(first: 20) { totalCount nodes { id name partition { name } currency { code }
  accounts(first: 10) { totalCount nodes { id name identification { authType } origination { enabled rateTables { id name } } } } } } }`;

const RATING_TABLE = "Bench A-Z 100k";
const RATING_BATCH = 1_000;

/**
 * A rate table of 100,900 rates, made once: 100,000 distinct six-digit codes (a multiplicative
 * permutation of 100000..999999) and 900 three-digit codes, so every number has a fallback and about
 * one in nine has a longer match.
 */
async function ratingTable(db: Db): Promise<number> {
  const existing = await db.select({ id: rateTables.id }).from(rateTables).where(eq(rateTables.name, RATING_TABLE));
  if (existing[0]) return existing[0].id;
  const [table] = await db
    .insert(rateTables)
    .values({ name: RATING_TABLE, partitionId: sql`(select min(id) from partitions)`, currencyId: sql`(select id from currencies where code = 'USD')` })
    .returning({ id: rateTables.id });
  const allTime = sql`(select id from time_profiles where name = 'All time')`;
  await db.execute(sql`insert into rates (rate_table_id, code, effective_from, value, min_volume, pay_interval, time_profile_id)
    select ${table!.id}, (100000 + (g::bigint * 7919) % 900000)::text, timestamptz '2026-01-01 00:00:00+00',
           round((0.001 + random() * 0.2)::numeric, 4), 30, 6, ${allTime}
    from generate_series(1, 100000) g`);
  await db.execute(sql`insert into rates (rate_table_id, code, effective_from, value, time_profile_id)
    select ${table!.id}, g::text, timestamptz '2026-01-01 00:00:00+00', 0.5, ${allTime} from generate_series(100, 999) g`);
  return table!.id;
}

/** A fixed batch of twelve-digit numbers, so every run rates the same calls. */
function ratingBatch(rateTableId: number) {
  let seed = 42;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648);
  return Array.from({ length: RATING_BATCH }, () => ({
    rateTableId: String(rateTableId),
    dstNumber: String(100_000_000_000 + (next() % 900_000_000_000)),
    at: "2026-06-01T12:00:00Z",
    volume: 1 + (next() % 600),
  }));
}

async function prepare(): Promise<Scenario[]> {
  const database = openConfiguredDatabase(config, "maintain");
  try {
    await database.migrate();
    const db = database.db;
    if (await isEmpty(db)) {
      console.log(`seeding the demo data set into ${database.location} …`);
      await seedDemo(db, FULL_DEMO);
    }
    const [account] = await db.select({ id: accountRateTables.accountId }).from(accountRateTables).limit(1);
    const [largest] = await db
      .select({ id: rates.rateTableId, n: count() })
      .from(rates)
      .groupBy(rates.rateTableId)
      .orderBy(desc(count()))
      .limit(1);
    if (!account || !largest) throw new Error("the database holds no accounts or rates to benchmark");
    // A cursor 90% into the table's code order: a keyset page there costs what the first page costs.
    const [deep] = await db
      .select({ id: rates.id, code: rates.code })
      .from(rates)
      .where(eq(rates.rateTableId, largest.id))
      .orderBy(rates.code, rates.id)
      .offset(Math.floor(largest.n * 0.9))
      .limit(1);
    const cursor = encodeCursor<{ id: number; code: string }>(
      { name: "code", direction: "ASC", id: rates.id, key: { column: rates.code, pgType: "text", read: (r) => r.code } },
      deep!,
    );
    console.log(`database: ${database.kind} ${database.location}; largest rate table ${largest.id} has ${largest.n} rates`);
    const ratingTableId = await ratingTable(db);
    await db.execute(sql`analyze`);
    return [
      {
        name: "request floor: authenticated { __typename }, no resolvers",
        query: "query Floor { __typename }",
      },
      { name: "client list page (20 clients, 10 accounts each, rate tables)", query: CLIENT_PAGE },
      {
        name: "one account by id, everything nested",
        query: `query Account($id: ID!) { account(id: $id) { id uuid name balance minBalance maxBalance vat timezone invoicePeriod
          client { id name partition { name } currency { code } routingPlan { name } }
          identification { authType ani authName hasPassword ips techPrefix equipment { name } }
          origination { enabled capacity tags rateTables { id name currency { code } codeDeck { name } } effectiveRateTables { id } routingPlan { name } }
          termination { enabled capacity protocol port proxyMode rateTables { id } }
          invoiceTemplate { name } sendInvoicesTo { email } sendBalanceNotificationsTo { email } } }`,
        variables: { id: String(account.id) },
      },
      {
        name: `rates page deep in a ${largest.n}-rate table (keyset, 50 rows)`,
        query: `query DeepRates($id: ID!, $after: String) { rateTable(id: $id) { rates(first: 50, after: $after) {
          nodes { id code codeName value effectiveFrom effectiveTill minVolume payInterval timeProfile { name } }
          pageInfo { hasNextPage endCursor } } } }`,
        variables: { id: String(largest.id), after: cursor },
      },
      {
        name: `rateQuotes: ${RATING_BATCH} numbers against a 100,900-rate table`,
        query: `query Rate($inputs: [RateQuoteInput!]!) { rateQuotes(inputs: $inputs) { dstNumber code billedVolume cost reason } }`,
        variables: { inputs: ratingBatch(ratingTableId) },
        itemsPerRequest: RATING_BATCH,
      },
    ];
  } finally {
    await database.close();
  }
}

/** The server as `npm start` runs it, in its own process; resolves with its URL and a log reader. */
async function startServer() {
  // Exactly `npm start`'s node flags, without npm in between (so SIGTERM reaches the server).
  const start = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: { start: string } }).scripts.start;
  const child = spawn(process.execPath, start.split(" ").slice(start.split(" ").indexOf("node") + 1), {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", NODE_ENV: "production", BOOTSTRAP_API_KEY: apiKey, RATE_LIMIT_PER_MINUTE: "1000000" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const statements = new Map<string, number>();
  let resolveUrl: (url: string) => void;
  const url = new Promise<string>((resolve, reject) => {
    resolveUrl = resolve;
    child.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  createInterface({ input: child.stdout }).on("line", (line) => {
    // Only probe requests are parsed; load-phase lines are skipped with a cheap substring test.
    if (line.includes('"GraphQL API at')) resolveUrl((JSON.parse(line) as { url: string }).url);
    else if (line.includes('"requestId":"probe-')) {
      const entry = JSON.parse(line) as { requestId: string; sqlStatements: number };
      statements.set(entry.requestId, entry.sqlStatements);
    }
  });
  return { child, url: await url, statements };
}

async function probe(url: string, scenario: Scenario, statements: Map<string, number>, id: string): Promise<number> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-request-id": id, "x-api-key": apiKey },
    body: JSON.stringify({ query: scenario.query, variables: scenario.variables }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
  if (!response.ok || body.errors || !body.data) throw new Error(`${scenario.name}: ${JSON.stringify(body).slice(0, 500)}`);
  for (let i = 0; i < 100 && !statements.has(id); i++) await new Promise((r) => setTimeout(r, 10));
  return statements.get(id) ?? NaN;
}

const scenarios = await prepare();
const server = await startServer();
console.log(`server at ${server.url}; ${connections} connections, ${seconds} s per scenario, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"})\n`);
const rows: Record<string, string | number>[] = [];
try {
  for (const [i, scenario] of scenarios.entries()) {
    const sqlPerRequest = await probe(server.url, scenario, server.statements, `probe-${i}`);
    const body = JSON.stringify({ query: scenario.query, variables: scenario.variables });
    const request = { url: server.url, method: "POST" as const, headers: { "content-type": "application/json", "x-api-key": apiKey }, body };
    await autocannon({ ...request, connections, duration: 2 }); // warm-up: JIT, caches, pool
    const meter = cpuMeter(server.child.pid, localPostgres);
    const result = await autocannon({ ...request, connections, duration: seconds });
    const cpu = meter.perRequest(result.requests.total);
    rows.push({
      scenario: scenario.name,
      "req/s": Math.round(result.requests.average),
      "p50 ms": result.latency.p50,
      "p99 ms": result.latency.p99,
      "SQL/request": sqlPerRequest,
      "server CPU ms/req": cpu.server,
      "Postgres CPU ms/req": cpu.postgres,
      "items/s": scenario.itemsPerRequest ? Math.round(result.requests.average * scenario.itemsPerRequest) : "",
      "non-2xx": result.non2xx,
      errors: result.errors,
    });
  }
  console.table(rows);
} finally {
  server.child.kill("SIGTERM");
}
const floor = await engineFloor(CLIENT_PAGE, Math.min(seconds, 5));
console.log(`graphql-js alone, client list page over in-memory data (no HTTP, no database): ${Math.round(floor)} executions/s on one core`);
