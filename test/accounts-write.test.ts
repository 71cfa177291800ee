import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, auditEvents } from "../src/db/schema.js";
import {
  AccountCreateDocument,
  AccountDeleteDocument,
  AccountUpdateDocument,
  AccountWrittenByIdDocument,
  AuditOfDocument,
  type AccountCreateInput,
} from "./gql/graphql.js";
import { insertWorld, resolveIds, type World } from "./support/fixtures.js";
import { dataOf, startTestGateway, type TestGateway } from "./support/gateway.js";

let gw: TestGateway;
let w: World;

beforeAll(async () => {
  gw = await startTestGateway();
  w = await insertWorld(gw.database.db);
});
afterAll(() => gw?.stop());

let seq = 0;
/** An IP account whose addresses no other test account holds (identities must not overlap). */
const ipAccount = (overrides: Partial<AccountCreateInput> = {}): AccountCreateInput => ({
  clientId: w.clientA,
  name: `acc-${++seq}`,
  identification: { authType: "IP", ips: [`10.1.${seq}.10`, `10.2.${seq}.0/24`] },
  ...overrides,
});

const create = async (input: AccountCreateInput) => dataOf(await gw.request(AccountCreateDocument, { input })).accountCreate;
const update = async (id: string, input: Parameters<typeof gw.request<unknown, { id: string; input: object }>>[1]["input"]) =>
  dataOf(await gw.request(AccountUpdateDocument, { id, input })).accountUpdate;

/** Row counts that a refused mutation must leave exactly as they were. */
async function snapshot() {
  const db = gw.database.db;
  return { accounts: await db.$count(accounts), audit: await db.$count(auditEvents) };
}

