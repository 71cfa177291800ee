import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clients, currencies } from "../src/db/schema.js";
import {
  AccountCreateDocument,
  ClientByIdDocument,
  ClientCreateDocument,
  ClientTemplateCreateDocument,
  ClientTemplateDeleteDocument,
  ClientTemplateUpdateDocument,
  ClientUpdateDocument,
  RateCreateDocument,
  RateQuoteDocument,
  type ClientCreateInput,
  type ClientUpdateInput,
} from "./gql/graphql.js";
import { insertLowBalanceProfiles, insertWorld, resolveIds, type World } from "./support/fixtures.js";
import { dataOf, startTestGateway, type TestGateway } from "./support/gateway.js";

let gw: TestGateway;
let w: World;
let usd: string;
let profileA: string;
let profileB: string;
/** A template of partition A with every setting set, and one of partition B. */
let full: string;
let templateB: string;

beforeAll(async () => {
  gw = await startTestGateway();
  w = await insertWorld(gw.database.db);
  ({ profileA, profileB } = await insertLowBalanceProfiles(gw.database.db, w));
  usd = String((await gw.database.db.select().from(currencies).where(eq(currencies.code, "USD")))[0]!.id);
  const created = dataOf(
    await gw.request(ClientTemplateCreateDocument, {
      input: {
        name: "Prepaid retail",
        partitionId: w.partitionA,
        tags: ["retail", "prepaid"],
        origination: {
          creditLimit: "-500",
          rateTableIds: [w.rateTableA2, w.rateTableA1],
          routingPlanId: w.routingPlan,
          capacity: 30,
          lowBalanceProfileId: profileA,
          lowBalanceThreshold: "25.5",
          lowBalanceCapacity: 2,
        },
      },
    }),
  ).clientTemplateCreate;
  expect(created.userErrors).toEqual([]);
  full = created.clientTemplate!.id;
  templateB = dataOf(await gw.request(ClientTemplateCreateDocument, { input: { name: "B", partitionId: w.partitionB, origination: { creditLimit: "1" } } }))
    .clientTemplateCreate.clientTemplate!.id;
});
afterAll(() => gw?.stop());

let names = 0;
const createClient = async (input: Partial<ClientCreateInput>) =>
  dataOf(await gw.request(ClientCreateDocument, { input: { partitionId: w.partitionA, currencyId: usd, name: `From template ${++names}`, ...input } })).clientCreate;

/** What a client made from `full` holds when the input gives none of it. */
const templateSettings = () => ({
  creditLimit: "-500",
  tags: ["retail", "prepaid"],
  originationRateTables: [{ id: w.rateTableA2 }, { id: w.rateTableA1 }],
  routingPlan: { id: w.routingPlan },
  originationCapacity: 30,
  lowBalanceProfile: { id: profileA },
  lowBalanceThreshold: "25.5",
  lowBalanceCapacity: 2,
});

