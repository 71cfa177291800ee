import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeys } from "../src/db/schema.js";
import { createApiKey, revokeApiKey } from "../src/modules/api-key/api-key.service.js";
import { startTestGateway, type TestGateway } from "./support/gateway.js";

/**
 * API_KEY_CACHE_SECONDS: an accepted key is remembered per client address for that long, so a request
 * runs no statement for it; a revocation takes effect within that time, an expiry exactly.
 */
const CACHE_SECONDS = 1;

describe(`API key cache (${process.env.DATABASE_URL ? "Postgres" : "PGlite"})`, () => {
  let gw: TestGateway;
  let requestNo = 0;

  beforeAll(async () => {
    gw = await startTestGateway({ env: { API_KEY_CACHE_SECONDS: String(CACHE_SECONDS), TRUST_PROXY_HOPS: "1" } });
  });
  afterAll(() => gw?.stop());

  /** `{ __typename }` with this key (from this client address): HTTP status, refusal message, statements run. */
  const ask = async (key: string, ip = "192.0.2.1") => {
    const requestId = `cache-${++requestNo}`;
    const response = await gw.withKey(key).post({ query: "{ __typename }" }, { "x-request-id": requestId, "x-forwarded-for": ip });
    const body = (await response.json()) as { errors?: { message: string }[] };
    await new Promise((r) => setTimeout(r, 20));
    const line = gw.logLines.find((l) => l.requestId === requestId);
    return { status: response.status, message: body.errors?.[0]?.message, statements: line?.sqlStatements };
  };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it("looks a key up once, then serves it from memory; a revocation takes effect within the cache time", async () => {
    const { row, key } = await createApiKey(gw.database.db, { name: "cached", role: "read_only" });
    expect(await ask(key)).toMatchObject({ status: 200, statements: 1 });
    expect(await ask(key)).toMatchObject({ status: 200, statements: 0 });
    await revokeApiKey(gw.database.db, row.id);
    const revokedAt = Date.now();
    // Still remembered: the documented staleness.
    expect((await ask(key)).status).toBe(200);
    await sleep(CACHE_SECONDS * 1000 - (Date.now() - revokedAt) + 50);
    expect(await ask(key)).toMatchObject({ status: 401, message: "This API key has been revoked." });
    // A refusal is never remembered: re-enabled, the key works again at once.
    await gw.database.db.update(apiKeys).set({ revokedAt: null }).where(sql`${apiKeys.id} = ${row.id}`);
    expect((await ask(key)).status).toBe(200);
  });

  it("refuses an expired key at its expiry, however recently it was accepted", async () => {
    const { key } = await createApiKey(gw.database.db, { name: "expiring", role: "read_only", expiresAt: new Date(Date.now() + 400) });
    expect((await ask(key)).status).toBe(200);
    await sleep(500);
    expect(await ask(key)).toMatchObject({ status: 401, message: "This API key has expired." });
  });

  it("checks the allowlist for every client address, not only the one it remembers", async () => {
    const { key } = await createApiKey(gw.database.db, { name: "allowlisted", role: "read_only", allowedIps: ["10.0.0.0/8"] });
    expect((await ask(key, "10.1.2.3")).status).toBe(200);
    expect((await ask(key, "10.1.2.3")).statements).toBe(0);
    expect(await ask(key, "192.0.2.77")).toMatchObject({ status: 401, message: "This API key is not allowed from 192.0.2.77." });
  });
});

describe("API key cache switched off (API_KEY_CACHE_SECONDS=0)", () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { API_KEY_CACHE_SECONDS: "0" } });
  });
  afterAll(() => gw?.stop());

  it("refuses a revoked key on the very next request", async () => {
    const { row, key } = await createApiKey(gw.database.db, { name: "uncached", role: "read_only" });
    const ask = async () => (await gw.withKey(key).post({ query: "{ __typename }" })).status;
    expect(await ask()).toBe(200);
    expect(await ask()).toBe(200);
    await revokeApiKey(gw.database.db, row.id);
    expect(await ask()).toBe(401);
  });
});
