import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ClientCreateDocument,
  ClientsDocument,
  PartitionClientPagesDocument,
  PartitionCreateDocument,
  type ClientsQueryVariables,
  type PartitionClientPagesQueryVariables,
} from "./gql/graphql.js";
import { dataOf, startTestGateway, type TestGateway } from "./support/gateway.js";

let gw: TestGateway;
let partitionId: string;
const names = ["delta", "alpha", "echo", "charlie", "bravo", "foxtrot", "golf"];

beforeAll(async () => {
  gw = await startTestGateway();
  partitionId = dataOf(await gw.request(PartitionCreateDocument, { input: { name: "Paging" } })).partitionCreate.partition!.id;
  for (const name of names) {
    dataOf(await gw.request(ClientCreateDocument, { input: { partitionId, currencyId: "1", name } }));
  }
  const other = dataOf(await gw.request(PartitionCreateDocument, { input: { name: "Other" } })).partitionCreate.partition!.id;
  dataOf(await gw.request(ClientCreateDocument, { input: { partitionId: other, currencyId: "1", name: "alphabet soup" } }));
});
afterAll(() => gw?.stop());

const page = async (variables: ClientsQueryVariables) =>
  dataOf(await gw.request(ClientsDocument, { filter: { partitionId }, ...variables })).clients;