describe(`clientCreate from a client template (${process.env.DATABASE_URL ? "Postgres" : "PGlite"})`, () => {
  it("fills every field the input omits from the template and names the template", async () => {
    const result = await createClient({ templateId: full });
    expect(result.userErrors).toEqual([]);
    expect(result.client).toMatchObject({ ...templateSettings(), template: { id: full }, status: "ACTIVE" });
    expect(dataOf(await gw.request(ClientByIdDocument, { id: result.client!.id })).client).toEqual(result.client);
  });

  it("lets every explicit input value win over the template, an explicit null included", async () => {
    const result = await createClient({
      templateId: full,
      creditLimit: "7.25",
      tags: [],
      originationRateTableIds: null,
      routingPlanId: null,
      originationCapacity: 0,
      lowBalanceProfileId: null,
      lowBalanceThreshold: null,
      lowBalanceCapacity: null,
    });
    expect(result.userErrors).toEqual([]);
    expect(result.client).toMatchObject({
      creditLimit: "7.25",
      tags: [],
      originationRateTables: [],
      routingPlan: null,
      originationCapacity: 0,
      lowBalanceProfile: null,
      lowBalanceThreshold: null,
      lowBalanceCapacity: null,
      template: { id: full },
    });
    const some = await createClient({ templateId: full, originationRateTableIds: [w.rateTableA1], lowBalanceCapacity: 65535 });
    expect(some.client).toMatchObject({ ...templateSettings(), originationRateTables: [{ id: w.rateTableA1 }], lowBalanceCapacity: 65535 });
  });

  it("fills from what the template holds now, and a later template change leaves the client as it was", async () => {
    const { clientTemplate } = dataOf(await gw.request(ClientTemplateCreateDocument, { input: { name: "Sparse", partitionId: w.partitionA, origination: { creditLimit: "3" } } }))
      .clientTemplateCreate;
    const sparse = await createClient({ templateId: clientTemplate!.id });
    expect(sparse.client).toMatchObject({
      creditLimit: "3",
      tags: [],
      originationRateTables: [],
      routingPlan: null,
      originationCapacity: null,
      lowBalanceProfile: null,
      lowBalanceThreshold: null,
      lowBalanceCapacity: null,
    });
    await gw.request(ClientTemplateUpdateDocument, { id: clientTemplate!.id, input: { tags: ["changed"], origination: { capacity: 9 } } });
    const after = await createClient({ templateId: clientTemplate!.id });
    expect(after.client).toMatchObject({ tags: ["changed"], originationCapacity: 9 });
    expect(dataOf(await gw.request(ClientByIdDocument, { id: sparse.client!.id })).client).toMatchObject({ tags: [], originationCapacity: null });
  });

  it("without a template, the settings default to none", async () => {
    const result = await createClient({});
    expect(result.client).toMatchObject({
      creditLimit: "0",
      tags: [],
      originationRateTables: [],
      originationCapacity: null,
      lowBalanceProfile: null,
      lowBalanceThreshold: null,
      lowBalanceCapacity: null,
      template: null,
    });
  });

  it.each([
    ["a template of another partition", () => templateB],
    ["an unknown template", () => "999999"],
    ["a malformed template id", () => "abc"],
    ["template id 0", () => "0"],
  ])("refuses %s with NOT_FOUND on templateId and writes nothing", async (_case, templateId) => {
    const before = await gw.database.db.$count(clients);
    const result = await createClient({ templateId: templateId() });
    expect(result.client).toBeNull();
    expect(result.userErrors).toEqual([expect.objectContaining({ field: ["input", "templateId"], code: "NOT_FOUND" })]);
    expect(await gw.database.db.$count(clients)).toBe(before);
  });

  it("reports a bad template together with every other problem", async () => {
    const result = await createClient({ templateId: templateB, name: "", originationCapacity: -1, lowBalanceProfileId: profileB });
    expect(result.userErrors.map((e) => [e.field?.join("."), e.code]).sort()).toEqual([
      ["input.lowBalanceProfileId", "NOT_FOUND"],
      ["input.name", "REQUIRED"],
      ["input.originationCapacity", "OUT_OF_RANGE"],
      ["input.templateId", "NOT_FOUND"],
    ]);
  });

  it("rates the client's accounts with the rate tables taken from the template", async () => {
    await gw.request(RateCreateDocument, { input: { rateTableId: w.rateTableA1, code: "3531", effectiveFrom: "2026-01-01T00:00:00Z", value: "0.42" } });
    const client = (await createClient({ templateId: full })).client!;
    const account = dataOf(
      await gw.request(AccountCreateDocument, { input: { clientId: client.id, name: "templated", identification: { authType: "IP", ips: ["192.0.2.77"] }, origination: { enabled: true } } }),
    ).accountCreate.account!;
    const quote = dataOf(await gw.request(RateQuoteDocument, { input: { accountId: account.id, dstNumber: "353112345", at: "2026-06-01T00:00:00Z", volume: 60 } })).rateQuote;
    expect(quote).toMatchObject({ code: "3531", cost: "0.42", rate: { rateTable: { id: w.rateTableA1 } } });
  });
});

