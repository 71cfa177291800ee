import { sql } from "drizzle-orm";
import { auditServer } from "graphql-http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/client.js";
import { createApiKey, revokeApiKey } from "../src/modules/api-key/api-key.service.js";
import { startTestGateway, type TestGateway } from "./support/gateway.js";

interface Body {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function send(gw: TestGateway, key: string | null, query: string, headers: Record<string, string> = {}) {
  const response = await gw.withKey(key).post({ query }, headers);
  return { status: response.status, headers: response.headers, body: (await response.json()) as Body };
}

describe(`authentication and roles (${process.env.DATABASE_URL ? "Postgres" : "PGlite"})`, () => {
  let gw: TestGateway;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    gw = await startTestGateway();
    const db = gw.database.db;
    const make = async (name: string, extra: Parameters<typeof createApiKey>[1]) => (keys[name] = (await createApiKey(db, extra)).key);
    await make("readOnly", { name: "reader", role: "read_only" });
    await make("operator", { name: "operator", role: "operator" });
    await make("expired", { name: "expired", role: "admin", expiresAt: new Date(Date.now() - 1_000) });
    await make("elsewhere", { name: "other network", role: "admin", allowedIps: ["10.0.0.0/8", "2001:db8::/32"] });
    await make("local", { name: "loopback only", role: "admin", allowedIps: ["127.0.0.0/8", "::1"] });
    const revoked = await createApiKey(db, { name: "revoked", role: "admin" });
    keys.revoked = revoked.key;
    await revokeApiKey(db, revoked.row.id);
  });
  afterAll(() => gw?.stop());

  it.each([
    ["no key", null, "Missing X-Api-Key header."],
    ["an unknown key", "bgw_not-a-key-we-issued", "Unknown API key."],
    ["a revoked key", "revoked", "This API key has been revoked."],
    ["an expired key", "expired", "This API key has expired."],
    ["a key from outside its IP allowlist", "elsewhere", "This API key is not allowed from 127.0.0.1."],
  ])("refuses %s with HTTP 401 UNAUTHENTICATED saying why", async (_case, key, message) => {
    const { status, body } = await send(gw, key === null ? null : (keys[key] ?? key), "{ __typename }");
    expect(status).toBe(401);
    expect(body.errors).toEqual([expect.objectContaining({ message, extensions: expect.objectContaining({ code: "UNAUTHENTICATED" }) })]);
  });

  it("logs every refused request with its reason and client IP", async () => {
    await send(gw, "bgw_logged-refusal", "{ __typename }", { "x-request-id": "refused-1" });
    expect(gw.logLines.find((l) => l.requestId === "refused-1")).toMatchObject({
      msg: "request refused",
      code: "UNAUTHENTICATED",
      reason: "Unknown API key.",
      ip: expect.stringMatching(/127\.0\.0\.1/),
    });
  });

  it("accepts a key from inside its allowlist, and serves health checks without any key", async () => {
    expect((await send(gw, keys.local!, "{ __typename }")).body).toEqual({ data: { __typename: "Query" } });
    expect((await fetch(`${gw.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${gw.url}/readyz`)).status).toBe(200);
  });

  it("lets READ_ONLY read but not write, OPERATOR write but not delete, ADMIN do both", async () => {
    const create = `mutation { partitionCreate(input: { name: "roles" }) { partition { id } } }`;
    const clientCreate = (name: string) => `mutation { clientCreate(input: { partitionId: 1, currencyId: 1, name: "${name}" }) { client { id } userErrors { code } } }`;
    const partition = await send(gw, gw.adminKey, create);
    expect(partition.body.errors).toBeUndefined();

    expect((await send(gw, keys.readOnly!, "{ clients(first: 1) { totalCount } }")).body.errors).toBeUndefined();
    const refused = await send(gw, keys.readOnly!, clientCreate("by reader"));
    expect(refused.body.errors?.[0]).toMatchObject({ message: expect.stringContaining("OPERATOR or ADMIN"), extensions: { code: "FORBIDDEN" } });

    const byOperator = await send(gw, keys.operator!, clientCreate("by operator"));
    const id = (byOperator.body.data?.clientCreate as { client: { id: string } }).client.id;
    const deleteIt = `mutation { clientDelete(id: ${id}) { deletedId } }`;
    expect((await send(gw, keys.operator!, deleteIt)).body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await send(gw, keys.operator!, create)).body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await send(gw, gw.adminKey, deleteIt)).body.data).toEqual({ clientDelete: { deletedId: id } });
  });

  it("records the acting key in audit events", async () => {
    const { body } = await send(gw, gw.adminKey, `{ auditEvents(first: 1, filter: { objectType: "Client" }) { nodes { actor action } } }`);
    expect(body.data?.auditEvents).toEqual({ nodes: [{ actor: expect.stringMatching(/^\d+$/), action: "DELETE" }] });
  });
});

