import { createHash, randomBytes } from "node:crypto";
import { createConnection, createServer, type AddressInfo, type Socket } from "node:net";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { startServer, type GatewayServer } from "../src/server.js";
import { startTestGateway, type TestGateway } from "./support/gateway.js";

/** Redis on the development and CI machines; elsewhere this file skips, except in CI. */
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const redisUp = await new Promise<boolean>((resolve) => {
  const { hostname, port } = new URL(REDIS_URL);
  const socket = createConnection({ host: hostname, port: Number(port || 6379) });
  socket.once("connect", () => (socket.destroy(), resolve(true)));
  socket.once("error", () => resolve(false));
});
if (!redisUp && !process.env.CI) console.warn(`shared state test skipped: no Redis at ${REDIS_URL}`);

/** Two replicas of the gateway on one database, with or without Redis. */
describe.skipIf(!redisUp && !process.env.CI)("replicas sharing state through Redis", () => {
  let gw: TestGateway;
  const servers: GatewayServer[] = [];
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await gw?.stop();
  });

  async function replicas(env: Record<string, string>): Promise<[GatewayServer, GatewayServer]> {
    const config = loadConfig({ HOST: "127.0.0.1", PORT: "0", NODE_ENV: "test", ...env });
    const pair = await Promise.all([0, 1].map(() => startServer({ config, logger: pino({ level: "silent" }), database: gw.database })));
    servers.push(...pair);
    return pair as [GatewayServer, GatewayServer];
  }
  const post = (server: GatewayServer, body: unknown) =>
    fetch(`${server.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", "x-api-key": gw.adminKey }, body: JSON.stringify(body) });
  /** Each test its own key space, so counters never carry over between runs or files. */
  const redisEnv = () => ({ REDIS_URL, REDIS_KEY_PREFIX: `test-${randomBytes(6).toString("hex")}:` });

  it("holds the per-key rate limit across replicas with REDIS_URL, and per process without", async () => {
    for (const [env, allowed] of [
      [redisEnv(), 5],
      [{}, 10],
    ] as const) {
      const [a, b] = await replicas({ RATE_LIMIT_PER_MINUTE: "5", ...env });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await post(i % 2 ? b : a, { query: "{ __typename }" })).status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(allowed);
      expect(statuses.slice(allowed).every((s) => s === 429)).toBe(true);
    }
  });

  it("knows a persisted query sent to one replica on the others with REDIS_URL, and not without", async () => {
    for (const [env, known] of [
      [redisEnv(), true],
      [{}, false],
    ] as const) {
      const [a, b] = await replicas(env);
      const query = `{ currencies(first: 1) { totalCount } } # ${randomBytes(8).toString("hex")}`;
      const persistedQuery = { version: 1, sha256Hash: createHash("sha256").update(query).digest("hex") };
      const registered = await post(a, { query, extensions: { persistedQuery } });
      expect(registered.status).toBe(200);
      const byHash = await post(b, { extensions: { persistedQuery } });
      const body = (await byHash.json()) as { data?: unknown; errors?: { extensions: { code: string } }[] };
      if (known) expect(body).toEqual({ data: { currencies: { totalCount: 30 } } });
      else expect(body.errors?.[0]?.extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    }
  });

  it("lets requests through (no limit, cache misses) while Redis is away after the start", async () => {
    // A relay in front of Redis, cut once the replica is up: Redis going away, without touching the shared one.
    const { hostname, port } = new URL(REDIS_URL);
    const sockets = new Set<Socket>();
    const relay = createServer((client) => {
      const upstream = createConnection({ host: hostname, port: Number(port || 6379) });
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on("error", () => {});
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
    const relayUrl = `redis://127.0.0.1:${(relay.address() as AddressInfo).port}`;
    const [a] = await replicas({ ...redisEnv(), REDIS_URL: relayUrl, RATE_LIMIT_PER_MINUTE: "2" });
    relay.close();
    sockets.forEach((socket) => socket.destroy());
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(a, { query: "{ __typename }" })).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
    const query = `{ __typename } # ${randomBytes(8).toString("hex")}`;
    const persistedQuery = { version: 1, sha256Hash: createHash("sha256").update(query).digest("hex") };
    expect(await (await post(a, { query, extensions: { persistedQuery } })).json()).toEqual({ data: { __typename: "Query" } });
  });

  it("refuses to start when REDIS_URL is set but Redis cannot be reached", async () => {
    const config = loadConfig({ HOST: "127.0.0.1", PORT: "0", REDIS_URL: "redis://127.0.0.1:1" });
    await expect(startServer({ config, logger: pino({ level: "silent" }), database: gw.database })).rejects.toThrow(/REDIS_URL: Redis at 127.0.0.1:1 cannot be reached/);
  });
});