describe("the template-only settings of a client", () => {
  it("are updatable: set, cleared with null, left alone when omitted", async () => {
    const id = (await createClient({})).client!.id;
    const set = dataOf(
      await gw.request(ClientUpdateDocument, {
        id,
        input: { originationCapacity: 2147483647, lowBalanceProfileId: profileA, lowBalanceThreshold: "-999999999.999999", lowBalanceCapacity: 0 },
      }),
    ).clientUpdate;
    expect(set.userErrors).toEqual([]);
    expect(set.client).toMatchObject({
      originationCapacity: 2147483647,
      lowBalanceProfile: { id: profileA },
      lowBalanceThreshold: "-999999999.999999",
      lowBalanceCapacity: 0,
    });
    const partly = dataOf(await gw.request(ClientUpdateDocument, { id, input: { lowBalanceProfileId: null, name: "Renamed settings" } })).clientUpdate;
    expect(partly.client).toMatchObject({ originationCapacity: 2147483647, lowBalanceProfile: null, lowBalanceThreshold: "-999999999.999999", lowBalanceCapacity: 0 });
  });

  it.each([
    ["a negative capacity", { originationCapacity: -1 }, ["input", "originationCapacity"], "OUT_OF_RANGE"],
    ["a low balance capacity over 65535", { lowBalanceCapacity: 65536 }, ["input", "lowBalanceCapacity"], "OUT_OF_RANGE"],
    ["a threshold beyond the money range", { lowBalanceThreshold: "1000000000" }, ["input", "lowBalanceThreshold"], "OUT_OF_RANGE"],
    ["a threshold with 7 decimals", { lowBalanceThreshold: "0.0000001" }, ["input", "lowBalanceThreshold"], "INVALID"],
    ["a low balance profile of another partition", { lowBalanceProfileId: () => profileB }, ["input", "lowBalanceProfileId"], "NOT_FOUND"],
    ["an unknown low balance profile", { lowBalanceProfileId: "999999" }, ["input", "lowBalanceProfileId"], "NOT_FOUND"],
  ])("refuse %s", async (_case, input, field, code) => {
    const id = (await createClient({ templateId: full })).client!.id;
    const result = dataOf(await gw.request(ClientUpdateDocument, { id, input: resolveIds(input) as ClientUpdateInput })).clientUpdate;
    expect(result.userErrors).toEqual([expect.objectContaining({ field, code })]);
    expect(dataOf(await gw.request(ClientByIdDocument, { id })).client).toMatchObject(templateSettings());
  });

  it("keep their values when the template is deleted; client.template becomes null", async () => {
    const { clientTemplate } = dataOf(
      await gw.request(ClientTemplateCreateDocument, {
        input: { name: "Short-lived", partitionId: w.partitionA, tags: ["t"], origination: { creditLimit: "9", capacity: 4, rateTableIds: [w.rateTableA1] } },
      }),
    ).clientTemplateCreate;
    const client = (await createClient({ templateId: clientTemplate!.id })).client!;
    expect(client.template).toEqual({ id: clientTemplate!.id });
    const deleted = dataOf(await gw.request(ClientTemplateDeleteDocument, { id: clientTemplate!.id })).clientTemplateDelete;
    expect(deleted).toEqual({ deletedId: clientTemplate!.id, userErrors: [] });
    expect(dataOf(await gw.request(ClientByIdDocument, { id: client.id })).client).toMatchObject({
      template: null,
      creditLimit: "9",
      tags: ["t"],
      originationCapacity: 4,
      originationRateTables: [{ id: w.rateTableA1 }],
    });
  });
});
