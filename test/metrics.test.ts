import { sql } from "drizzle-orm";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { openDatabase } from "../src/db/client.js";
import { notificationOutbox } from "../src/db/schema.js";
import { startServer } from "../src/server.js";
import { freshDatabase, startTestGateway, type TestGateway } from "./support/gateway.js";

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw?.stop());

async function scrape(url = gw.url, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${url}/metrics`, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

/** The value of one sample line, e.g. `name{label="x"} 3`; undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("/metrics", () => {
  it("counts requests by operation and outcome, and the log tells a user error from ok", async () => {
    await gw.post({ query: "query CurrencyPage { currencies(first: 2) { nodes { code } } }" });
    await gw.post({ query: "query CurrencyPage { currencies(first: 2) { nodes { code } } }" });
    await gw.post({ query: `mutation BadPlan { routingPlanCreate(input: { name: "  " }) { routingPlan { id } userErrors { code } } }` }, { "x-request-id": "metrics-user-error" });
    await gw.post({ query: `mutation GoodPlan { routingPlanCreate(input: { name: "metrics plan" }) { routingPlan { id } userErrors { code } } }` });
    await gw.post({ query: "query TooBig { currencies(first: 1000) { nodes { code } } }" });
    await gw.withKey("bgw_not-a-key").post({ query: "query NoKey { __typename }", operationName: "NoKey" });
    await gw.post("{ not json", {});
    await gw.post({ query: "query Weird { __typename }", operationName: "Weird" }, {});
    const text = await scrape();
    expect(sample(text, 'gateway_graphql_requests_total{operation="CurrencyPage",outcome="ok"}')).toBe(2);
    expect(sample(text, 'gateway_graphql_requests_total{operation="BadPlan",outcome="user_error"}')).toBe(1);
    expect(sample(text, 'gateway_graphql_requests_total{operation="GoodPlan",outcome="ok"}')).toBe(1);
    expect(sample(text, 'gateway_graphql_requests_total{operation="TooBig",outcome="client_error"}')).toBe(1);
    expect(sample(text, 'gateway_graphql_requests_total{operation="NoKey",outcome="client_error"}')).toBe(1);
    expect(sample(text, 'gateway_graphql_requests_total{operation="anonymous",outcome="client_error"}')).toBe(1);
    expect(sample(text, 'gateway_graphql_request_duration_seconds_count{outcome="ok"}')).toBeGreaterThanOrEqual(4);
    expect(sample(text, 'gateway_graphql_request_duration_seconds_bucket{le="+Inf",outcome="ok"}')).toBeGreaterThanOrEqual(4);
    // Every answered request's statements: at least the API key lookup of each.
    expect(sample(text, "gateway_graphql_request_sql_statements_sum")).toBeGreaterThanOrEqual(5);
    expect(sample(text, 'gateway_graphql_request_sql_statements_bucket{le="0"}')).toBeGreaterThanOrEqual(1);
    expect(gw.logLines.find((l) => l.requestId === "metrics-user-error")).toMatchObject({ operationName: "BadPlan", outcome: "user_error" });
  });

  it("keeps client-chosen operation names from growing the label set without bound", async () => {
    await gw.post({ query: "query __proto__x { __typename }" });
    await gw.post({ query: `query ${"A".repeat(100)} { __typename }` });
    const text = await scrape();
    expect(sample(text, 'gateway_graphql_requests_total{operation="other",outcome="ok"}')).toBe(1);
    expect(sample(text, 'gateway_graphql_requests_total{operation="__proto__x",outcome="ok"}')).toBe(1);
  });

  it("reports the notification outbox backlog at scrape time", async () => {
    expect(sample(await scrape(), "gateway_notification_outbox_backlog")).toBe(0);
    await gw.database.db.insert(notificationOutbox).values([
      { eventType: "test.pending", payload: {} },
      { eventType: "test.pending", payload: {} },
      { eventType: "test.done", payload: {}, processedAt: new Date() },
    ]);
    expect(sample(await scrape(), "gateway_notification_outbox_backlog")).toBe(2);
  });

  it("reports the database pool on Postgres only", async () => {
    const text = await scrape();
    expect(sample(text, "gateway_db_pool_in_use") !== undefined).toBe(Boolean(process.env.DATABASE_URL));
    expect(sample(text, "gateway_db_pool_waiting") !== undefined).toBe(Boolean(process.env.DATABASE_URL));
  });

  it("is off in production unless enabled, and needs the bearer token when one is set", async () => {
    const serve = (env: Record<string, string>) =>
      startServer({ config: loadConfig({ HOST: "127.0.0.1", PORT: "0", NODE_ENV: "production", ...env }), logger: pino({ level: "silent" }), database: gw.database });
    const off = await serve({});
    const open = await serve({ METRICS_ENABLED: "true" });
    const guarded = await serve({ METRICS_TOKEN: "scrape-token-0123456789" });
    try {
      expect((await fetch(`${off.url}/metrics`)).status).toBe(404);
      expect(await scrape(open.url)).toContain("gateway_graphql_requests_total");
      for (const authorization of [undefined, "Bearer wrong", "Bearer scrape-token-012345678", "scrape-token-0123456789"]) {
        const refused = await fetch(`${guarded.url}/metrics`, { headers: authorization ? { authorization } : {} });
        expect(refused.status).toBe(401);
        expect(await refused.text()).not.toContain("gateway_");
      }
      expect(await scrape(guarded.url, { authorization: "Bearer scrape-token-0123456789" })).toContain("gateway_graphql_requests_total");
    } finally {
      await Promise.all([off.stop(), open.stop(), guarded.stop()]);
    }
  });
});

describe.skipIf(!process.env.DATABASE_URL)("pool activity on Postgres", () => {
  it("counts statements and transactions in flight: as many in use as the pool has, the rest waiting", async () => {
    const { databaseUrl, dropDatabase } = await freshDatabase();
    const database = openDatabase({ databaseUrl, dataDir: "", migrationsDir: "drizzle", poolMax: 2 });
    try {
      // Drizzle's statements start when awaited: then() starts each one now.
      const work = [
        database.db.execute(sql`select pg_sleep(0.3)`).then(),
        database.db.execute(sql`select pg_sleep(0.3)`).then(),
        database.db.execute(sql`select pg_sleep(0.3)`).then(),
        database.db.transaction(async (tx) => {
          await tx.execute(sql`select pg_sleep(0.2)`);
          await tx.execute(sql`select pg_sleep(0.2)`);
        }),
      ];
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(database.activity!()).toEqual({ inUse: 2, waiting: 2 });
      await Promise.all(work);
      expect(database.activity!()).toEqual({ inUse: 0, waiting: 0 });
    } finally {
      await database.close();
      await dropDatabase();
    }
  });
});
