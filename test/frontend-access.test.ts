import "reflect-metadata";
import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { partitions } from "../src/db/schema.js";
import { createApiKey } from "../src/modules/api-key/api-key.service.js";
import { startTestGateway, type TestGateway } from "./support/gateway.js";

/** A page on another origin (the example frontend's Vite dev server). */
const APP = "http://localhost:5173";
const EVIL = "https://evil.example";

const HELLO = "query Hello { __typename }";
const PAGE = "query Page($first: Int) { currencies(first: $first) { totalCount nodes { code } } }";
const CREATE = 'mutation Create { partitionCreate(input: { name: "made by a trusted document" }) { partition { name } userErrors { code } } }';
const hex = (text: string) => createHash("sha256").update(text).digest("hex");
/** A document id as the client preset writes it into the manifest and sends it as documentId. */
const sha256 = (text: string) => `sha256:${hex(text)}`;

/** A manifest as the client preset writes it (persisted-documents.json), split in two files. */
function writeManifests(): string {
  const dir = mkdtempSync(join(tmpdir(), "trusted-"));
  writeFileSync(join(dir, "web.json"), JSON.stringify({ [sha256(HELLO)]: HELLO, [sha256(PAGE)]: PAGE }));
  // Older client presets wrote the bare hex as the id.
  writeFileSync(join(dir, "admin-app.json"), JSON.stringify({ [hex(CREATE)]: CREATE, [hex(HELLO)]: HELLO }));
  return `${join(dir, "web.json")}, ${join(dir, "admin-app.json")}`;
}

interface Body {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function call(url: string, init: RequestInit = {}) {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: (text.startsWith("{") ? JSON.parse(text) : {}) as Body };
}

