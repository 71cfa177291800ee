import { readFileSync } from "node:fs";
import { buildSchema, type ExecutionResult } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { accountRateTables, auditEvents, clients, lowBalanceProfiles } from "../src/db/schema.js";
import { createApiKey } from "../src/modules/api-key/api-key.service.js";
import {
  AccountCreateDocument,
  ClientTemplateCreateDocument,
  NestedOfDocument,
  PaymentCreateDocument,
  QuoteForDocument,
  RateCreateDocument,
  SpecialRateCreateDocument,
  VisibleIdsDocument,
} from "./gql/graphql.js";
import { insertWorld, type World } from "./support/fixtures.js";
import { dataOf, startTestGateway, type Requester, type TestGateway } from "./support/gateway.js";

let gw: TestGateway;
let w: World;
/** An ADMIN key confined to partition A: the strongest key that must still see nothing of B. */
let keyA: Requester;
/** Ids of partition B's objects, by GraphQL type. */
const b: Record<string, string> = {};

async function created<T>(promise: Promise<ExecutionResult<T>>): Promise<T> {
  return dataOf(await promise);
}

beforeAll(async () => {
  gw = await startTestGateway();
  w = await insertWorld(gw.database.db);
  const [profileB] = await gw.database.db.insert(lowBalanceProfiles).values({ partitionId: Number(w.partitionB), name: "Low B" }).returning();
  const account = await created(
    gw.request(AccountCreateDocument, { input: { clientId: w.clientB, name: "b-account", identification: { authType: "IP", ips: ["192.0.2.9"] }, origination: { enabled: true, rateTableIds: [w.rateTableB] } } }),
  );
  const template = await created(gw.request(ClientTemplateCreateDocument, { input: { name: "B template", partitionId: w.partitionB, origination: { creditLimit: "1" } } }));
  const rate = await created(gw.request(RateCreateDocument, { input: { rateTableId: w.rateTableB, code: "4915", effectiveFrom: "2026-01-01T00:00:00Z", value: "0.1" } }));
  const special = await created(
    gw.request(SpecialRateCreateDocument, { input: { rateTableId: w.rateTableB, codeName: "Germany Berlin", effectiveFrom: "2026-01-01T00:00:00Z", value: "0.2", timeProfileId: w.allTime, notify: true } }),
  );
  // client B uses table B through its account, so the special rate notified it.
  const notices = await created(gw.request(VisibleIdsDocument));
  Object.assign(b, {
    Partition: w.partitionB,
    Client: w.clientB,
    RateTable: w.rateTableB,
    Account: account.accountCreate.account!.id,
    ClientTemplate: template.clientTemplateCreate.clientTemplate!.id,
    Rate: rate.rateCreate.rates[0]!.id,
    SpecialRate: special.specialRateCreate.specialRate!.id,
    LowBalanceProfile: String(profileB!.id),
    RateNotification: notices.rateNotifications.nodes[0]!.id,
  });
  const payment = await created(gw.request(PaymentCreateDocument, { input: { accountId: b.Account!, amount: "7", idempotencyKey: "b-key" } }));
  b.BalanceTransaction = payment.paymentCreate.balanceTransaction!.id;
  const contact = await gw.post({ query: `mutation { contactCreate(input: { clientId: ${w.clientB}, name: "B", email: "b@b.example" }) { contact { id } } }` });
  b.Contact = ((await contact.json()) as { data: { contactCreate: { contact: { id: string } } } }).data.contactCreate.contact.id;
  // One audited change in A too, so A's audit log is not trivially empty.
  await created(gw.request(AccountCreateDocument, { input: { clientId: w.clientA, name: "a-account", identification: { authType: "IP", ips: ["192.0.2.8"] } } }));
  const { key } = await createApiKey(gw.database.db, { name: "confined to A", role: "admin", partitionId: Number(w.partitionA) });
  keyA = gw.withKey(key);
});
afterAll(() => gw?.stop());

