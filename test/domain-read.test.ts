import { readFileSync } from "node:fs";
import { count, eq, inArray, ne } from "drizzle-orm";
import { buildSchema, isInterfaceType, isObjectType, parse, type GraphQLObjectType } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accounts,
  clients,
  clientTemplates,
  codeDecks,
  codes,
  currencies,
  lowBalanceProfiles,
  partitions,
  paymentTerms,
  rates,
  rateTables,
  routingPlans,
  timeProfiles,
} from "../src/db/schema.js";
import { seedDemo } from "../src/db/seed.js";
import { createApiKey } from "../src/modules/api-key/api-key.service.js";
import {
  AccountByIdDocument,
  AccountEverythingDocument,
  AccountsDocument,
  ClientAccountIdsByCreationDocument,
  ClientAccountsEverythingDocument,
  ClientReferencesByIdDocument,
  ClientReferencesPageDocument,
  ByIdDocument,
  NestedClientsDocument,
  PartitionChildrenDocument,
  RateByIdDocument,
  RatesDocument,
  ReferenceDocument,
  SpecialRatesDocument,
  TableRateIdsDocument,
  TableRatesDocument,
  TableRatesPageDocument,
} from "./gql/graphql.js";
import { dataOf, startTestGateway, type TestGateway } from "./support/gateway.js";

let gw: TestGateway;
let fixtureTable: string;

/** A rate table whose versions have known effective windows (the write API for rates comes later). */
async function insertRateFixture(): Promise<string> {
  const db = gw.database.db;
  const [partition] = await db.insert(partitions).values({ name: "Fixture partition" }).returning();
  const [usd] = await db.select().from(currencies).where(eq(currencies.code, "USD"));
  const [deck] = await db.insert(codeDecks).values({ name: "Fixture deck" }).returning();
  await db.insert(codes).values([
    { codeDeckId: deck!.id, code: "44", name: "United Kingdom", country: "United Kingdom" },
    { codeDeckId: deck!.id, code: "4420", name: "United Kingdom London", country: "United Kingdom" },
  ]);
  const [allTime] = await db.select().from(timeProfiles).where(eq(timeProfiles.name, "All time"));
  const [table] = await db
    .insert(rateTables)
    .values({ partitionId: partition!.id, currencyId: usd!.id, name: "Fixture rates", codeDeckId: deck!.id })
    .returning();
  const base = { rateTableId: table!.id, timeProfileId: allTime!.id };
  await db.insert(rates).values([
    { ...base, code: "44", effectiveFrom: new Date("2026-01-01T00:00:00Z"), value: "0.1" },
    { ...base, code: "44", effectiveFrom: new Date("2026-03-01T00:00:00Z"), value: "0.2", status: "stashed" },
    { ...base, code: "44", effectiveFrom: new Date("2026-06-01T00:00:00Z"), value: "0.3" },
    {
      ...base,
      code: "4420",
      effectiveFrom: new Date("2026-01-01T00:00:00Z"),
      endDate: new Date("2026-02-01T00:00:00Z"),
      value: "0.000001",
    },
  ]);
  return String(table!.id);
}

beforeAll(async () => {
  gw = await startTestGateway();
  await seedDemo(gw.database.db, {
    partitions: 2,
    clientsPerPartition: 30,
    accountsPerClient: 3,
    rateTables: 4,
    codesPerCountry: 5,
    ratesPerTable: 60,
  });
  fixtureTable = await insertRateFixture();
});
afterAll(() => gw?.stop());

