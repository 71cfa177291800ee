import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count } from "drizzle-orm";
import { apiKeys } from "../src/db/schema.js";
import { createApiKey } from "../src/modules/api-key/api-key.service.js";
import { ApiKeyAuditDocument, ApiKeyCreateDocument, ApiKeyRevokeDocument, ApiKeysDocument } from "./gql/graphql.js";
import { insertWorld, type World } from "./support/fixtures.js";
import { dataOf, startTestGateway, type TestGateway } from "./support/gateway.js";

/** API keys managed over the API by an unconfined ADMIN key, so a running server needs no second process. */
let gw: TestGateway;
let w: World;
beforeAll(async () => {
  gw = await startTestGateway();
  w = await insertWorld(gw.database.db);
});
afterAll(() => gw?.stop());

const keyCount = async () => (await gw.database.db.select({ n: count() }).from(apiKeys))[0]!.n;
const whoAmI = (key: string) => gw.withKey(key).post({ query: "{ partitions(first: 100) { totalCount } }" });

describe("apiKeyCreate, apiKeys, apiKeyRevoke", () => {
  it("creates a key, shows its secret once, and the key works at once", async () => {
    const { apiKeyCreate } = dataOf(await gw.request(ApiKeyCreateDocument, { input: { name: "  deploy robot ", role: "OPERATOR", partitionId: w.partitionA, allowedIps: ["127.0.0.1", "::1", "10.0.0.0/8"] } }));
    expect(apiKeyCreate.userErrors).toEqual([]);
    const secret = apiKeyCreate.secret!;
    expect(secret).toMatch(/^bgw_[A-Za-z0-9_-]{43}$/);
    expect(apiKeyCreate.apiKey).toMatchObject({ name: "deploy robot", role: "OPERATOR", keyPrefix: secret.slice(0, 12), allowedIps: ["127.0.0.1", "::1", "10.0.0.0/8"], revokedAt: null, expiresAt: null, partition: { id: w.partitionA } });
    const response = await whoAmI(secret);
    expect(response.status).toBe(200);
    // Confined to partition A: it sees one partition.
    expect(await response.json()).toEqual({ data: { partitions: { totalCount: 1 } } });

    const { apiKeys: listed } = dataOf(await gw.request(ApiKeysDocument, { first: 100 }));
    const row = listed.nodes.find((k) => k.id === apiKeyCreate.apiKey!.id)!;
    expect(row).toEqual({ id: apiKeyCreate.apiKey!.id, name: "deploy robot", role: "OPERATOR", keyPrefix: secret.slice(0, 12), revokedAt: null, partition: { id: w.partitionA } });
    // The secret is never readable again: no field of ApiKey carries it or its hash.
    expect(JSON.stringify(listed)).not.toContain(secret.slice(12));
    const fields = (await (await gw.post({ query: `{ __type(name: "ApiKey") { fields { name } } }` })).json()) as { data: { __type: { fields: { name: string }[] } } };
    expect(fields.data.__type.fields.map((f) => f.name).filter((f) => /hash|secret|key$/i.test(f))).toEqual([]);
  });

  it("reports every problem of the input at once and writes nothing", async () => {
    const before = await keyCount();
    const { apiKeyCreate } = dataOf(
      await gw.request(ApiKeyCreateDocument, {
        input: { name: "   ", role: "ADMIN", partitionId: "999999", allowedIps: ["nope", "10.0.0.0/8", "1.2.3.4/99"], expiresAt: "2020-01-01T00:00:00Z" },
      }),
    );
    expect(apiKeyCreate.secret).toBeNull();
    expect(apiKeyCreate.apiKey).toBeNull();
    expect(apiKeyCreate.userErrors.map((e) => [e.field, e.code])).toEqual([
      [["input", "name"], "REQUIRED"],
      [["input", "allowedIps", "0"], "INVALID"],
      [["input", "allowedIps", "2"], "INVALID"],
      [["input", "expiresAt"], "OUT_OF_RANGE"],
      [["input", "partitionId"], "NOT_FOUND"],
    ]);
    const tooLong = dataOf(await gw.request(ApiKeyCreateDocument, { input: { name: "x".repeat(129), role: "READ_ONLY", partitionId: "abc" } }));
    expect(tooLong.apiKeyCreate.userErrors.map((e) => [e.field, e.code])).toEqual([
      [["input", "name"], "TOO_LONG"],
      [["input", "partitionId"], "NOT_FOUND"],
    ]);
    expect(await keyCount()).toBe(before);
  });

  it("revokes a key: refused from the next request on, listed as revoked, revoking again keeps the first time", async () => {
    const created = dataOf(await gw.request(ApiKeyCreateDocument, { input: { name: "short-lived", role: "READ_ONLY" } })).apiKeyCreate;
    expect((await whoAmI(created.secret!)).status).toBe(200);
    const first = dataOf(await gw.request(ApiKeyRevokeDocument, { id: created.apiKey!.id })).apiKeyRevoke;
    expect(first.userErrors).toEqual([]);
    expect(first.apiKey!.revokedAt).not.toBeNull();
    const refused = await whoAmI(created.secret!);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ errors: [{ message: "This API key has been revoked.", extensions: { code: "UNAUTHENTICATED" } }] });
    const again = dataOf(await gw.request(ApiKeyRevokeDocument, { id: created.apiKey!.id })).apiKeyRevoke;
    expect(again.apiKey!.revokedAt).toBe(first.apiKey!.revokedAt);
    for (const id of ["999999", "abc", "-1"]) {
      const missing = dataOf(await gw.request(ApiKeyRevokeDocument, { id })).apiKeyRevoke;
      expect(missing).toEqual({ apiKey: null, userErrors: [{ field: ["id"], code: "NOT_FOUND", message: "no API key with this id" }] });
    }
  });

  it("audits creation and revocation with the acting key, never the secret or its hash", async () => {
    const created = dataOf(await gw.request(ApiKeyCreateDocument, { input: { name: "audited", role: "ADMIN", expiresAt: "2099-01-01T00:00:00Z" } })).apiKeyCreate;
    dataOf(await gw.request(ApiKeyRevokeDocument, { id: created.apiKey!.id }));
    const events = dataOf(await gw.request(ApiKeyAuditDocument, { id: created.apiKey!.id })).auditEvents.nodes;
    expect(events.map((e) => e.action)).toEqual(["UPDATE", "CREATE"]);
    const [admin] = await gw.database.db.select({ id: apiKeys.id }).from(apiKeys).limit(1);
    expect(events.every((e) => e.actor === String(admin!.id))).toBe(true);
    expect(events[1]!.after).toMatchObject({ name: "audited", role: "admin", expiresAt: "2099-01-01T00:00:00.000Z", revokedAt: null });
    expect(events[0]!.before).toMatchObject({ revokedAt: null });
    expect(events[0]!.after).toMatchObject({ revokedAt: expect.any(String) });
    const text = JSON.stringify(events);
    expect(text).not.toContain(created.secret!.slice(12));
    expect(text).not.toMatch(/keyHash|key_hash/);
  });

  it("pages keys oldest first with keyset cursors", async () => {
    const all = dataOf(await gw.request(ApiKeysDocument, { first: 100 })).apiKeys;
    expect(all.totalCount).toBeGreaterThan(2);
    const seen: string[] = [];
    let after: string | null | undefined;
    do {
      const page = dataOf(await gw.request(ApiKeysDocument, { first: 2, after })).apiKeys;
      seen.push(...page.nodes.map((k) => k.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined;
    } while (after);
    expect(seen).toEqual(all.nodes.map((k) => k.id));
    expect(seen.map(Number)).toEqual([...seen.map(Number)].sort((x, y) => x - y));
  });

  it("is FORBIDDEN for every key but an unconfined ADMIN", async () => {
    const keys = await Promise.all([
      createApiKey(gw.database.db, { name: "operator", role: "operator" }),
      createApiKey(gw.database.db, { name: "reader", role: "read_only" }),
      createApiKey(gw.database.db, { name: "confined admin", role: "admin", partitionId: Number(w.partitionA) }),
    ]);
    const before = await keyCount();
    for (const { key } of keys) {
      const requester = gw.withKey(key);
      for (const result of [
        await requester.request(ApiKeysDocument, { first: 1 }),
        await requester.request(ApiKeyCreateDocument, { input: { name: "escalate", role: "ADMIN" } }),
        await requester.request(ApiKeyRevokeDocument, { id: String(keys[0]!.row.id) }),
      ]) {
        expect(result.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
        expect(result.errors?.[0]?.message).toMatch(/manages API keys, so it needs an ADMIN key not confined to a partition/);
      }
    }
    expect(await keyCount()).toBe(before);
    expect((await whoAmI(keys[0]!.key)).status).toBe(200);
  });
});
