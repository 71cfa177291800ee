import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "../src/db/query-rows.js";
import { createApiKey } from "../src/modules/api-key/api-key.service.js";
import { startTestGateway, type TestGateway } from "./support/gateway.js";
import { insertWorld, type World } from "./support/fixtures.js";

/** One test per finding of issue 11: an ordinary client mistake is never a server fault. */

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: JSON.parse(text) as Answer["body"] };
}

/** What must never reach a client in production: SQL, driver messages, stacks. */
function expectNothingInternal(a: Answer) {
  expect(a.text).not.toMatch(/select |insert |update |Failed query|\bat [\w.]+ \(|node_modules|Context creation failed/i);
}

const database = process.env.DATABASE_URL ? "Postgres" : "PGlite";

describe(`client mistakes are 4xx or userErrors, in production (${database})`, () => {
  let gw: TestGateway;
  let w: World;
  let readOnlyKey: string;
  const send = async (body: unknown, key?: string | null, headers?: Record<string, string>) =>
    answer(await (key === undefined ? gw : gw.withKey(key)).post(body, headers));

  beforeAll(async () => {
    gw = await startTestGateway({ env: { NODE_ENV: "production", TRUST_PROXY_HOPS: "1" } });
    w = await insertWorld(gw.database.db);
    readOnlyKey = (await createApiKey(gw.database.db, { name: "reader", role: "read_only" })).key;
  });
  afterAll(() => gw?.stop());

  it.each([
    ["a string for an Int", "query($n: Int) { clients(first: $n) { totalCount } }", { n: "abc" }, "$n"],
    ["a missing required variable", "query($n: Int!) { clients(first: $n) { totalCount } }", {}, "$n"],
    ["an Int overflow", "query($n: Int) { clients(first: $n) { totalCount } }", { n: 2 ** 31 }, "$n"],
    ["an unknown input field", "query($f: ClientFilter) { clients(filter: $f) { totalCount } }", { f: { nope: 1 } }, "nope"],
    ["a Decimal as a JSON float", 'mutation($v: Decimal) { clientCreate(input: { partitionId: 1, currencyId: 1, name: "x", creditLimit: $v }) { userErrors { code } } }', { v: 1.5 }, "$v"],
    ["year 0000", 'mutation($at: DateTime!) { rateCreate(input: { rateTableId: 1, code: "44", value: "1", effectiveFrom: $at }) { userErrors { code } } }', { at: "0000-01-01T00:00:00Z" }, "$at"],
    ["February 30th", "query($at: DateTime!) { rates(filter: { effectiveAt: $at }) { totalCount } }", { at: "2026-02-30T00:00:00Z" }, "$at"],
  ])("answers %s with HTTP 400 BAD_USER_INPUT naming the variable", async (_case, query, variables, named) => {
    const a = await send({ query, variables });
    expect(a.status).toBe(400);
    expect(a.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(a.body.errors?.[0]?.message).toContain(named);
    expectNothingInternal(a);
  });

  it("refuses NUL and lone surrogates in an input field with a userError on that field", async () => {
    const create = (name: string) =>
      send({ query: "mutation($i: ClientCreateInput!) { clientCreate(input: $i) { client { id } userErrors { field code message } } }", variables: { i: { partitionId: w.partitionA, currencyId: "1", name } } });
    for (const name of ["a\u0000b", "a\ud800b", "\udfff"]) {
      const a = await create(name);
      expect(a.status).toBe(200);
      expect(a.body.data?.clientCreate).toEqual({ client: null, userErrors: [{ field: ["input", "name"], code: "INVALID", message: expect.any(String) }] });
    }
    // A key that may not run the mutation learns that first, whatever its input holds.
    const byReader = await send(
      { query: "mutation($i: ClientCreateInput!) { clientCreate(input: $i) { client { id } } }", variables: { i: { partitionId: w.partitionA, currencyId: "1", name: "a\u0000b" } } },
      readOnlyKey,
    );
    expect(byReader.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    // Inside a list of input objects, the path names the item.
    const codes = await send({
      query: "mutation($i: CodesImportInput!) { codesImport(input: $i) { inserted userErrors { field code } } }",
      variables: { i: { codeDeckId: w.codeDeck, codes: [{ code: "4901", name: "ok" }, { code: "4902", name: "bad\u0000" }] } },
    });
    expect(codes.body.data?.codesImport).toEqual({ inserted: 0, userErrors: [{ field: ["input", "codes", "1", "name"], code: "INVALID" }] });
  });

  it.each([
    ["a name filter", "query($s: String) { clients(filter: { nameContains: $s }) { totalCount } }", "filter.nameContains"],
    ["a cursor", "query($s: String) { clients(after: $s) { totalCount } }", "after"],
    ["a nested connection's filter", "query($s: String) { partitions { nodes { clients(filter: { nameContains: $s }) { totalCount } } } }", "filter.nameContains"],
    ["a rating number", 'query($s: String!) { rateQuote(input: { rateTableId: 1, dstNumber: $s, at: "2026-01-01T00:00:00Z", volume: 60 }) { cost } }', "input.dstNumber"],
    ["a rating tag in a batch", 'query($s: String) { rateQuotes(inputs: [{ rateTableId: 1, dstNumber: "1", at: "2026-01-01T00:00:00Z", volume: 1 }, { rateTableId: 1, dstNumber: "2", at: "2026-01-01T00:00:00Z", volume: 1, tag: $s }]) { cost } }', "inputs[1].tag"],
  ])("refuses NUL in %s with BAD_USER_INPUT naming the argument, for a READ_ONLY key too", async (_case, query, argument) => {
    for (const value of ["4\u0000", "4\ud800"]) {
      const a = await send({ query, variables: { s: value } }, readOnlyKey);
      expect(a.status).toBeLessThan(500);
      expect(a.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument });
      expectNothingInternal(a);
    }
  });

  it("bounds search and filter strings at 255 characters", async () => {
    const query = "query($s: String) { clients(filter: { nameContains: $s }) { totalCount } }";
    expect((await send({ query, variables: { s: "x".repeat(255) } })).body).toEqual({ data: { clients: { totalCount: 0 } } });
    const over = await send({ query, variables: { s: "x".repeat(900_000) } });
    expect(over.body.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", argument: "filter.nameContains" } });
    expect(over.body.errors?.[0]?.message).toContain("at most 255 characters");
  });

  it("answers a malformed X-Forwarded-For from a trusted proxy with 400, without SQL", async () => {
    for (const key of [undefined, null, "bgw_unknown"] as const) {
      const a = await send({ query: "{ __typename }" }, key, { "x-forwarded-for": "not-an-ip" });
      expect(a.status).toBe(400);
      expect(a.body.errors?.[0]?.extensions?.code).toBe("BAD_REQUEST");
      expectNothingInternal(a);
    }
  });

  it("refuses an IPv6 address with a zone, which Postgres inet does not take", async () => {
    const a = await send({
      query: "mutation($i: AccountCreateInput!) { accountCreate(input: $i) { account { id } userErrors { field code } } }",
      variables: { i: { clientId: w.clientA, name: "zoned", identification: { authType: "IP", ips: ["10.0.0.1", "fe80::1%eth0"] } } },
    });
    expect(a.body.data?.accountCreate).toEqual({ account: null, userErrors: [{ field: ["input", "identification", "ips", "1"], code: "INVALID" }] });
  });

  it("answers malformed JSON with 400 and an oversized body with 413, as GraphQL-shaped JSON, and logs both", async () => {
    const bad = await answer(await gw.post("{not json", { "x-request-id": "bad-json-1" }));
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toMatch(/application\/json/);
    expect(bad.body.errors).toEqual([{ message: "The request body is not valid JSON.", extensions: { code: "BAD_REQUEST" } }]);
    const big = await answer(await gw.post({ query: "{ __typename }", variables: { pad: "x".repeat(17 * 1024 * 1024) } }, { "x-request-id": "too-big-1" }));
    expect(big.status).toBe(413);
    expect(big.body.errors?.[0]?.extensions?.code).toBe("PAYLOAD_TOO_LARGE");
    // Over MAX_BODY_BYTES but within the import limit: only codesImport may send that much.
    const notImport = await send({ query: "{ __typename }", variables: { pad: "x".repeat(2 * 1024 * 1024) } });
    expect(notImport.status).toBe(413);
    expect(notImport.body.errors?.[0]?.extensions?.code).toBe("PAYLOAD_TOO_LARGE");
    // Only a key that may run codesImport gets the larger body read at all: no anonymous 16 MiB parse.
    for (const key of [null, "bgw_unknown", readOnlyKey]) {
      const refused = await send({ query: "{ __typename }", variables: { pad: "x".repeat(2 * 1024 * 1024) } }, key);
      expect(refused.status).toBe(413);
      expect(refused.body.errors?.[0]?.message).toContain("larger than 1048576 bytes");
    }
    for (const [requestId, status, code] of [["bad-json-1", 400, "BAD_REQUEST"], ["too-big-1", 413, "PAYLOAD_TOO_LARGE"]] as const) {
      expect(gw.logLines.find((l) => l.requestId === requestId)).toMatchObject({ status, code });
    }
  });

  it("logs and answers in JSON the requests Apollo refuses before any plugin runs", async () => {
    const cases: [string, string, Record<string, string>][] = [
      ["batch", JSON.stringify([{ query: "{ __typename }" }]), {}],
      ["empty", "{}", {}],
      ["query-not-string", JSON.stringify({ query: 5 }), {}],
      ["csrf", "{ __typename }", { "content-type": "text/plain" }],
    ];
    for (const [name, body, headers] of cases) {
      const a = await answer(await gw.post(body, { "x-request-id": `apollo-${name}`, ...headers }));
      expect(a.status, name).toBe(400);
      expect(a.body.errors?.[0]?.extensions?.code, name).toMatch(/^BAD_REQUEST$/);
      expect(gw.logLines.find((l) => l.requestId === `apollo-${name}`), name).toMatchObject({ status: 400, code: "BAD_REQUEST" });
    }
    const nowhere = await answer(await fetch(`${gw.url}/nowhere`));
    expect(nowhere.status).toBe(404);
    expect(nowhere.body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("answers a persisted query whose hash does not match its document with 400 BAD_REQUEST", async () => {
    const a = await send({ query: "{ __typename }", extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } });
    expect(a.status).toBe(400);
    expect(a.body.errors?.[0]?.extensions?.code).toBe("BAD_REQUEST");
  });

  it("counts an out-of-range page size as the largest page, so it cannot cancel out the cost of the rest", async () => {
    const heavy = "partitions(first: 100) { nodes { clients(first: 100) { nodes { accounts(first: 100) { nodes { id } } } } } }";
    const a = await send({ query: `{ ${heavy} n: clients(first: -2000000000) { nodes { id } } }` });
    expect(a.status).toBe(400);
    expect(a.body.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COSTLY");
  });

  it("loads the documented maximum of 50,000 codes in one codesImport with the default limits", async () => {
    const codes = Array.from({ length: 50_000 }, (_, i) => ({ code: String(7_000_000 + i), name: `Destination number ${i % 977}`, country: "Somewhere" }));
    const body = { query: "mutation($i: CodesImportInput!) { codesImport(input: $i) { inserted userErrors { field code } } }", variables: { i: { codeDeckId: w.codeDeck, codes } } };
    expect(Buffer.byteLength(JSON.stringify(body))).toBeGreaterThan(1_048_576);
    const a = await send(body);
    expect(a.status).toBe(200);
    expect(a.body.data?.codesImport).toEqual({ inserted: 50_000, userErrors: [] });
  }, 60_000);

  it("keeps external ids unique per partition, so one partition learns nothing about another's", async () => {
    const [keyA, keyB] = await Promise.all(
      [w.partitionA, w.partitionB].map(async (p, i) => (await createApiKey(gw.database.db, { name: `op ${i}`, role: "operator", partitionId: Number(p) })).key),
    );
    const create = (key: string, clientId: string, name: string) =>
      send(
        {
          query: "mutation($i: AccountCreateInput!) { accountCreate(input: $i) { account { externalId } userErrors { field code } } }",
          variables: { i: { clientId, name, externalId: "EXT-1", identification: { authType: "NAME", authName: `${name}-auth` } } },
        },
        key,
      );
    expect((await create(keyA!, w.clientA, "ext a")).body.data?.accountCreate).toEqual({ account: { externalId: "EXT-1" }, userErrors: [] });
    expect((await create(keyB!, w.clientB, "ext b")).body.data?.accountCreate).toEqual({ account: { externalId: "EXT-1" }, userErrors: [] });
    expect((await create(keyA!, w.otherClientA, "ext a2")).body.data?.accountCreate).toEqual({ account: null, userErrors: [{ field: ["input", "externalId"], code: "TAKEN" }] });
  });

  it("accepts a contact e-mail with an 's' in it (the CHECK once dropped the backslash of \\s)", async () => {
    const a = await send({
      query: "mutation($i: ContactCreateInput!) { contactCreate(input: $i) { contact { email } userErrors { field code } } }",
      variables: { i: { clientId: w.clientA, name: "Sales", email: "sales@sistemas.es" } },
    });
    expect(a.body.data?.contactCreate).toEqual({ contact: { email: "sales@sistemas.es" }, userErrors: [] });
  });

  it("ends two simultaneous updates making two tables each other's parent with one success and one CONFLICT, and no cycle", async () => {
    const update = (id: string, parent: string) =>
      send({ query: `mutation { rateTableUpdate(id: ${id}, input: { parentRateTableId: ${parent} }) { rateTable { id } userErrors { field code } } }` });
    // Postgres counts deadlocks per database; the parent changes must take turns, not deadlock and retry.
    const deadlocks = async () => {
      await new Promise((resolve) => setTimeout(resolve, 1_200)); // backends report their statistics about once a second
      const [row] = await queryRows<{ n: number }>(gw.database.db, sql`select pg_stat_clear_snapshot(), deadlocks::int as n from pg_stat_database where datname = current_database()`);
      return row?.n;
    };
    const deadlocksBefore = process.env.DATABASE_URL ? await deadlocks() : undefined;
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all([update(w.rateTableA1, w.rateTableA2), update(w.rateTableA2, w.rateTableA1)]);
      const payloads = results.map((r) => {
        expect(r.status).toBe(200);
        return r.body.data?.rateTableUpdate as { rateTable: unknown; userErrors: { code: string }[] };
      });
      expect(payloads.filter((p) => p.rateTable !== null)).toHaveLength(1);
      expect(payloads.flatMap((p) => p.userErrors)).toEqual([{ field: ["input", "parentRateTableId"], code: "CONFLICT" }]);
      const parents = await send({ query: `{ a: rateTable(id: ${w.rateTableA1}) { parent { id } } b: rateTable(id: ${w.rateTableA2}) { parent { id } } }` });
      const { a, b } = parents.body.data as { a: { parent: unknown }; b: { parent: unknown } };
      expect([a.parent, b.parent].filter((p) => p !== null)).toHaveLength(1);
      // Detach both for the next round.
      await Promise.all([w.rateTableA1, w.rateTableA2].map((id) => send({ query: `mutation { rateTableUpdate(id: ${id}, input: { parentRateTableId: null }) { userErrors { code } } }` })));
    }
    if (process.env.DATABASE_URL) expect(await deadlocks()).toBe(deadlocksBefore);
  });
});