describe(`reading the domain (${process.env.DATABASE_URL ? "Postgres" : "PGlite"})`, () => {
  it("runs the same number of SQL statements for 5 and for 50 clients with accounts and rate tables nested", async () => {
    const five = await gw.measure(NestedClientsDocument, { first: 5 });
    const fifty = await gw.measure(NestedClientsDocument, { first: 50 });
    const nodes = dataOf(fifty.result).clients.nodes;
    expect(nodes).toHaveLength(50);
    expect(nodes.every((c) => c.accounts.nodes.length === 3 && c.accounts.totalCount === 3)).toBe(true);
    expect(nodes.flatMap((c) => c.accounts.nodes).some((a) => a.origination.rateTables.length > 0)).toBe(true);
    // API key lookup, clients page (with its count), accounts (one lateral query, with their rate tables and counts)
    expect(five.statements).toBe(3);
    expect(fifty.statements).toBe(five.statements);
  });

  it("reads a clients page's references and count in the page's own statement, with the same values as by id", async () => {
    const db = gw.database.db;
    const first = dataOf(await gw.request(NestedClientsDocument, { first: 4 })).clients.nodes.map((c) => Number(c.id));
    const before = await db.select().from(clients).where(inArray(clients.id, first));
    const partitionId = before[0]!.partitionId;
    const [plan] = await db.insert(routingPlans).values({ name: "Joined plan", notes: "n" }).returning();
    const [term] = await db.insert(paymentTerms).values({ name: "Joined term" }).returning();
    const [profile] = await db.insert(lowBalanceProfiles).values({ partitionId, name: "Joined profile", threshold: "12.5" }).returning();
    const [template] = await db.insert(clientTemplates).values({ partitionId, name: "Joined template", creditLimit: "0", tags: ["a", "b"] }).returning();
    const none = { routingPlanId: null, paymentTermId: null, lowBalanceProfileId: null, clientTemplateId: null };
    await db.update(clients).set(none).where(inArray(clients.id, first));
    const references = { routingPlanId: plan!.id, paymentTermId: term!.id, lowBalanceProfileId: profile!.id, clientTemplateId: template!.id };
    await db.update(clients).set(references).where(inArray(clients.id, first.slice(0, 2)));
    try {
      const page = await gw.measure(ClientReferencesPageDocument, { first: 4 });
      // API key lookup and the page, whose statement also reads the count and all six references
      expect(page.statements).toBe(2);
      const { nodes, totalCount } = dataOf(page.result).clients;
      expect(totalCount).toBe((await db.select({ n: count() }).from(clients))[0]!.n);
      expect(nodes[0]).toMatchObject({ routingPlan: { name: "Joined plan" }, template: { tags: ["a", "b"] }, lowBalanceProfile: { threshold: "12.5" } });
      expect(nodes[3]).toMatchObject({ routingPlan: null, paymentTerm: null, lowBalanceProfile: null, template: null, partition: { id: String(before[3]!.partitionId) } });
      for (const node of nodes) expect(dataOf(await gw.request(ClientReferencesByIdDocument, { id: node.id })).client).toEqual(node);
    } finally {
      for (const row of before) {
        const { routingPlanId, paymentTermId, lowBalanceProfileId, clientTemplateId } = row;
        await db.update(clients).set({ routingPlanId, paymentTermId, lowBalanceProfileId, clientTemplateId }).where(eq(clients.id, row.id));
      }
      await db.delete(clientTemplates).where(eq(clientTemplates.id, template!.id));
      await db.delete(lowBalanceProfiles).where(eq(lowBalanceProfiles.id, profile!.id));
      await db.delete(paymentTerms).where(eq(paymentTerms.id, term!.id));
      await db.delete(routingPlans).where(eq(routingPlans.id, plan!.id));
    }
  });

  it("reads a page of accounts with only the columns its fields need, and the same values as a by-id read", async () => {
    const clientId = dataOf(await gw.request(NestedClientsDocument, { first: 1 })).clients.nodes[0]!.id;
    const page = dataOf(await gw.request(ClientAccountsEverythingDocument, { id: clientId })).client!.accounts.edges.map((e) => e.node);
    expect(page.length).toBeGreaterThan(1);
    for (const account of page) {
      expect(dataOf(await gw.request(AccountEverythingDocument, { id: account.id })).account).toEqual(account);
    }
    expect(page[0]).toMatchObject({ createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), balance: expect.any(String), identification: { ips: expect.any(Array) } });

    // Only ids selected, in creation order: the cursors still carry the creation time.
    const walked: string[] = [];
    let after: string | null | undefined;
    do {
      const next = dataOf(await gw.request(ClientAccountIdsByCreationDocument, { id: clientId, first: 1, after })).client!.accounts;
      walked.push(...next.nodes.map((a) => a.id));
      after = next.pageInfo.hasNextPage ? next.pageInfo.endCursor : undefined;
    } while (after);
    expect(walked).toEqual(page.map((a) => a.id).sort((a, b) => Number(a) - Number(b)));
  });

  it("serves one account with everything nested, falling back to the client's rate tables", async () => {
    const list = dataOf(await gw.request(AccountsDocument, { first: 100 })).accounts.nodes;
    const ip = list.find((a) => a.identification.authType === "IP")!;
    const read = await gw.measure(AccountByIdDocument, { id: ip.id });
    const account = dataOf(read.result).account!;
    // Everything under the account is embedded in its statement (src/loading/embedded.ts), the client's
    // rate tables (the fallback of effectiveRateTables) included: the API key lookup and one statement.
    expect(read.statements).toBe(2);
    expect(account).toMatchObject({
      id: ip.id,
      timezone: expect.any(String),
      balance: "0",
      minBalance: "-100",
      maxBalance: "10000",
      balanceLowThreshold: "50",
      balanceHighThreshold: "5000",
      identification: { authType: "IP", hasPassword: false, ips: [expect.stringMatching(/^10\./)] },
      origination: { enabled: true },
      invoiceTemplate: { name: "Standard PDF" },
      client: { partition: { name: expect.stringMatching(/^Reseller/) } },
    });
    expect(account.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(account.identification.equipment).toHaveLength(1);
    expect(account.sendInvoicesTo[0]?.email).toMatch(/@example\.com$/);
    const { rateTables: own, effectiveRateTables: effective } = account.origination;
    expect(effective.length).toBeGreaterThan(0);
    if (own.length > 0) expect(effective).toEqual(own.map((t) => expect.objectContaining({ id: t.id })));
  });

  it("filters accounts by identification, direction and partition", async () => {
    const ip = dataOf(await gw.request(AccountsDocument, { filter: { authType: "IP" }, first: 100 })).accounts;
    expect(ip.totalCount).toBe(60);
    expect(ip.nodes.every((a) => a.identification.authType === "IP")).toBe(true);
    const terminating = dataOf(await gw.request(AccountsDocument, { filter: { terminationEnabled: true }, first: 1 })).accounts;
    expect(terminating.totalCount).toBe(60);
    const partitionId = dataOf(await gw.request(ByIdDocument, { id: "1" })).partition!.id;
    const inPartition = dataOf(await gw.request(AccountsDocument, { filter: { partitionId }, first: 1 })).accounts;
    expect(inPartition.totalCount).toBe(90);
    const none = dataOf(await gw.request(AccountsDocument, { filter: { partitionId: "nope" }, first: 1 })).accounts;
    expect(none.totalCount).toBe(0);
  });

  it("answers null for every entity that does not exist, and for malformed ids", async () => {
    for (const id of ["987654", "0", "abc"]) {
      const data = dataOf(await gw.request(ByIdDocument, { id }));
      expect(Object.values(data).every((v) => v === null)).toBe(true);
    }
    const present = dataOf(await gw.request(ByIdDocument, { id: "1" }));
    expect(Object.entries(present).filter(([, v]) => v === null)).toEqual([]);
    expect(present.contact?.client.id).toBeDefined();
    expect(present.code?.codeDeck.id).toBe("1");
  });

  it("serves reference data: time profiles with periods, code decks with codes, templates with their defaults", async () => {
    const data = dataOf(await gw.request(ReferenceDocument));
    const profiles = Object.fromEntries(data.timeProfiles.nodes.map((p) => [p.name, p]));
    expect(profiles["All time"]).toMatchObject({ allTime: true, periods: [], timezone: "UTC" });
    expect(profiles["Weekends"]).toMatchObject({
      allTime: false,
      periods: [{ weekdayFrom: 6, weekdayTill: 7, timeFrom: "00:00:00" }],
    });
    expect(data.routingPlans.totalCount).toBe(5);
    expect(data.paymentTerms.nodes.map((p) => p.periodDays).sort((a, b) => a - b)).toEqual([7, 14, 30]);
    const deck = data.codeDecks.nodes.find((d) => d.name === "A-Z World")!;
    expect(deck.codes.totalCount).toBe(5);
    expect(deck.codes.nodes[0]).toEqual({ code: "49", name: "Germany", country: "Germany" });
    expect(data.lowBalanceProfiles.nodes[0]).toMatchObject({ threshold: "100", partition: { name: "Reseller A" } });
    const template = data.clientTemplates.nodes.find((t) => t.name === "Postpaid wholesale")!;
    expect(template).toMatchObject({
      tags: ["wholesale"],
      origination: { creditLimit: "5000", capacity: 300, routingPlan: { name: "LCR" }, lowBalanceProfile: { name: "Default low balance" } },
    });
    expect(template.origination.rateTables).toHaveLength(1);
  });

  it("serves a partition's clients with contacts and its rate tables with special rates", async () => {
    const p = dataOf(await gw.request(PartitionChildrenDocument, { id: "1" })).partition!;
    expect(p.clients.totalCount).toBe(30);
    expect(p.clients.nodes[0]).toMatchObject({ contacts: { totalCount: 2 }, routingPlan: { name: expect.any(String) } });
    expect(p.clients.nodes[0]?.originationRateTables).toHaveLength(1);
    expect(p.rateTables.nodes.every((t) => t.specialRates.totalCount === 1)).toBe(true);
  });

  describe("rates", () => {
    const fixture = async (filter: object) =>
      dataOf(await gw.request(TableRatesDocument, { id: fixtureTable, first: 100, filter, orderBy: { field: "EFFECTIVE_FROM" } }))
        .rateTable!.rates.nodes;

    it("computes effectiveTill from the next active version of the code, or its end date", async () => {
      const rows = await fixture({});
      expect(rows.map((r) => [r.code, r.value, r.status, r.effectiveTill])).toEqual([
        ["44", "0.1", "ACTIVE", "2026-06-01T00:00:00.000Z"],
        ["4420", "0.000001", "ACTIVE", "2026-02-01T00:00:00.000Z"],
        ["44", "0.2", "STASHED", "2026-06-01T00:00:00.000Z"],
        ["44", "0.3", "ACTIVE", null],
      ]);
      expect(rows[1]).toMatchObject({ codeName: "United Kingdom London", endDate: "2026-02-01T00:00:00.000Z" });
    });

    it.each([
      ["2025-12-31T23:59:59Z", []],
      ["2026-01-15T00:00:00Z", [["44", "0.1"], ["4420", "0.000001"]]],
      ["2026-02-01T00:00:00Z", [["44", "0.1"]]],
      ["2026-04-01T00:00:00Z", [["44", "0.1"]]],
      ["2026-06-01T00:00:00Z", [["44", "0.3"]]],
    ])("lists the active rates in effect at %s", async (at, expected) => {
      const rows = await fixture({ effectiveAt: at });
      expect(rows.map((r) => [r.code, r.value])).toEqual(expected);
    });

    it("filters by code prefix, code name and status, across tables too", async () => {
      expect((await fixture({ codePrefix: "442" })).map((r) => r.code)).toEqual(["4420"]);
      expect((await fixture({ codeName: "United Kingdom" })).map((r) => r.value)).toEqual(["0.1", "0.2", "0.3"]);
      expect((await fixture({ status: "STASHED" })).map((r) => r.value)).toEqual(["0.2"]);
      const across = dataOf(await gw.request(RatesDocument, { filter: { codePrefix: "4420" }, first: 10 })).rates;
      expect(across.nodes.map((r) => r.rateTable.id)).toEqual([fixtureTable]);
      const premium = dataOf(await gw.request(RatesDocument, { filter: { rateTableId: "1", codeName: "Germany Premium" }, first: 10 }));
      expect(premium.rates.nodes.every((r) => r.codeName === "Germany Premium")).toBe(true);
    });

    it("walks a large table page by page in code order without gaps or repeats", async () => {
      const seen: string[] = [];
      let after: string | null | undefined;
      let total = 0;
      for (;;) {
        const page = dataOf(await gw.request(TableRatesDocument, { id: "1", first: 7, after })).rateTable!.rates;
        total = page.totalCount;
        seen.push(...page.nodes.map((r) => `${r.code}@${r.effectiveFrom}@${r.id}`));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
      const codesInOrder = seen.map((s) => s.split("@")[0]!);
    expect(codesInOrder).toEqual([...codesInOrder].sort());
    });

    it("links special rates and the regular rates generated from them both ways", async () => {
      const special = dataOf(await gw.request(SpecialRatesDocument, { filter: { rateTableId: "1" } })).specialRates.nodes[0]!;
      expect(special).toMatchObject({ codeName: "Germany Premium", value: "0.25", timeProfile: { name: "All time" } });
      expect(special.rates.totalCount).toBeGreaterThan(0);
      expect(special.rates.nodes.every((r) => r.specialRate?.id === special.id)).toBe(true);
    });

    it("reads a page of rates with its code names and time profiles in its own statement, the same values as by-id reads", async () => {
      const { result, statements } = await gw.measure(TableRatesPageDocument, { id: fixtureTable, first: 50 });
      // API key lookup, then the rate table with its rates page: code names and time profiles come with the page.
      expect(statements).toBe(2);
      const page = dataOf(result).rateTable!.rates.nodes;
      expect(page.map((r) => r.codeName)).toEqual(["United Kingdom", "United Kingdom", "United Kingdom", "United Kingdom London"]);
      for (const rate of page) expect(dataOf(await gw.request(RateByIdDocument, { id: rate.id })).rate).toEqual(rate);
      const deep = await gw.measure(TableRatesPageDocument, { id: "1", first: 50, after: dataOf(await gw.request(TableRatesPageDocument, { id: "1", first: 50 })).rateTable!.rates.pageInfo.endCursor });
      expect(deep.statements).toBe(statements);
      expect(dataOf(deep.result).rateTable!.rates.nodes.every((r) => r.codeName !== null && r.timeProfile.name === "All time")).toBe(true);

      // A top-level page embeds its time profiles and rate tables, and counts, in its own statement; the
      // profiles' periods (allTime) are the one statement after it.
      const top = await gw.measure(RatesDocument, { filter: { rateTableId: fixtureTable }, first: 10 });
      expect(top.statements).toBe(3);
      expect(dataOf(top.result).rates.nodes.map((r) => [r.codeName, r.timeProfile.name, r.rateTable.id])).toEqual([
        ...Array(3).fill(["United Kingdom", "All time", fixtureTable]),
        ["United Kingdom London", "All time", fixtureTable],
      ]);
    });

    it("reads a rate table by id with its page of rates in one statement, answering what the page's own loader answers", async () => {
      const selection = `totalCount nodes { id code codeName value effectiveFrom effectiveTill status timeProfile { name } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;
      // Asked together with another page of rates under another name, `rates` is read by its own loader after the table.
      const combined = parse(`query ($id: ID!, $args: Int, $after: String, $last: Int, $filter: TableRateFilter, $orderBy: RateOrder) {
        rateTable(id: $id) { name rates(first: $args, after: $after, last: $last, filter: $filter, orderBy: $orderBy) { ${selection} } } }`);
      const separate = parse(`query ($id: ID!, $args: Int, $after: String, $last: Int, $filter: TableRateFilter, $orderBy: RateOrder) {
        rateTable(id: $id) { name rates(first: $args, after: $after, last: $last, filter: $filter, orderBy: $orderBy) { ${selection} } other: rates(first: 1) { nodes { id } } } }`);
      const firstPage = dataOf(await gw.request(TableRatesDocument, { id: fixtureTable, first: 2 })).rateTable!.rates.pageInfo.endCursor;
      const cases: Record<string, unknown>[] = [
        { id: fixtureTable, args: 50 },
        { id: fixtureTable, args: 2, after: firstPage },
        { id: fixtureTable, last: 3 },
        { id: fixtureTable, args: 3, orderBy: { field: "EFFECTIVE_FROM", direction: "DESC" } },
        { id: fixtureTable, args: 10, filter: { codePrefix: "4420" } },
        { id: fixtureTable, args: 10, filter: { codePrefix: "999" } },
        { id: fixtureTable, args: 0 },
        { id: "1", args: 5 },
        { id: "999999", args: 5 },
        // Refused by the `rates` field, with the table read: the same errors at the same path.
        { id: fixtureTable, args: 101 },
        { id: fixtureTable, args: 2, after: "not-a-cursor" },
        { id: fixtureTable, args: 2, last: 2 },
        { id: fixtureTable, args: 2, filter: { codePrefix: "4\u0000" } },
        { id: fixtureTable, args: 2, filter: { codeName: "x".repeat(300) } },
      ];
      type Answer = { data?: { rateTable: Record<string, unknown> | null }; errors?: { extensions?: Record<string, unknown> }[] };
      // Stack traces (outside production) name the compiled document's lines, which differ.
      const withoutStacks = (result: unknown) => {
        const answer = result as Answer;
        for (const error of answer.errors ?? []) delete error.extensions?.stacktrace;
        return answer;
      };
      for (const variables of cases) {
        const one = await gw.measure(combined as never, variables);
        const two = await gw.measure(separate as never, variables);
        const answer = withoutStacks(one.result);
        const reference = withoutStacks(two.result);
        if (reference.data?.rateTable) delete reference.data.rateTable.other;
        expect(answer, JSON.stringify(variables)).toEqual(reference);
        if (answer.errors === undefined && answer.data?.rateTable && variables.args !== 0) expect(one.statements, JSON.stringify(variables)).toBeLessThan(two.statements);
      }
      // A key confined to a partition reads its own tables with their rates, and another's as absent.
      const [own] = await gw.database.db.select({ partitionId: rateTables.partitionId }).from(rateTables).where(eq(rateTables.id, Number(fixtureTable)));
      const [other] = await gw.database.db.select({ id: rateTables.id }).from(rateTables).where(ne(rateTables.partitionId, own!.partitionId)).limit(1);
      const { key } = await createApiKey(gw.database.db, { name: "rates with their table", role: "admin", partitionId: own!.partitionId });
      const confined = gw.withKey(key);
      const mine = withoutStacks((await confined.request(combined as never, { id: fixtureTable, args: 5 })) as unknown);
      expect(mine).toEqual(withoutStacks(await gw.request(combined as never, { id: fixtureTable, args: 5 })));
      expect(mine.data?.rateTable).toMatchObject({ rates: { totalCount: expect.any(Number) } });
      expect(await confined.request(combined as never, { id: String(other!.id), args: 5 })).toEqual({ data: { rateTable: null } });
    });

    it("pages in effectiveFrom order when only ids are selected, with cursors that carry the sort key", async () => {
      const orderBy = { field: "EFFECTIVE_FROM" } as const;
      const full = (await fixture({})).map((r) => r.id);
      const walked: string[] = [];
      let after: string | null | undefined;
      do {
        const page = dataOf(await gw.request(TableRateIdsDocument, { id: fixtureTable, first: 1, after, orderBy })).rateTable!.rates;
        walked.push(...page.nodes.map((r) => r.id));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined;
      } while (after);
      expect(walked).toEqual(full);
    });

    it("refuses a child page above 100 items with a clear error", async () => {
      const over = await gw.request(TableRatesDocument, { id: fixtureTable, first: 101 });
      expect(over.errors?.[0]).toMatchObject({ message: expect.stringContaining("between 0 and 100"), extensions: { code: "BAD_USER_INPUT" } });
    });
  });

  it("never exposes an account password, only whether one is set", async () => {
    const [row] = await gw.database.db.select({ id: accounts.id }).from(accounts).limit(1);
    await gw.database.db.update(accounts).set({ password: "s3cret-digest" }).where(eq(accounts.id, row!.id));
    const account = dataOf(await gw.request(AccountByIdDocument, { id: String(row!.id) })).account!;
    expect(account.identification.hasPassword).toBe(true);
    expect(JSON.stringify(account)).not.toContain("s3cret");
    const schema = buildSchema(readFileSync("schema.graphql", "utf8"));
    const readable = Object.values(schema.getTypeMap())
      .filter((t) => isObjectType(t) || isInterfaceType(t))
      .flatMap((t) => Object.keys((t as GraphQLObjectType).getFields()).map((f) => `${t.name}.${f}`));
    expect(readable.filter((f) => /password/i.test(f))).toEqual(["AccountIdentification.hasPassword"]);
  });
});
