import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ClientByIdDocument,
  ClientCountDocument,
  ClientCreateDocument,
  ClientUpdateDocument,
  CurrenciesDocument,
  PartitionCreateDocument,
} from "./gql/graphql.js";
import { dataOf, startTestGateway, type TestGateway } from "./support/gateway.js";

let gw: TestGateway;
let partitionId: string;
let usd: string;

beforeAll(async () => {
  gw = await startTestGateway();
  const created = dataOf(await gw.request(PartitionCreateDocument, { input: { name: "Wholesale EU" } }));
  partitionId = created.partitionCreate.partition!.id;
  const currencies = dataOf(await gw.request(CurrenciesDocument, { first: 100 }));
  usd = currencies.currencies.nodes.find((c) => c.code === "USD")!.id;
});
afterAll(() => gw?.stop());

const clientCount = async () => dataOf(await gw.request(ClientCountDocument)).clients.totalCount;

describe(`clients (${process.env.DATABASE_URL ? "Postgres" : "PGlite"})`, () => {
  it("creates a client and reads it back with its partition and currency", async () => {
    const created = dataOf(
      await gw.request(ClientCreateDocument, {
        input: { partitionId, currencyId: usd, name: "  Acme Telecom ", creditLimit: "150.50", tags: ["vip", "eu"] },
      }),
    ).clientCreate;
    expect(created.userErrors).toEqual([]);
    expect(created.client).toMatchObject({
      name: "Acme Telecom",
      creditLimit: "150.5",
      status: "ACTIVE",
      tags: ["vip", "eu"],
      partition: { id: partitionId, name: "Wholesale EU" },
      currency: { id: usd, code: "USD" },
    });

    const read = dataOf(await gw.request(ClientByIdDocument, { id: created.client!.id })).client;
    expect(read).toEqual(created.client);
  });

  it.each(["0.000001", "999999999.999999", "-999999999.999999", "123456789.123456", "0", "-0.5"])(
    "keeps the Decimal %s exactly through write and read",
    async (value) => {
      const created = dataOf(
        await gw.request(ClientCreateDocument, { input: { partitionId, currencyId: usd, name: `Decimal ${value}`, creditLimit: value } }),
      ).clientCreate;
      expect(created.userErrors).toEqual([]);
      const read = dataOf(await gw.request(ClientByIdDocument, { id: created.client!.id })).client;
      expect(read?.creditLimit).toBe(value);
    },
  );

  it("defaults the credit limit to 0, the status to ACTIVE and tags to none", async () => {
    const created = dataOf(
      await gw.request(ClientCreateDocument, { input: { partitionId, currencyId: usd, name: "Defaults Ltd" } }),
    ).clientCreate;
    expect(created.client).toMatchObject({ creditLimit: "0", status: "ACTIVE", tags: [] });
  });

  it.each([
    ["an empty name", { name: "" }, ["input", "name"], "REQUIRED"],
    ["a blank name", { name: "   " }, ["input", "name"], "REQUIRED"],
    ["a name over 255 characters", { name: "x".repeat(256) }, ["input", "name"], "TOO_LONG"],
    ["a non-numeric credit limit", { name: "Bad decimal", creditLimit: "12abc" }, ["input", "creditLimit"], "INVALID"],
    ["a credit limit above the maximum", { name: "Too rich", creditLimit: "1000000000" }, ["input", "creditLimit"], "OUT_OF_RANGE"],
    ["a credit limit with 7 decimals", { name: "Too precise", creditLimit: "0.0000001" }, ["input", "creditLimit"], "INVALID"],
    ["an unknown partition", { name: "Orphan", partitionId: "999999" }, ["input", "partitionId"], "NOT_FOUND"],
    ["a malformed partition id", { name: "Orphan 2", partitionId: "abc" }, ["input", "partitionId"], "NOT_FOUND"],
    ["an unknown currency", { name: "No money", currencyId: "999999" }, ["input", "currencyId"], "NOT_FOUND"],
    ["an empty tag", { name: "Bad tags", tags: ["ok", ""] }, ["input", "tags", "1"], "REQUIRED"],
  ])("refuses %s with a userError and writes nothing", async (_case, overrides, field, code) => {
    const before = await clientCount();
    const result = dataOf(
      await gw.request(ClientCreateDocument, { input: { partitionId, currencyId: usd, ...overrides } }),
    ).clientCreate;
    expect(result.client).toBeNull();
    expect(result.userErrors).toEqual([expect.objectContaining({ field, code })]);
    expect(await clientCount()).toBe(before);
  });

  it("a 255-character name is accepted", async () => {
    const name = "n".repeat(255);
    const result = dataOf(await gw.request(ClientCreateDocument, { input: { partitionId, currencyId: usd, name } })).clientCreate;
    expect(result.userErrors).toEqual([]);
    expect(result.client?.name).toBe(name);
  });

  it("reports every problem of one input at once", async () => {
    const result = dataOf(
      await gw.request(ClientCreateDocument, {
        input: { partitionId: "0", currencyId: "0", name: "", creditLimit: "abc" },
      }),
    ).clientCreate;
    expect(result.userErrors.map((e) => [e.field?.join("."), e.code]).sort()).toEqual([
      ["input.creditLimit", "INVALID"],
      ["input.currencyId", "NOT_FOUND"],
      ["input.name", "REQUIRED"],
      ["input.partitionId", "NOT_FOUND"],
    ]);
  });

  it("refuses a duplicate name in the same partition with TAKEN", async () => {
    const input = { partitionId, currencyId: usd, name: "Twin Networks" };
    expect(dataOf(await gw.request(ClientCreateDocument, { input })).clientCreate.userErrors).toEqual([]);
    const second = dataOf(await gw.request(ClientCreateDocument, { input })).clientCreate;
    expect(second.client).toBeNull();
    expect(second.userErrors).toEqual([expect.objectContaining({ field: ["input", "name"], code: "TAKEN" })]);
  });

  it("gives one success and one TAKEN to two simultaneous creates of the same name", async () => {
    const input = { partitionId, currencyId: usd, name: "Race Condition Inc" };
    const results = await Promise.all([1, 2].map(() => gw.request(ClientCreateDocument, { input })));
    const payloads = results.map((r) => dataOf(r).clientCreate);
    expect(payloads.filter((p) => p.client !== null)).toHaveLength(1);
    expect(payloads.flatMap((p) => p.userErrors.map((e) => e.code))).toEqual(["TAKEN"]);
  });

  it("refuses a float for a Decimal at the GraphQL layer, since it may already have lost digits", async () => {
    const response = await gw.post({
      query: "mutation($l: Decimal) { clientCreate(input: {partitionId: 1, currencyId: 1, name: \"F\", creditLimit: $l}) { client { id } } }",
      variables: { l: 0.1 },
    });
    const body = (await response.json()) as { errors?: { message: string }[] };
    expect(body.errors?.[0]?.message).toMatch(/Decimal must be a string/);
  });

  describe("clientUpdate", () => {
    let id: string;
    beforeAll(async () => {
      const created = dataOf(
        await gw.request(ClientCreateDocument, {
          input: { partitionId, currencyId: usd, name: "Update Me", creditLimit: "10", tags: ["a"] },
        }),
      );
      id = created.clientCreate.client!.id;
    });

    it("changes only the given fields", async () => {
      const result = dataOf(await gw.request(ClientUpdateDocument, { id, input: { creditLimit: "-250.125" } })).clientUpdate;
      expect(result.userErrors).toEqual([]);
      expect(result.client).toMatchObject({ name: "Update Me", creditLimit: "-250.125", tags: ["a"], status: "ACTIVE" });
      const archived = dataOf(await gw.request(ClientUpdateDocument, { id, input: { status: "ARCHIVED", tags: [] } })).clientUpdate;
      expect(archived.client).toMatchObject({ name: "Update Me", creditLimit: "-250.125", tags: [], status: "ARCHIVED" });
      expect(Date.parse(archived.client!.updatedAt)).toBeGreaterThanOrEqual(Date.parse(archived.client!.createdAt));
    });

    it("refuses null for a required field and an unknown id, changing nothing", async () => {
      const before = dataOf(await gw.request(ClientByIdDocument, { id })).client;
      const nulled = dataOf(await gw.request(ClientUpdateDocument, { id, input: { name: null, creditLimit: "5" } })).clientUpdate;
      expect(nulled.client).toBeNull();
      expect(nulled.userErrors).toEqual([expect.objectContaining({ field: ["input", "name"], code: "REQUIRED" })]);
      expect(dataOf(await gw.request(ClientByIdDocument, { id })).client).toEqual(before);

      const missing = dataOf(await gw.request(ClientUpdateDocument, { id: "987654", input: { name: "Ghost" } })).clientUpdate;
      expect(missing.userErrors).toEqual([expect.objectContaining({ field: ["id"], code: "NOT_FOUND" })]);
    });

    it("refuses renaming onto another client's name with TAKEN", async () => {
      const result = dataOf(await gw.request(ClientUpdateDocument, { id, input: { name: "Twin Networks" } })).clientUpdate;
      expect(result.userErrors).toEqual([expect.objectContaining({ field: ["input", "name"], code: "TAKEN" })]);
    });
  });

  it("answers null for a client that does not exist", async () => {
    expect(dataOf(await gw.request(ClientByIdDocument, { id: "424242" })).client).toBeNull();
    expect(dataOf(await gw.request(ClientByIdDocument, { id: "not-a-number" })).client).toBeNull();
  });
});