/** A POST as a browser page sends it: JSON, the key, and the page's Origin. */
const post = (gw: TestGateway, body: unknown, key: string | null, headers: Record<string, string> = {}) =>
  call(`${gw.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: APP, ...(key ? { "x-api-key": key } : {}), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

/** A GET with search parameters (objects JSON-encoded), as urql sends persisted queries. */
const get = (gw: TestGateway, params: Record<string, unknown>, headers: Record<string, string> = {}) => {
  const search = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, typeof v === "string" ? v : JSON.stringify(v)]));
  return call(`${gw.url}/graphql?${search}`, { headers: { origin: APP, ...headers } });
};

const preflight = (gw: TestGateway, origin: string, method = "POST") =>
  call(`${gw.url}/graphql`, {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": method, "access-control-request-headers": "content-type,x-api-key" },
  });

/** Apollo's persisted query extension: the bare hex hash. */
const persisted = (text: string) => ({ persistedQuery: { version: 1, sha256Hash: hex(text) } });

describe(`browser access: CORS, CSRF, trusted documents (${process.env.DATABASE_URL ? "Postgres" : "PGlite"})`, () => {
  let gw: TestGateway;
  let closed: TestGateway;
  const keys: Record<"operator" | "confinedAdmin" | "limited", string> = { operator: "", confinedAdmin: "", limited: "" };

  beforeAll(async () => {
    const manifests = writeManifests();
    [gw, closed] = await Promise.all([
      startTestGateway({
        env: { CORS_ORIGINS: `${APP}, http://127.0.0.1:5173`, TRUSTED_DOCUMENTS: manifests, TRUSTED_DOCUMENTS_ADMIN_BYPASS: "true", MAX_BODY_BYTES: "4096", RATE_LIMIT_PER_MINUTE: "5" },
      }),
      // In production too, so the error policy is seen to pass the refusal codes through unmasked.
      startTestGateway({ env: { TRUSTED_DOCUMENTS: manifests, NODE_ENV: "production" } }),
    ]);
    const db = gw.database.db;
    const [partition] = await db.insert(partitions).values({ name: "confined" }).returning();
    keys.operator = (await createApiKey(db, { name: "web frontend", role: "operator" })).key;
    keys.confinedAdmin = (await createApiKey(db, { name: "partition admin", role: "admin", partitionId: partition!.id })).key;
    keys.limited = (await createApiKey(db, { name: "rate limited", role: "read_only" })).key;
  });
  afterAll(async () => {
    await gw?.stop();
    await closed?.stop();
  });

  /** Each test its own key: the gateway allows 5 requests per key and minute, to test 429. */
  const freshKey = async (role: "operator" | "admin" = "operator") => (await createApiKey(gw.database.db, { name: "fresh", role })).key;

  describe("CORS", () => {
    it("answers the preflight of a listed origin before authentication, with the methods and headers a client needs", async () => {
      const before = gw.logLines.length;
      const answer = await preflight(gw, APP);
      expect(answer.status).toBe(204);
      expect(answer.headers.get("access-control-allow-origin")).toBe(APP);
      expect(answer.headers.get("access-control-allow-methods")).toBe("GET,POST");
      expect(answer.headers.get("access-control-allow-headers")?.split(",")).toEqual(
        expect.arrayContaining(["content-type", "x-api-key", "apollo-require-preflight", "x-apollo-operation-name", "x-request-id"]),
      );
      expect(answer.headers.get("access-control-max-age")).toBe("600");
      expect(answer.headers.get("access-control-allow-credentials")).toBeNull();
      // Neither authentication nor the rate limit saw it.
      expect(gw.logLines.slice(before).filter((l) => l.msg === "request refused")).toEqual([]);
      expect((await preflight(gw, "http://127.0.0.1:5173", "GET")).headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:5173");
    });

    it("gives an unlisted origin no Access-Control-Allow-Origin and logs it", async () => {
      for (const origin of [EVIL, "http://localhost:5174", "http://LOCALHOST:5173", "null"]) {
        const answer = await preflight(gw, origin);
        expect(answer.headers.get("access-control-allow-origin"), origin).toBeNull();
        expect(gw.logLines.find((l) => l.msg === "cross-origin request refused: origin not in CORS_ORIGINS" && l.origin === origin), origin).toBeDefined();
      }
      const simple = await post(gw, { documentId: sha256(HELLO) }, await freshKey(), { origin: EVIL });
      expect(simple.headers.get("access-control-allow-origin")).toBeNull();
    });

    it("does not log a same-origin request (Apollo Sandbox served by the gateway) as refused", async () => {
      const before = gw.logLines.length;
      expect((await post(gw, { query: HELLO }, await freshKey(), { origin: gw.url })).status).toBe(200);
      expect(gw.logLines.slice(before).filter((l) => typeof l.msg === "string" && l.msg.startsWith("cross-origin"))).toEqual([]);
    });

    it("puts the CORS headers on every answer: 200, 400, 401, 405, 413 and 429", async () => {
      const key = await freshKey();
      const answers = {
        200: await post(gw, { documentId: sha256(HELLO) }, key, { "x-request-id": "cors-200" }),
        400: await post(gw, { documentId: "not-in-the-manifest" }, key),
        401: await post(gw, { documentId: sha256(HELLO) }, null),
        405: await get(gw, { documentId: sha256(CREATE) }, { "x-api-key": key }),
        413: await post(gw, { documentId: sha256(HELLO), padding: "x".repeat(5000) }, key),
      };
      for (let i = 0; i < 5; i++) await post(gw, { documentId: sha256(HELLO) }, keys.limited);
      const limited = await post(gw, { documentId: sha256(HELLO) }, keys.limited);
      for (const [status, answer] of Object.entries({ ...answers, 429: limited })) {
        expect(answer.status, answer.text).toBe(Number(status));
        expect(answer.headers.get("access-control-allow-origin"), status).toBe(APP);
        expect(answer.headers.get("access-control-expose-headers"), status).toBe("x-request-id,retry-after");
        expect(answer.headers.get("vary"), status).toMatch(/origin/i);
      }
      expect(answers[200].headers.get("x-request-id")).toBe("cors-200");
      expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    });

    it("with CORS_ORIGINS unset, allows no cross-origin page", async () => {
      const answer = await preflight(closed, APP);
      expect(answer.headers.get("access-control-allow-origin")).toBeNull();
      expect(closed.logLines.find((l) => l.msg === "cross-origin request refused: origin not in CORS_ORIGINS" && l.origin === APP)).toBeDefined();
    });
  });

  describe("CSRF", () => {
    it("serves a persisted query over GET with only X-Api-Key (no JSON content type, no Apollo header)", async () => {
      const answer = await get(gw, { extensions: persisted(PAGE), variables: { first: 2 } }, { "x-api-key": await freshKey() });
      expect(answer.status, answer.text).toBe(200);
      expect(answer.body.data?.currencies).toMatchObject({ nodes: [expect.any(Object), expect.any(Object)] });
    });

    it("refuses what a cross-site form or image can send: no preflight header, non-JSON body", async () => {
      const before = gw.logLines.length;
      const image = await get(gw, { documentId: sha256(HELLO) });
      expect(image.status).toBe(400);
      expect(image.text).toMatch(/Cross-Site Request Forgery/);
      const form = await call(`${gw.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: EVIL },
        body: `query=${encodeURIComponent(CREATE)}`,
      });
      expect(form.status).toBe(400);
      expect(form.text).toMatch(/Cross-Site Request Forgery/);
      // Refused before authentication: each is logged as a bad request, and no key was even looked at.
      const refusals = gw.logLines.slice(before).filter((l) => l.msg === "request refused");
      expect(refusals).toEqual([expect.objectContaining({ status: 400, code: "BAD_REQUEST" }), expect.objectContaining({ status: 400, code: "BAD_REQUEST" })]);
      for (const line of refusals) expect(line).not.toHaveProperty("reason");
    });

    it("keeps mutations off GET, even as a trusted document", async () => {
      const answer = await get(gw, { documentId: sha256(CREATE) }, { "x-api-key": await freshKey() });
      expect(answer.status).toBe(405);
      expect(answer.headers.get("allow")).toBe("POST");
    });
  });

  describe("trusted documents", () => {
    it("runs a manifest document by documentId or persistedQuery hash, over POST and GET, with variables", async () => {
      const key = await freshKey();
      const byId = await post(gw, { documentId: sha256(PAGE), variables: { first: 1 } }, key);
      expect(byId.status, byId.text).toBe(200);
      expect(byId.body.data?.currencies).toMatchObject({ nodes: [{ code: expect.any(String) }] });
      const byHash = await post(gw, { extensions: persisted(HELLO), operationName: "Hello" }, key);
      expect(byHash.body).toEqual({ data: { __typename: "Query" } });
      const byIdOverGet = await get(gw, { documentId: sha256(PAGE), variables: { first: 3 } }, { "x-api-key": key });
      expect((byIdOverGet.body.data?.currencies as { nodes: unknown[] }).nodes).toHaveLength(3);
    });

    it("runs a manifest document from a second manifest file, and the exact text of one", async () => {
      const key = await freshKey();
      // It runs, and the operator key may not create partitions.
      const created = await post(gw, { documentId: sha256(CREATE) }, key);
      expect(created.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect((await post(gw, { query: HELLO }, key)).body).toEqual({ data: { __typename: "Query" } });
    });

    it("refuses an unknown id with PERSISTED_QUERY_NOT_FOUND, for every key", async () => {
      const unknown = sha256("query Other { __typename }");
      for (const [key, body] of [
        [await freshKey(), { documentId: unknown }],
        [await freshKey(), { extensions: persisted("query Other { __typename }") }],
        [await freshKey("admin"), { documentId: unknown }],
      ] as const) {
        const answer = await post(gw, body, key);
        expect(answer.status).toBe(400);
        expect(answer.body.errors).toEqual([
          expect.objectContaining({ message: expect.stringMatching(new RegExp(`^Document "(sha256:)?${hex("query Other { __typename }")}" is not one of this gateway's trusted documents`)), extensions: expect.objectContaining({ code: "PERSISTED_QUERY_NOT_FOUND" }) }),
        ]);
      }
    });

    it("refuses any other query text with PERSISTED_QUERY_NOT_TRUSTED before parsing it, and logs the refusal", async () => {
      const key = await freshKey();
      for (const query of ["{ __typename }", `${HELLO} `, "{ noSuchField }", "{ {{ not graphql"]) {
        const answer = await post(gw, { query }, key, { "x-request-id": "untrusted" });
        expect(answer.status, query).toBe(400);
        expect(answer.body.errors?.[0]?.extensions?.code, query).toBe("PERSISTED_QUERY_NOT_TRUSTED");
      }
      expect(gw.logLines.find((l) => l.requestId === "untrusted" && l.msg === "request refused")).toMatchObject({ code: "PERSISTED_QUERY_NOT_TRUSTED" });
      const overGet = await get(gw, { query: "{ __typename }" }, { "x-api-key": key });
      expect(overGet.body.errors?.[0]?.extensions?.code).toBe("PERSISTED_QUERY_NOT_TRUSTED");
    });

    it("refuses a batch, and authenticates before judging the document", async () => {
      const batch = await post(gw, [{ documentId: sha256(HELLO) }, { query: "{ __typename }" }], "bgw_not-a-key-we-issued");
      expect(batch.status).toBe(401);
      const refused = await post(gw, [{ documentId: sha256(HELLO) }], await freshKey());
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe("PERSISTED_QUERY_NOT_TRUSTED");
    });

    it("lets an unconfined ADMIN key run any document with TRUSTED_DOCUMENTS_ADMIN_BYPASS, and no other key", async () => {
      const admin = await freshKey("admin");
      const query = "{ currencies(first: 1) { totalCount } }";
      expect((await post(gw, { query }, admin)).body.data?.currencies).toEqual({ totalCount: expect.any(Number) });
      // Apollo's own automatic persisted queries work for it as before.
      const apq = { query: "{ __typename }", extensions: persisted("{ __typename }") };
      expect((await post(gw, apq, admin)).body).toEqual({ data: { __typename: "Query" } });
      expect((await post(gw, { extensions: apq.extensions }, admin)).body).toEqual({ data: { __typename: "Query" } });
      for (const key of [keys.confinedAdmin, keys.operator]) {
        expect((await post(gw, { query }, key)).body.errors?.[0]?.extensions?.code).toBe("PERSISTED_QUERY_NOT_TRUSTED");
      }
    });

    it("without the bypass, refuses query texts from an unconfined ADMIN key too", async () => {
      const answer = await post(closed, { query: "{ __typename }" }, closed.adminKey);
      expect(answer.status).toBe(400);
      expect(answer.body.errors?.[0]?.extensions?.code).toBe("PERSISTED_QUERY_NOT_TRUSTED");
      const unknown = await post(closed, { documentId: "sha256:0000" }, closed.adminKey);
      expect([unknown.status, unknown.body.errors?.[0]?.extensions?.code]).toEqual([400, "PERSISTED_QUERY_NOT_FOUND"]);
      expect((await post(closed, { documentId: sha256(HELLO) }, closed.adminKey)).body).toEqual({ data: { __typename: "Query" } });
    });
  });
});