describe("keyset connections (clients)", () => {
  it("walks forward page by page in name order without gaps or repeats", async () => {
    const seen: string[] = [];
    let after: string | null | undefined;
    for (;;) {
      const p = await page({ first: 3, after });
      seen.push(...p.edges.map((e) => e.node.name));
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(seen).toEqual([...names].sort());
  });

  it("walks backward with last/before", async () => {
    const last = await page({ last: 3 });
    expect(last.edges.map((e) => e.node.name)).toEqual(["echo", "foxtrot", "golf"]);
    expect(last.pageInfo.hasPreviousPage).toBe(true);
    const before = await page({ last: 3, before: last.pageInfo.startCursor });
    expect(before.edges.map((e) => e.node.name)).toEqual(["bravo", "charlie", "delta"]);
  });

  it("sorts descending and by id, each with its own cursors", async () => {
    const desc = await page({ first: 2, orderBy: { field: "NAME", direction: "DESC" } });
    expect(desc.edges.map((e) => e.node.name)).toEqual(["golf", "foxtrot"]);
    const next = await page({ first: 2, after: desc.pageInfo.endCursor, orderBy: { field: "NAME", direction: "DESC" } });
    expect(next.edges.map((e) => e.node.name)).toEqual(["echo", "delta"]);
    const byCreation = await page({ first: 3, orderBy: { field: "CREATED_AT" } });
    expect(byCreation.edges.map((e) => e.node.name)).toEqual(["delta", "alpha", "echo"]);
    const more = await page({ first: 3, after: byCreation.pageInfo.endCursor, orderBy: { field: "CREATED_AT" } });
    expect(more.edges.map((e) => e.node.name)).toEqual(["charlie", "bravo", "foxtrot"]);
  });

  it("filters by name (case-insensitive, wildcards literal) and status", async () => {
    const p = dataOf(await gw.request(ClientsDocument, { filter: { nameContains: "ALPHA" } })).clients;
    expect(p.edges.map((e) => e.node.name)).toEqual(["alpha", "alphabet soup"]);
    expect((await page({ filter: { partitionId, nameContains: "%" } })).edges).toEqual([]);
    expect((await page({ filter: { partitionId, status: "ARCHIVED" } })).edges).toEqual([]);
  });

  it("accepts first = 100 and refuses 101 with a clear error", async () => {
    expect((await page({ first: 100 })).edges).toHaveLength(names.length);
    const over = await gw.request(ClientsDocument, { first: 101 });
    expect(over.errors?.[0]).toMatchObject({
      message: expect.stringContaining("between 0 and 100"),
      extensions: { code: "BAD_USER_INPUT" },
    });
  });

  it("refuses a cursor from another ordering or a garbled one", async () => {
    const byName = await page({ first: 1 });
    const misuse = await gw.request(ClientsDocument, { first: 1, after: byName.pageInfo.endCursor, orderBy: { field: "ID" } });
    expect(misuse.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const garbled = await gw.request(ClientsDocument, { first: 1, after: "not-a-cursor" });
    expect(garbled.errors?.[0]?.message).toMatch(/not a cursor/);
  });
});

describe("child connections under many parents (partition.clients)", () => {
  // Three partitions whose clients interleave by name, so each parent's page must be cut from its own rows.
  const families: Record<string, string[]> = {
    "Nested A": ["a-kilo", "a-lima", "a-mike", "a-november", "a-oscar"],
    "Nested B": ["b-kilo", "b-lima"],
    "Nested C": [],
  };
  beforeAll(async () => {
    for (const [name, clients] of Object.entries(families)) {
      const id = dataOf(await gw.request(PartitionCreateDocument, { input: { name } })).partitionCreate.partition!.id;
      for (const client of clients) dataOf(await gw.request(ClientCreateDocument, { input: { partitionId: id, currencyId: "1", name: client } }));
    }
  });

  const pages = async (variables: Omit<PartitionClientPagesQueryVariables, "partitionsNamed">) => {
    const result = dataOf(await gw.request(PartitionClientPagesDocument, { partitionsNamed: "Nested", ...variables }));
    return Object.fromEntries(result.partitions.nodes.map((p) => [p.name, p.clients]));
  };
  const names = (byParent: Awaited<ReturnType<typeof pages>>) =>
    Object.fromEntries(Object.entries(byParent).map(([parent, c]) => [parent, c.nodes.map((n) => n.name)]));

  it("cuts each parent's first page from its own rows, with its own count and pageInfo", async () => {
    const first = await pages({ first: 2 });
    expect(names(first)).toEqual({ "Nested A": ["a-kilo", "a-lima"], "Nested B": ["b-kilo", "b-lima"], "Nested C": [] });
    expect(first["Nested A"]!.totalCount).toBe(5);
    expect(first["Nested A"]!.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(first["Nested B"]!.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    expect(first["Nested C"]!.pageInfo).toMatchObject({ hasNextPage: false, startCursor: null, endCursor: null });
    const next = await pages({ first: 2, after: first["Nested A"]!.pageInfo.endCursor });
    expect(next["Nested A"]!.nodes.map((n) => n.name)).toEqual(["a-mike", "a-november"]);
  });

  it("pages backward and in descending order under every parent", async () => {
    expect(names(await pages({ last: 2 }))).toEqual({ "Nested A": ["a-november", "a-oscar"], "Nested B": ["b-kilo", "b-lima"], "Nested C": [] });
    const desc = await pages({ first: 3, orderBy: { field: "NAME", direction: "DESC" } });
    expect(names(desc)).toEqual({ "Nested A": ["a-oscar", "a-november", "a-mike"], "Nested B": ["b-lima", "b-kilo"], "Nested C": [] });
    const before = await pages({ last: 2, before: desc["Nested A"]!.pageInfo.endCursor, orderBy: { field: "NAME", direction: "DESC" } });
    expect(before["Nested A"]!.nodes.map((n) => n.name)).toEqual(["a-oscar", "a-november"]);
    expect(before["Nested A"]!.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
  });

  it("counts each parent's children in the page's statement, and still counts a parent whose page is empty", async () => {
    const all = await pages({ first: 10 });
    expect(Object.values(all).map((c) => c.totalCount)).toEqual([5, 2, 0]);
    // The cursor after a-oscar leaves Nested A an empty page, whose count has no row to ride on.
    const past = await pages({ first: 2, after: all["Nested A"]!.pageInfo.endCursor });
    expect(names(past)).toEqual({ "Nested A": [], "Nested B": ["b-kilo", "b-lima"], "Nested C": [] });
    expect(Object.values(past).map((c) => c.totalCount)).toEqual([5, 2, 0]);
  });

  it("applies the filter to every parent's page and count", async () => {
    const filtered = await pages({ first: 10, filter: { nameContains: "LIMA" } });
    expect(names(filtered)).toEqual({ "Nested A": ["a-lima"], "Nested B": ["b-lima"], "Nested C": [] });
    expect(Object.values(filtered).map((c) => c.totalCount)).toEqual([1, 1, 0]);
  });
});