describe("limits", () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      env: { MAX_QUERY_DEPTH: "6", MAX_ALIASES: "3", MAX_TOKENS: "200", MAX_QUERY_COST: "1000", MAX_BODY_BYTES: "4096", RATE_LIMIT_PER_MINUTE: "40" },
    });
  });
  afterAll(() => gw?.stop());

  const run = (query: string, key: string | null = gw.adminKey) => send(gw, key, query);

  it("allows the configured query depth and refuses one level more", async () => {
    // clients > nodes > partition > clients > nodes > id: 6 levels.
    const atLimit = await run("{ clients(first: 1) { nodes { partition { clients(first: 1) { nodes { id } } } } } }");
    expect(atLimit.body.errors).toBeUndefined();
    const over = await run("{ clients(first: 1) { nodes { partition { clients(first: 1) { nodes { partition { id } } } } } } }");
    expect(over.body.errors?.[0]?.message).toMatch(/depth limit of 6/i);
  });

  it("allows the configured number of aliases and refuses one more", async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: currencies(first: 1) { totalCount }`).join(" ")} }`;
    expect((await run(aliases(3))).body.errors).toBeUndefined();
    expect((await run(aliases(4))).body.errors?.[0]?.message).toMatch(/aliases limit of 3/i);
    // Aliases of __typename cost work too, so they count.
    const typenames = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `t${i}: __typename`).join(" ")} }`;
    expect((await run(typenames(3))).body.errors).toBeUndefined();
    const over = await run(typenames(4));
    expect(over.status).toBe(400);
    expect(over.body.errors?.[0]?.message).toMatch(/aliases limit of 3/i);
  });

  it("allows the configured number of tokens and refuses more", async () => {
    // "{", n fields, "}": n + 2 tokens.
    expect((await run(`{ ${"__typename ".repeat(198)}}`)).body.errors).toBeUndefined();
    const over = await run(`{ ${"__typename ".repeat(199)}}`);
    expect(over.status).toBe(400);
    expect(over.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/more that 200 tokens/), extensions: { code: "GRAPHQL_PARSE_FAILED" } });
  });

  it("estimates cost by multiplying page sizes, and refuses an operation over the limit", async () => {
    // clients: 1 + 10 x (nodes 1 + accounts (1 + X x (nodes 1 + id 1))) = 21 + 20X
    const query = (x: number) => `{ clients(first: 10) { nodes { accounts(first: ${x}) { nodes { id } } } } }`;
    expect((await run(query(48))).body.errors).toBeUndefined();
    const over = await run(query(49));
    expect(over.status).toBe(400);
    expect(over.body.errors?.[0]).toMatchObject({ extensions: { code: "QUERY_TOO_COSTLY", cost: 1001, maxCost: 1000 } });
  });

  it("estimates a repeated document by the page sizes its variables ask for, each time", async () => {
    const query = "query Page($x: Int!) { clients(first: 10) { nodes { accounts(first: $x) { nodes { id } } } } }";
    const cost = async (x: number) => {
      const body = (await (await gw.withKey(gw.adminKey).post({ query, variables: { x } })).json()) as Body;
      return body.errors?.[0]?.extensions?.cost ?? body.errors?.[0]?.extensions?.code ?? "ok";
    };
    for (let round = 0; round < 2; round++) {
      expect(await cost(48)).toBe("ok");
      expect(await cost(49)).toBe(1001);
      expect(await cost(50)).toBe(1021);
      expect(await cost(-1)).toBe(2021);
    }
  });

  it("accepts a body up to the configured size and refuses a larger one with 413", async () => {
    const padded = (bytes: number) => JSON.stringify({ query: `{ __typename }${" ".repeat(bytes - 26)}` });
    const post = (body: string) =>
      fetch(`${gw.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", "x-api-key": gw.adminKey }, body });
    expect(Buffer.byteLength(padded(4096))).toBe(4096);
    expect((await post(padded(4096))).status).toBe(200);
    expect((await post(padded(4097))).status).toBe(413);
  });

  it("lets a key make the configured requests per minute, then answers 429 with Retry-After", async () => {
    const { key } = await createApiKey(gw.database.db, { name: "busy", role: "read_only" });
    for (let i = 0; i < 40; i++) expect((await run("{ __typename }", key)).status).toBe(200);
    const limited = await run("{ __typename }", key);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(limited.body.errors?.[0]).toMatchObject({ message: expect.stringContaining("40 requests per minute"), extensions: { code: "RATE_LIMITED" } });
    expect((await run("{ __typename }")).status).toBe(200);
  });

  it.skipIf(!process.env.DATABASE_URL)("stops a statement that runs longer than STATEMENT_TIMEOUT_MS (Postgres)", async () => {
    const url = new URL(process.env.DATABASE_URL!);
    const database = openDatabase({ databaseUrl: url.toString(), dataDir: "", migrationsDir: "drizzle", poolMax: 1, statementTimeoutMs: 300 });
    try {
      await expect(database.db.execute(sql`select pg_sleep(0.1)`)).resolves.toBeDefined();
      await expect(database.db.execute(sql`select pg_sleep(1)`)).rejects.toMatchObject({ cause: { code: "57014" } });
    } finally {
      await database.close();
    }
  });
});