describe(`accountCreate (${process.env.DATABASE_URL ? "Postgres" : "PGlite"})`, () => {
  it("creates an account with every field and reads it back, password write-only", async () => {
    const result = await create({
      clientId: w.clientA,
      name: "  sip-trunk-1 ",
      notes: "primary trunk",
      externalId: "ext-1",
      timezone: "Europe/Kyiv",
      identification: {
        authType: "NAME",
        authName: "trunk1",
        password: "s3cret",
        techPrefix: "777#",
        equipmentIds: [w.equipment1, w.equipment2],
      },
      origination: { enabled: true, capacity: 30, tags: ["retail"], rateTableIds: [w.rateTableA2, w.rateTableA1], routingPlanId: w.routingPlan },
      termination: { enabled: true, capacity: 0, tags: ["vendor"], rateTableIds: [w.rateTableA1], protocol: "SIP", port: "5060", proxyMode: 7 },
      minBalance: "-100.5",
      maxBalance: "999999999.999999",
      vat: "20.5",
      balanceLowThreshold: "10",
      balanceHighThreshold: "5000",
      totalCapacity: 2147483647,
      destinationRateLimit: "0.5",
      maxCallDuration: 7200,
      invoicePeriod: "MONTHLY",
      invoiceTemplateId: w.invoiceTemplate,
      sendInvoicesTo: [w.contactA1],
      sendBalanceNotificationsTo: [w.contactA1, w.contactA2],
    });
    expect(result.userErrors).toEqual([]);
    const account = result.account!;
    expect(account).toMatchObject({
      name: "sip-trunk-1",
      notes: "primary trunk",
      externalId: "ext-1",
      timezone: "Europe/Kyiv",
      minBalance: "-100.5",
      maxBalance: "999999999.999999",
      vat: "20.5",
      totalCapacity: 2147483647,
      invoicePeriod: "MONTHLY",
      identification: { authType: "NAME", authName: "trunk1", hasPassword: true, techPrefix: "777#", ips: [] },
      origination: { enabled: true, capacity: 30, tags: ["retail"], routingPlan: { id: w.routingPlan } },
      termination: { enabled: true, capacity: 0, protocol: "SIP", port: "5060", proxyMode: 7 },
    });
    expect(account.origination.rateTables.map((t) => t.id)).toEqual([w.rateTableA2, w.rateTableA1]);
    expect(account.identification.equipment.map((e) => e.id).sort()).toEqual([w.equipment1, w.equipment2].sort());
    expect(account.sendBalanceNotificationsTo.map((c) => c.id).sort()).toEqual([w.contactA1, w.contactA2].sort());
    expect(dataOf(await gw.request(AccountWrittenByIdDocument, { id: account.id })).account).toEqual(account);
    expect(JSON.stringify(account)).not.toContain("s3cret");
  });

  it("applies the documented defaults", async () => {
    const input = ipAccount();
    const { account } = await create(input);
    expect(account).toMatchObject({
      timezone: "UTC",
      minBalance: "0",
      maxBalance: "0",
      vat: "0",
      totalCapacity: null,
      identification: { hasPassword: false, ips: input.identification.ips },
      origination: { enabled: false, tags: [], rateTables: [] },
      termination: { enabled: false, proxyMode: 1 },
    });
  });

  it.each([
    ["ANI identification without ani", { identification: { authType: "ANI" } }, ["input", "identification", "ani"], "REQUIRED"],
    ["NAME identification without authName", { identification: { authType: "NAME" } }, ["input", "identification", "authName"], "REQUIRED"],
    ["IP identification without addresses", { identification: { authType: "IP", ips: [] } }, ["input", "identification", "ips"], "REQUIRED"],
    ["no identification method", { identification: { ips: ["192.0.2.1"] } }, ["input", "identification", "authType"], "REQUIRED"],
    ["a malformed IP", { identification: { authType: "IP", ips: ["192.0.2.1", "300.1.1.1"] } }, ["input", "identification", "ips", "1"], "INVALID"],
    ["an IPv4 prefix over 32", { identification: { authType: "IP", ips: ["10.0.0.0/33"] } }, ["input", "identification", "ips", "0"], "INVALID"],
    ["an empty name", { name: " " }, ["input", "name"], "REQUIRED"],
    ["a name over 64 characters", { name: "n".repeat(65) }, ["input", "name"], "TOO_LONG"],
    ["an ani over 64 characters", { identification: { authType: "ANI", ani: "1".repeat(65) } }, ["input", "identification", "ani"], "TOO_LONG"],
    ["an auth name over 128 characters", { identification: { authType: "NAME", authName: "u".repeat(129) } }, ["input", "identification", "authName"], "TOO_LONG"],
    ["a password over 256 characters", { identification: { authType: "NAME", authName: "u", password: "p".repeat(257) } }, ["input", "identification", "password"], "TOO_LONG"],
    ["a negative capacity", { origination: { capacity: -1 } }, ["input", "origination", "capacity"], "OUT_OF_RANGE"],
    ["proxy mode 8", { termination: { proxyMode: 8 } }, ["input", "termination", "proxyMode"], "OUT_OF_RANGE"],
    ["VAT above 100", { vat: "100.01" }, ["input", "vat"], "OUT_OF_RANGE"],
    ["money beyond 999999999.999999", { minBalance: "-1000000000" }, ["input", "minBalance"], "OUT_OF_RANGE"],
    ["a non-numeric balance", { maxBalance: "ten" }, ["input", "maxBalance"], "INVALID"],
    ["maxBalance below minBalance", { minBalance: "10", maxBalance: "9.999999" }, ["input", "maxBalance"], "INVALID"],
    ["low threshold not below high", { balanceLowThreshold: "5", balanceHighThreshold: "5" }, ["input", "balanceLowThreshold"], "INVALID"],
    ["a negative destination rate limit", { destinationRateLimit: "-0.01" }, ["input", "destinationRateLimit"], "OUT_OF_RANGE"],
    ["a zero max call duration", { maxCallDuration: 0 }, ["input", "maxCallDuration"], "OUT_OF_RANGE"],
    ["an unknown timezone", { timezone: "Mars/Olympus_Mons" }, ["input", "timezone"], "INVALID"],
    ["an unknown client", { clientId: "999999" }, ["input", "clientId"], "NOT_FOUND"],
    ["a rate table of another partition", { origination: { rateTableIds: [() => w.rateTableB] } }, ["input", "origination", "rateTableIds", "0"], "NOT_FOUND"],
    ["an unknown rate table", { termination: { rateTableIds: ["999999"] } }, ["input", "termination", "rateTableIds", "0"], "NOT_FOUND"],
    ["an unknown routing plan", { origination: { routingPlanId: "999999" } }, ["input", "origination", "routingPlanId"], "NOT_FOUND"],
    ["unknown equipment", { identification: { authType: "IP", ips: ["192.0.2.1"], equipmentIds: ["999999"] } }, ["input", "identification", "equipmentIds", "0"], "NOT_FOUND"],
    ["a contact of another client", { sendInvoicesTo: [() => w.contactOfOtherClient] }, ["input", "sendInvoicesTo", "0"], "NOT_FOUND"],
    ["an unknown invoice template", { invoiceTemplateId: "abc" }, ["input", "invoiceTemplateId"], "NOT_FOUND"],
  ])("refuses %s with a userError and writes nothing", async (_case, overrides, field, code) => {
    const resolved = resolveIds(overrides) as Partial<AccountCreateInput>;
    const before = await snapshot();
    const result = await create({ ...ipAccount(), ...resolved });
    expect(result.account).toBeNull();
    expect(result.userErrors).toEqual([expect.objectContaining({ field, code })]);
    expect(await snapshot()).toEqual(before);
  });

  it("reports every problem at once", async () => {
    const result = await create({
      clientId: w.clientA,
      name: "",
      identification: { authType: "NAME" },
      origination: { capacity: -5, rateTableIds: [w.rateTableB] },
      vat: "200",
      timezone: "Nowhere",
    });
    expect(result.userErrors.map((e) => e.field?.join(".")).sort()).toEqual([
      "input.identification.authName",
      "input.name",
      "input.origination.capacity",
      "input.origination.rateTableIds.0",
      "input.timezone",
      "input.vat",
    ]);
  });

  it("gives one success and one TAKEN to two simultaneous creates of the same name", async () => {
    const results = await Promise.all([create(ipAccount({ name: "race" })), create(ipAccount({ name: "race" }))]);
    expect(results.filter((r) => r.account !== null)).toHaveLength(1);
    expect(results.flatMap((r) => r.userErrors)).toEqual([expect.objectContaining({ field: ["input", "name"], code: "TAKEN" })]);
  });

  it("refuses a duplicate external id with TAKEN", async () => {
    await create(ipAccount({ externalId: "dup-ext" }));
    const second = await create(ipAccount({ externalId: "dup-ext" }));
    expect(second.userErrors).toEqual([expect.objectContaining({ field: ["input", "externalId"], code: "TAKEN" })]);
  });
});