/** Runs a raw operation with the confined key; returns data and errors. */
async function asA(query: string, variables: Record<string, unknown> = {}) {
  const response = await keyA.post({ query, variables });
  return (await response.json()) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

/** Every row of partition B, to prove nothing the confined key tried changed it. */
async function partitionBState() {
  const rows = await gw.database.db.execute(
    // One fingerprint over every partition-owned table (updated_at moves on any change).
    (await import("drizzle-orm")).sql`select
      (select json_agg(c order by c.id) from clients c where partition_id = ${Number(w.partitionB)}) as clients,
      (select json_agg(a order by a.id) from accounts a join clients c on c.id = a.client_id where c.partition_id = ${Number(w.partitionB)}) as accounts,
      (select json_agg(t order by t.id) from rate_tables t where partition_id = ${Number(w.partitionB)}) as tables,
      (select json_agg(r order by r.id) from rates r join rate_tables t on t.id = r.rate_table_id where t.partition_id = ${Number(w.partitionB)}) as rates,
      (select json_agg(s order by s.id) from special_rates s join rate_tables t on t.id = s.rate_table_id where t.partition_id = ${Number(w.partitionB)}) as special,
      (select json_agg(ct order by ct.id) from client_templates ct where partition_id = ${Number(w.partitionB)}) as templates,
      (select json_agg(x order by x.id) from contacts x join clients c on c.id = x.client_id where c.partition_id = ${Number(w.partitionB)}) as contacts,
      (select json_agg(n order by n.id) from rate_notifications n join clients c on c.id = n.client_id where c.partition_id = ${Number(w.partitionB)}) as notifications,
      (select json_agg(bt order by bt.id) from balance_transactions bt join clients c on c.id = bt.client_id where c.partition_id = ${Number(w.partitionB)}) as balance_transactions,
      (select json_agg(k order by k.key) from idempotency_keys k where partition_id = ${Number(w.partitionB)}) as idempotency_keys`,
  );
  return JSON.stringify(rows);
}

/** Queries by id: each must answer null for partition B's object. */
const BY_ID: Record<string, string> = {
  partition: "Partition",
  client: "Client",
  clientTemplate: "ClientTemplate",
  contact: "Contact",
  account: "Account",
  rateTable: "RateTable",
  rate: "Rate",
  specialRate: "SpecialRate",
  lowBalanceProfile: "LowBalanceProfile",
  balanceTransaction: "BalanceTransaction",
  rateNotification: "RateNotification",
};

/** Shared reference data, visible to every key: by-id and list queries checked for availability instead. */
const SHARED = ["currency", "currencies", "codeDeck", "codeDecks", "code", "codes", "timeProfile", "timeProfiles", "routingPlan", "routingPlans", "paymentTerm", "paymentTerms", "invoiceTemplate", "invoiceTemplates", "equipment", "equipmentList"];

/** Lists checked through VisibleIds; rating through QuoteFor. */
const LISTS = ["partitions", "clients", "clientTemplates", "contacts", "accounts", "rateTables", "rates", "specialRates", "lowBalanceProfiles", "auditEvents", "balanceTransactions", "rateNotifications"];
const RATING = ["rateQuote", "rateQuotes"];

/** Mutations on partition B's objects: each must be NOT_FOUND on the path given. */
const MUTATIONS: Record<string, { op: string; field: string[] }> = {
  clientUpdate: { op: `clientUpdate(id: $id, input: { name: "hijacked" })`, field: ["id"] },
  clientDelete: { op: `clientDelete(id: $id)`, field: ["id"] },
  clientTemplateUpdate: { op: `clientTemplateUpdate(id: $id, input: { name: "hijacked" })`, field: ["id"] },
  clientTemplateDelete: { op: `clientTemplateDelete(id: $id)`, field: ["id"] },
  contactUpdate: { op: `contactUpdate(id: $id, input: { name: "hijacked" })`, field: ["id"] },
  contactDelete: { op: `contactDelete(id: $id)`, field: ["id"] },
  accountUpdate: { op: `accountUpdate(id: $id, input: { name: "hijacked" })`, field: ["id"] },
  accountDelete: { op: `accountDelete(id: $id)`, field: ["id"] },
  rateTableUpdate: { op: `rateTableUpdate(id: $id, input: { name: "hijacked" })`, field: ["id"] },
  rateTableDelete: { op: `rateTableDelete(id: $id)`, field: ["id"] },
  rateUpdate: { op: `rateUpdate(id: $id, input: { value: "9" })`, field: ["id"] },
  rateDelete: { op: `rateDelete(id: $id)`, field: ["id"] },
  specialRateUpdate: { op: `specialRateUpdate(id: $id, input: { value: "9", notify: true })`, field: ["id"] },
  specialRateDelete: { op: `specialRateDelete(id: $id)`, field: ["id"] },
  paymentCreate: { op: `paymentCreate(input: { accountId: $id, amount: "1" })`, field: ["input", "accountId"] },
  balanceCorrectionCreate: { op: `balanceCorrectionCreate(input: { accountId: $id, amount: "-1", reason: "intrusion" })`, field: ["input", "accountId"] },
  clientCreate: { op: `clientCreate(input: { partitionId: $id, currencyId: 1, name: "intruder" })`, field: ["input", "partitionId"] },
  clientTemplateCreate: { op: `clientTemplateCreate(input: { partitionId: $id, name: "intruder", origination: { creditLimit: "0" } })`, field: ["input", "partitionId"] },
  contactCreate: { op: `contactCreate(input: { clientId: $id, name: "intruder", email: "i@i.example" })`, field: ["input", "clientId"] },
  accountCreate: { op: `accountCreate(input: { clientId: $id, name: "intruder", identification: { authType: IP, ips: ["192.0.2.1"] } })`, field: ["input", "clientId"] },
  rateTableCreate: { op: `rateTableCreate(input: { partitionId: $id, currencyId: 1, name: "intruder" })`, field: ["input", "partitionId"] },
  rateCreate: { op: `rateCreate(input: { rateTableId: $id, code: "1", effectiveFrom: "2026-01-01T00:00:00Z", value: "1" })`, field: ["input", "rateTableId"] },
  specialRateCreate: {
    op: `specialRateCreate(input: { rateTableId: $id, codeName: "Germany", effectiveFrom: "2027-01-01T00:00:00Z", value: "1", timeProfileId: 1, notify: true })`,
    field: ["input", "rateTableId"],
  },
};
const TARGET: Record<string, string> = {
  client: "Client",
  clientTemplate: "ClientTemplate",
  contact: "Contact",
  account: "Account",
  rateTable: "RateTable",
  rate: "Rate",
  specialRate: "SpecialRate",
};
const targetOf = (mutation: string) =>
  ({
    clientCreate: "Partition",
    clientTemplateCreate: "Partition",
    rateTableCreate: "Partition",
    contactCreate: "Client",
    accountCreate: "Client",
    rateCreate: "RateTable",
    specialRateCreate: "RateTable",
    paymentCreate: "Account",
    balanceCorrectionCreate: "Account",
  })[mutation] ??
  TARGET[mutation.replace(/(Update|Delete)$/, "")]!;

/** Mutations of data shared by all partitions: a confined key may not run them at all. */
const GLOBAL: Record<string, string> = {
  partitionCreate: `partitionCreate(input: { name: "intruder" }) { partition { id } }`,
  codeDeckCreate: `codeDeckCreate(input: { name: "intruder" }) { codeDeck { id } }`,
  codeDeckUpdate: `codeDeckUpdate(id: 1, input: { name: "intruder" }) { codeDeck { id } }`,
  codeDeckDelete: `codeDeckDelete(id: 1) { deletedId }`,
  codesImport: `codesImport(input: { codeDeckId: 1, codes: [] }) { inserted }`,
  timeProfileCreate: `timeProfileCreate(input: { name: "intruder" }) { timeProfile { id } }`,
  timeProfileUpdate: `timeProfileUpdate(id: 1, input: { name: "intruder" }) { timeProfile { id } }`,
  timeProfileDelete: `timeProfileDelete(id: 1) { deletedId }`,
  routingPlanCreate: `routingPlanCreate(input: { name: "intruder" }) { routingPlan { id } }`,
  routingPlanUpdate: `routingPlanUpdate(id: 1, input: { name: "intruder" }) { routingPlan { id } }`,
  routingPlanDelete: `routingPlanDelete(id: 1) { deletedId }`,
};

/** API key management: a confined key may not list, create or revoke keys at all, not even for its own partition. */
const API_KEYS: Record<string, string> = {
  apiKeys: `query { apiKeys { nodes { id } } }`,
  apiKeyCreate: `mutation { apiKeyCreate(input: { name: "intruder", role: ADMIN }) { secret } }`,
  apiKeyRevoke: `mutation { apiKeyRevoke(id: 1) { apiKey { id } } }`,
};

describe(`a key confined to partition A, against partition B (${process.env.DATABASE_URL ? "Postgres" : "PGlite"})`, () => {
  it("has a case for every query and mutation of the schema", () => {
    const schema = buildSchema(readFileSync("schema.graphql", "utf8"));
    const queries = Object.keys(schema.getQueryType()!.getFields());
    const mutations = Object.keys(schema.getMutationType()!.getFields());
    const covered = new Set([...Object.keys(BY_ID), ...SHARED, ...LISTS, ...RATING, "auditEvents", ...Object.keys(MUTATIONS), ...Object.keys(GLOBAL), ...Object.keys(API_KEYS)]);
    expect([...queries, ...mutations].filter((f) => !covered.has(f))).toEqual([]);
  });

  it("gets null for every object of B by id", async () => {
    for (const [field, type] of Object.entries(BY_ID)) {
      const result = await asA(`query($id: ID!) { ${field}(id: $id) { id } }`, { id: b[type] });
      expect({ field, value: result.data?.[field] }).toEqual({ field, value: null });
      const seen = await gw.post({ query: `query($id: ID!) { ${field}(id: $id) { id } }`, variables: { id: b[type] } });
      expect(((await seen.json()) as { data: Record<string, unknown> }).data[field], `admin sees ${field}`).not.toBeNull();
    }
  });

  it("finds nothing of B in any list, total counts included", async () => {
    const data = dataOf(await keyA.request(VisibleIdsDocument));
    expect(data.partitions.nodes).toEqual([{ id: w.partitionA }]);
    const typeOf: Record<string, string> = {
      clients: "Client",
      clientTemplates: "ClientTemplate",
      contacts: "Contact",
      accounts: "Account",
      rateTables: "RateTable",
      rates: "Rate",
      specialRates: "SpecialRate",
      lowBalanceProfiles: "LowBalanceProfile",
      balanceTransactions: "BalanceTransaction",
      rateNotifications: "RateNotification",
    };
    const leaks = [
      ...Object.entries(typeOf).flatMap(([list, type]) =>
        (data[list as keyof typeof data] as { nodes: { id: string }[] }).nodes.filter((n) => n.id === b[type]).map((n) => `${list}:${n.id}`),
      ),
      ...data.auditEvents.nodes.filter((e) => b[e.objectType] === String(e.objectId)).map((e) => `audit:${e.objectType}:${e.objectId}`),
    ];
    expect(leaks).toEqual([]);
    for (const [list, page] of Object.entries(data)) {
      if ("nodes" in page && LISTS.includes(list)) expect({ list, total: page.totalCount }).toEqual({ list, total: page.nodes.length });
    }
    expect(data.clients.totalCount).toBe(2);
    expect(data.auditEvents.nodes.length).toBeGreaterThan(0);
    const inB = await gw.database.db.$count(auditEvents);
    expect(data.auditEvents.totalCount).toBeLessThan(inB);
    expect(data.currencies.totalCount).toBe(30);
    expect(data.timeProfiles.totalCount).toBe(4);
  });

  it("cannot reach B through nested fields or rating", async () => {
    const nested = dataOf(await keyA.request(NestedOfDocument, { partition: b.Partition!, client: b.Client!, table: b.RateTable! }));
    expect(nested).toEqual({ partition: null, client: null, rateTable: null });
    expect(dataOf(await keyA.request(QuoteForDocument, { accountId: b.Account })).rateQuote.reason).toBe("ACCOUNT_NOT_FOUND");
    expect(dataOf(await keyA.request(QuoteForDocument, { rateTableId: b.RateTable })).rateQuote.reason).toBe("RATE_TABLE_NOT_FOUND");
    expect(dataOf(await gw.request(QuoteForDocument, { rateTableId: b.RateTable })).rateQuote.cost).toBe("0.1");
  });

  it("cannot see B's balance history by filter, nor replay B's idempotency keys", async () => {
    const filtered = await asA(`query($id: ID!) { balanceTransactions(filter: { accountId: $id }) { totalCount nodes { id } } }`, { id: b.Account });
    expect(filtered.data?.balanceTransactions).toEqual({ totalCount: 0, nodes: [] });
    const aAccount = (await asA(`{ accounts(filter: { nameContains: "a-account" }) { nodes { id } } }`)).data?.accounts as { nodes: { id: string }[] };
    const reused = await asA(`mutation($id: ID!) { paymentCreate(input: { accountId: $id, amount: "7", idempotencyKey: "b-key" }) { balanceTransaction { id } userErrors { code } } }`, {
      id: aAccount.nodes[0]!.id,
    });
    const payload = reused.data?.paymentCreate as { balanceTransaction: { id: string } | null; userErrors: unknown[] };
    expect(payload.userErrors).toEqual([]);
    expect(payload.balanceTransaction?.id).not.toBe(b.BalanceTransaction);
  });

  it("gets NOT_FOUND for every mutation naming an object of B, and B stays exactly as it was", async () => {
    const before = await partitionBState();
    for (const [name, { op, field }] of Object.entries(MUTATIONS)) {
      const result = await asA(`mutation($id: ID!) { ${op} { userErrors { field code } } }`, { id: b[targetOf(name)] });
      expect({ name, errors: result.errors, userErrors: (result.data?.[name] as { userErrors: unknown[] }).userErrors }).toEqual({
        name,
        errors: undefined,
        userErrors: [{ field, code: "NOT_FOUND" }],
      });
    }
    expect(await partitionBState()).toBe(before);
  });

  it("cannot attach B's rate tables to objects of A", async () => {
    const account = await asA(
      `mutation($t: ID!) { accountCreate(input: { clientId: ${w.clientA}, name: "mix", identification: { authType: IP, ips: ["192.0.2.3"] }, origination: { rateTableIds: [$t] } }) { userErrors { field code } } }`,
      { t: b.RateTable },
    );
    expect((account.data?.accountCreate as { userErrors: unknown[] }).userErrors).toEqual([{ field: ["input", "origination", "rateTableIds", "0"], code: "NOT_FOUND" }]);
  });

  it("cannot make a client of A from B's template, nor give it B's low balance profile", async () => {
    const before = await partitionBState();
    const made = await asA(
      `mutation($t: ID!) { clientCreate(input: { partitionId: ${w.partitionA}, currencyId: 1, name: "from B", templateId: $t }) { client { id } userErrors { field code } } }`,
      { t: b.ClientTemplate },
    );
    expect(made.data?.clientCreate).toEqual({ client: null, userErrors: [{ field: ["input", "templateId"], code: "NOT_FOUND" }] });
    const profiled = await asA(`mutation($p: ID!) { clientUpdate(id: ${w.clientA}, input: { lowBalanceProfileId: $p }) { userErrors { field code } } }`, {
      p: b.LowBalanceProfile,
    });
    expect((profiled.data?.clientUpdate as { userErrors: unknown[] }).userErrors).toEqual([{ field: ["input", "lowBalanceProfileId"], code: "NOT_FOUND" }]);
    expect(await partitionBState()).toBe(before);
  });

  it("sees null for B's template and low balance profile under a client of A that names them", async () => {
    // Written directly: the API refuses such a client, so only the read path is under test.
    const [mixed] = await gw.database.db
      .insert(clients)
      .values({ partitionId: Number(w.partitionA), currencyId: 1, name: "mixed", clientTemplateId: Number(b.ClientTemplate), lowBalanceProfileId: Number(b.LowBalanceProfile) })
      .returning();
    try {
      const query = `query($id: ID!) { client(id: $id) { template { id } lowBalanceProfile { id } } }`;
      const asAdmin = async () => ((await (await gw.post({ query, variables: { id: mixed!.id } })).json()) as { data: { client: unknown } }).data.client;
      // Both orders: the statement that embeds the references is built once per shape and partition scope.
      expect(await asAdmin()).toEqual({ template: { id: b.ClientTemplate }, lowBalanceProfile: { id: b.LowBalanceProfile } });
      expect((await asA(query, { id: mixed!.id })).data?.client).toEqual({ template: null, lowBalanceProfile: null });
      expect(await asAdmin()).toEqual({ template: { id: b.ClientTemplate }, lowBalanceProfile: { id: b.LowBalanceProfile } });
    } finally {
      await gw.database.db.delete(clients).where(eq(clients.id, mixed!.id));
    }
  });

  it("sees only A's rate tables in a list embedded under an account of A that also names one of B, whichever key asked first", async () => {
    const made = await asA(
      `mutation($t: ID!) { accountCreate(input: { clientId: ${w.clientA}, name: "linked-to-b", identification: { authType: IP, ips: ["192.0.2.44"] }, origination: { rateTableIds: [$t] } }) { account { id } } }`,
      { t: w.rateTableA1 },
    );
    const id = Number((made.data?.accountCreate as { account: { id: string } }).account.id);
    // Written directly: the API refuses such a link, so only the read path is under test.
    await gw.database.db.insert(accountRateTables).values({ accountId: id, direction: "origination", rateTableId: Number(b.RateTable), position: 1 });
    const query = `query($id: ID!) { account(id: $id) { origination { rateTables { id } } } }`;
    const tables = async (asker: typeof asA) =>
      ((await asker(query, { id })).data?.account as { origination: { rateTables: { id: string }[] } }).origination.rateTables.map((t) => t.id);
    const asAdmin: typeof asA = async (q, v) => (await (await gw.post({ query: q, variables: v })).json()) as Awaited<ReturnType<typeof asA>>;
    // The statement that embeds the list is built once per shape and partition scope: both orders.
    expect(await tables(asA)).toEqual([w.rateTableA1]);
    expect(await tables(asAdmin)).toEqual([w.rateTableA1, b.RateTable]);
    expect(await tables(asA)).toEqual([w.rateTableA1]);
  });

  it("may not change data shared by all partitions (FORBIDDEN), though an unconfined ADMIN may", async () => {
    for (const [name, op] of Object.entries(GLOBAL)) {
      const result = await asA(`mutation { ${op} }`);
      expect({ name, code: result.errors?.[0]?.extensions?.code }).toEqual({ name, code: "FORBIDDEN" });
    }
    const admin = await gw.post({ query: `mutation { routingPlanCreate(input: { name: "by admin" }) { routingPlan { id } } }` });
    expect(((await admin.json()) as { errors?: unknown }).errors).toBeUndefined();
  });

  it("may not list, create or revoke API keys (FORBIDDEN), and nothing was written", async () => {
    for (const [name, operation] of Object.entries(API_KEYS)) {
      const result = await asA(operation);
      expect({ name, code: result.errors?.[0]?.extensions?.code, data: result.data }).toEqual({ name, code: "FORBIDDEN", data: null });
    }
    const listed = (await (await gw.post({ query: `{ apiKeys(first: 100) { nodes { name revokedAt } } }` })).json()) as {
      data: { apiKeys: { nodes: { name: string; revokedAt: string | null }[] } };
    };
    expect(listed.data.apiKeys.nodes.map((k) => k.name)).not.toContain("intruder");
    expect(listed.data.apiKeys.nodes.every((k) => k.revokedAt === null)).toBe(true);
  });
});