describe("production behaviour", () => {
  let prod: TestGateway;
  let open: TestGateway;
  beforeAll(async () => {
    prod = await startTestGateway({ env: { NODE_ENV: "production" } });
    open = await startTestGateway({ env: { NODE_ENV: "production", ENABLE_INTROSPECTION: "true" } });
  });
  afterAll(async () => {
    await prod?.stop();
    await open?.stop();
  });

  it("masks an unexpected error behind a correlation id that is in the log", async () => {
    // A genuine fault: the table behind a query is gone.
    await prod.database.db.execute(sql`drop table equipment cascade`);
    const { body, headers } = await send(prod, prod.adminKey, "{ equipmentList(first: 1) { totalCount } }", { "x-request-id": "fault-1" });
    expect(headers.get("x-request-id")).toBe("fault-1");
    expect(body.errors).toEqual([expect.objectContaining({ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR", correlationId: "fault-1" } })]);
    expect(JSON.stringify(body)).not.toMatch(/does not exist|\bselect\b|stacktrace/i);
    const logged = prod.logLines.find((l) => l.msg === "unexpected error" && l.correlationId === "fault-1");
    expect(JSON.stringify(logged)).toMatch(/equipment/);
  });

  it("turns introspection off in production unless enabled", async () => {
    const introspect = "{ __schema { queryType { name } } }";
    expect((await send(prod, prod.adminKey, introspect)).body.errors?.[0]?.message).toMatch(/introspection/i);
    expect((await send(open, open.adminKey, introspect)).body.data).toEqual({ __schema: { queryType: { name: "Query" } } });
  });

  it("keeps CSRF prevention on: a simple (non-JSON) request is refused", async () => {
    const simple = (headers: Record<string, string>) =>
      fetch(`${prod.url}/graphql`, { method: "POST", headers: { "content-type": "text/plain", ...headers }, body: JSON.stringify({ query: "{ __typename }" }) });
    const response = await simple({});
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/Cross-Site Request Forgery/);
    // X-Api-Key forces a preflight, so a page could only send it with CORS permission: no CSRF, but still not JSON.
    const withKey = await simple({ "x-api-key": prod.adminKey });
    expect(withKey.status).toBe(400);
    expect(await withKey.text()).toMatch(/POST body missing, invalid Content-Type/);
  });
});

describe("GraphQL over HTTP", () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw?.stop());

  it("passes the graphql-http server audit with no errors", async () => {
    const results = await auditServer({
      url: `${gw.url}/graphql`,
      fetchFn: (input: Parameters<typeof fetch>[0], init?: RequestInit) =>
        fetch(input, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers).entries()), "x-api-key": gw.adminKey } }),
    });
    expect(results.filter((r) => r.status === "error").map((r) => `${r.name}: ${"reason" in r ? r.reason : ""}`)).toEqual([]);
    expect(results.filter((r) => r.status === "ok").length).toBeGreaterThan(40);
  });
});