describe("accountUpdate", () => {
  let id: string;
  beforeAll(async () => {
    const { account } = await create(
      ipAccount({
        notes: "keep me",
        timezone: "Europe/Berlin",
        totalCapacity: 10,
        minBalance: "-50",
        maxBalance: "100",
        identification: { authType: "IP", ips: ["192.0.2.20"], techPrefix: "99#" },
        origination: { enabled: true, rateTableIds: [w.rateTableA1] },
      }),
    );
    id = account!.id;
  });

  const read = async () => dataOf(await gw.request(AccountWrittenByIdDocument, { id })).account!;

  it("changes only the given fields, nested ones included", async () => {
    const before = await read();
    const result = await update(id, { vat: "7.5", origination: { capacity: 12 } });
    expect(result.userErrors).toEqual([]);
    expect(result.account).toEqual({ ...before, vat: "7.5", origination: { ...before.origination, capacity: 12 } });
  });

  it("clears nullable fields given an explicit null, and replaces lists", async () => {
    const result = await update(id, {
      notes: null,
      totalCapacity: null,
      identification: { techPrefix: null },
      origination: { rateTableIds: [w.rateTableA2] },
    });
    expect(result.account).toMatchObject({
      notes: null,
      totalCapacity: null,
      identification: { techPrefix: null, ips: ["192.0.2.20"] },
      origination: { enabled: true, rateTables: [{ id: w.rateTableA2 }] },
    });
    const cleared = await update(id, { origination: { rateTableIds: null } });
    expect(cleared.account?.origination.rateTables).toEqual([]);
  });

  it("checks cross-field rules against the merged account", async () => {
    const before = await read();
    const toName = await update(id, { identification: { authType: "NAME" } });
    expect(toName.userErrors).toEqual([expect.objectContaining({ field: ["input", "identification", "authName"], code: "REQUIRED" })]);
    const aboveMax = await update(id, { minBalance: "100.000001" });
    expect(aboveMax.userErrors).toEqual([expect.objectContaining({ field: ["input", "maxBalance"], code: "INVALID" })]);
    const ok = await update(id, { identification: { authType: "NAME", authName: "now-by-name" } });
    expect(ok.account?.identification).toMatchObject({ authType: "NAME", authName: "now-by-name", ips: ["192.0.2.20"] });
    expect((await update(id, { identification: { authType: "IP" } })).userErrors).toEqual([]);
    expect((await read()).minBalance).toBe(before.minBalance);
  });

  it("refuses null for a required field and unknown ids, changing nothing", async () => {
    const before = await read();
    const snap = await snapshot();
    const nulled = await update(id, { name: null, timezone: null, vat: "1" });
    expect(nulled.account).toBeNull();
    expect(nulled.userErrors.map((e) => [e.field?.join("."), e.code]).sort()).toEqual([
      ["input.name", "REQUIRED"],
      ["input.timezone", "REQUIRED"],
    ]);
    const missing = await update("987654", { name: "ghost" });
    expect(missing.userErrors).toEqual([expect.objectContaining({ field: ["id"], code: "NOT_FOUND" })]);
    const foreign = await update(id, { termination: { rateTableIds: [w.rateTableB] } });
    expect(foreign.userErrors).toEqual([expect.objectContaining({ field: ["input", "termination", "rateTableIds", "0"], code: "NOT_FOUND" })]);
    expect(await read()).toEqual(before);
    expect(await snapshot()).toEqual(snap);
  });

  it("records create and update in the audit log with before and after, without the password", async () => {
    const { account } = await create(ipAccount({ identification: { authType: "NAME", authName: "audited", password: "hunter2" } }));
    await update(account!.id, { notes: "audited change" });
    const events = dataOf(await gw.request(AuditOfDocument, { objectType: "Account", objectId: account!.id })).auditEvents;
    expect(events.totalCount).toBe(2);
    const [updated, created] = events.nodes;
    expect(created).toMatchObject({ action: "CREATE", objectId: Number(account!.id), before: null, actor: expect.stringMatching(/^\d+$/) });
    expect(created?.after).toMatchObject({ name: account!.name, hasPassword: true });
    expect(updated).toMatchObject({ action: "UPDATE", before: { notes: null }, after: { notes: "audited change" } });
    expect(JSON.stringify(events)).not.toContain("hunter2");
  });
});

describe("accountDelete", () => {
  it("deletes an account with a zero balance and refuses one holding money", async () => {
    const { account } = await create(ipAccount());
    await gw.database.db.update(accounts).set({ balance: "12.5" }).where(eq(accounts.id, Number(account!.id)));
    const refused = dataOf(await gw.request(AccountDeleteDocument, { id: account!.id })).accountDelete;
    expect(refused).toMatchObject({ deletedId: null, userErrors: [expect.objectContaining({ field: ["id"], code: "CONFLICT" })] });
    await gw.database.db.update(accounts).set({ balance: "0" }).where(eq(accounts.id, Number(account!.id)));
    const deleted = dataOf(await gw.request(AccountDeleteDocument, { id: account!.id })).accountDelete;
    expect(deleted).toEqual({ deletedId: account!.id, userErrors: [] });
    expect(dataOf(await gw.request(AccountWrittenByIdDocument, { id: account!.id })).account).toBeNull();
    const missing = dataOf(await gw.request(AccountDeleteDocument, { id: account!.id })).accountDelete;
    expect(missing.userErrors).toEqual([expect.objectContaining({ code: "NOT_FOUND" })]);
  });
});
