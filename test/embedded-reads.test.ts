import { readFileSync } from "node:fs";
import {
  buildSchema,
  getNamedType,
  isLeafType,
  isNonNullType,
  isObjectType,
  parse,
  type DocumentNode,
  type GraphQLObjectType,
} from "graphql";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import type DataLoader from "dataloader";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loaderFactory } from "../src/context.js";
import { accountRateTables } from "../src/db/schema.js";
import { loadWithEmbeds } from "../src/loading/by-id.js";
import { selectedEmbeds } from "../src/loading/embedded.js";
import { ACCOUNT_EMBEDS } from "../src/modules/account/account.loaders.js";
import { CLIENT_EMBEDS } from "../src/modules/client/client.loaders.js";
import { RATE_TABLE_EMBEDS } from "../src/modules/rate-table/rate-table.loaders.js";
import { ACCOUNT_SOURCE } from "../src/modules/account/account.service.js";
import { currentRequest, runAsSystem } from "../src/request-state.js";
import { createApiKey } from "../src/modules/api-key/api-key.service.js";
import { AccountCreateDocument, PaymentCreateDocument } from "./gql/graphql.js";
import { insertWorld, type World } from "./support/fixtures.js";
import { dataOf, startTestGateway, type TestGateway } from "./support/gateway.js";

/**
 * Reads embedded in their parent's statement (src/loading/embedded.ts) must answer exactly what the
 * loaders answer. The selection is generated from the schema: every field without required arguments,
 * four levels deep from Account (connections left out), so a column added later is compared too.
 * The reference answer is an account reached through a balance transaction, whose resolver reads the
 * plain by-id loader: nothing under it is embedded.
 */
const schema = buildSchema(readFileSync("schema.graphql", "utf8"));

function everything(type: GraphQLObjectType, depth: number): string {
  const fields = Object.values(type.getFields()).filter((f) => !f.args.some((a) => isNonNullType(a.type)));
  const parts = fields.flatMap((field) => {
    const named = getNamedType(field.type);
    if (isLeafType(named)) return [field.name];
    if (depth > 1 && isObjectType(named) && !named.name.endsWith("Connection")) return [`${field.name} { ${everything(named, depth - 1)} }`];
    return [];
  });
  return parts.join(" ");
}

/** Each path from the type down to one leaf, as a selection: `client { partition { name } }`. */
function branches(type: GraphQLObjectType, depth: number): string[] {
  return Object.values(type.getFields())
    .filter((f) => !f.args.some((a) => isNonNullType(a.type)))
    .flatMap((field) => {
      const named = getNamedType(field.type);
      if (isLeafType(named)) return [field.name];
      if (depth > 1 && isObjectType(named) && !named.name.endsWith("Connection")) return branches(named, depth - 1).map((b) => `${field.name} { ${b} }`);
      return [];
    });
}

const ACCOUNT = everything(schema.getType("Account") as GraphQLObjectType, 4);
const doc = <R>(text: string) => parse(text) as DocumentNode as TypedDocumentNode<R, Record<string, unknown>>;
type Account = Record<string, unknown> & { id: string };
const ById = doc<{ account: Account | null }>(`query ($id: ID!) { account(id: $id) { ${ACCOUNT} } }`);
const TopPage = doc<{ accounts: { nodes: Account[] } }>(`query ($client: ID!) { accounts(filter: { clientId: $client }) { nodes { ${ACCOUNT} } } }`);
const ChildPage = doc<{ client: { accounts: { nodes: Account[] } } | null }>(`query ($client: ID!) { client(id: $client) { accounts { nodes { ${ACCOUNT} } } } }`);
const ThroughLoader = doc<{ balanceTransactions: { nodes: { account: Account }[] } }>(
  `query ($id: ID!) { balanceTransactions(first: 1, filter: { accountId: $id }) { nodes { account { ${ACCOUNT} } } } }`,
);

/** The account with `selection`, reached through a balance transaction: read by the plain loaders. */
async function throughLoader(selection: string): Promise<Account> {
  const Through = doc<{ balanceTransactions: { nodes: { account: Account }[] } }>(
    `query ($id: ID!) { balanceTransactions(first: 1, filter: { accountId: $id }) { nodes { account { ${selection} } } } }`,
  );
  return dataOf(await gw.request(Through, { id: accountId })).balanceTransactions.nodes[0]!.account;
}

let gw: TestGateway;
let w: World;
let accountId: string;

beforeAll(async () => {
  gw = await startTestGateway();
  w = await insertWorld(gw.database.db, "E");
  const { accountCreate } = dataOf(
    await gw.request(AccountCreateDocument, {
      input: {
        clientId: w.clientA,
        name: "Embedded everything",
        identification: { authType: "IP", ips: ["192.0.2.77", "198.51.100.0/24"], techPrefix: "77#", equipmentIds: [w.equipment2, w.equipment1] },
        origination: { enabled: true, capacity: 30, tags: ["retail", "b"], rateTableIds: [w.rateTableA2, w.rateTableA1], routingPlanId: w.routingPlan },
        termination: { enabled: true, capacity: 5, tags: ["vendor"], rateTableIds: [w.rateTableA1], protocol: "SIP", port: "5060", proxyMode: 7 },
        minBalance: "-100.5",
        vat: "20.123456",
        invoiceTemplateId: w.invoiceTemplate,
        sendInvoicesTo: [w.contactA2, w.contactA1],
        sendBalanceNotificationsTo: [w.contactA1],
      },
    }),
  );
  expect(accountCreate.userErrors).toEqual([]);
  accountId = accountCreate.account!.id;
  // A link the API would refuse: a rate table of another partition, which only unconfined keys may see.
  await gw.database.db
    .insert(accountRateTables)
    .values({ accountId: Number(accountId), rateTableId: Number(w.rateTableB), direction: "termination", position: 5 });
  const payment = dataOf(await gw.request(PaymentCreateDocument, { input: { accountId, amount: "12.345678" } }));
  expect(payment.paymentCreate.userErrors).toEqual([]);
});
afterAll(() => gw?.stop());

describe(`reads embedded in their parent's statement (${process.env.DATABASE_URL ? "Postgres" : "PGlite"})`, () => {
  it("answer exactly what the loaders answer, by id, in a top-level page and in a child page, in fewer statements", async () => {
    const reference = await gw.measure(ThroughLoader, { id: accountId });
    const expected = dataOf(reference.result).balanceTransactions.nodes[0]!.account;
    expect(expected).toMatchObject({
      client: { id: w.clientA, partition: { id: w.partitionA }, currency: { code: "USD" } },
      invoiceTemplate: { id: w.invoiceTemplate },
      identification: { equipment: [{}, {}] },
      origination: { rateTables: [{ id: w.rateTableA2 }, { id: w.rateTableA1 }], routingPlan: { id: w.routingPlan } },
      termination: { rateTables: [{ id: w.rateTableA1 }, { id: w.rateTableB }] },
      sendInvoicesTo: [{}, {}],
      sendBalanceNotificationsTo: [{ id: w.contactA1 }],
    });

    const byId = await gw.measure(ById, { id: accountId });
    expect(dataOf(byId.result).account).toEqual(expected);
    expect(byId.statements).toBeLessThan(reference.statements);
    const top = dataOf(await gw.request(TopPage, { client: w.clientA })).accounts.nodes.find((a) => a.id === accountId);
    expect(top).toEqual(expected);
    const child = dataOf(await gw.request(ChildPage, { client: w.clientA })).client!.accounts.nodes.find((a) => a.id === accountId);
    expect(child).toEqual(expected);
  });

  it("apply the partition rule of what they embed, as the loaders do", async () => {
    const { key } = await createApiKey(gw.database.db, { name: "embedded A", role: "admin", partitionId: Number(w.partitionA) });
    const confined = gw.withKey(key);
    const expected = dataOf(await confined.request(ThroughLoader, { id: accountId })).balanceTransactions.nodes[0]!.account;
    expect((expected.termination as { rateTables: { id: string }[] }).rateTables.map((t) => t.id)).toEqual([w.rateTableA1]);
    expect(dataOf(await confined.request(ById, { id: accountId })).account).toEqual(expected);
    const top = dataOf(await confined.request(TopPage, { client: w.clientA })).accounts.nodes.find((a) => a.id === accountId);
    expect(top).toEqual(expected);
    const child = dataOf(await confined.request(ChildPage, { client: w.clientA })).client!.accounts.nodes.find((a) => a.id === accountId);
    expect(child).toEqual(expected);
  });

  it("prime each loader with rows equal to those it reads itself, values decoded the same way", async () => {
    await runAsSystem(async () => {
      const db = gw.database.db;
      const id = Number(accountId);
      const plain = loaderFactory(db)();
      const primed = loaderFactory(db)();
      const paths = new Set(ACCOUNT_EMBEDS.references.map((ref) => ref.path).concat(ACCOUNT_EMBEDS.lists.map((list) => list.paths[0]!)));
      for (const ref of CLIENT_EMBEDS.references) paths.add(`client.${ref.path}`);
      for (const ref of RATE_TABLE_EMBEDS.references) paths.add(`termination.rateTables.${ref.path}`);
      const embeds = selectedEmbeds(ACCOUNT_EMBEDS, paths, primed);
      const account = await loadWithEmbeds(db, primed.pages, ACCOUNT_SOURCE, primed.accountById, embeds, id);
      // The parent row also carries the joined columns (`client.name`, ...), which no field reads.
      expect(account).toMatchObject((await plain.accountById.load(id))!);
      /** The primed loader answers the plain loader's row, from its cache. */
      const samePrimed = async <T>(fromPrimed: DataLoader<number, T>, fromPlain: DataLoader<number, T>, key: number | null) => {
        const read = await fromPlain.load(key!);
        expect(read).toBeTruthy();
        const statements = currentRequest()!.statements;
        expect(await fromPrimed.load(key!)).toEqual(read);
        expect(currentRequest()!.statements).toBe(statements);
      };
      const lists = ["equipmentOfAccount", "originationRateTablesOfAccount", "terminationRateTablesOfAccount", "invoiceContactsOfAccount", "balanceNotificationContactsOfAccount"] as const;
      for (const name of lists) {
        const read = (await plain[name].load(id)).map(({ parentId: _, ...row }: Record<string, unknown>) => row);
        expect(read.length).toBeGreaterThan(0);
        const statements = currentRequest()!.statements;
        expect(await primed[name].load(id)).toEqual(read);
        expect(currentRequest()!.statements).toBe(statements);
      }
      await samePrimed(primed.clientById, plain.clientById, account!.clientId);
      await samePrimed(primed.invoiceTemplateById, plain.invoiceTemplateById, account!.invoiceTemplateId);
      await samePrimed(primed.routingPlanById, plain.routingPlanById, account!.origRoutingPlanId);
      // Embedded under the embedded rows: the client's references, each termination rate table's.
      const client = (await plain.clientById.load(account!.clientId))!;
      await samePrimed(primed.partitionById, plain.partitionById, client.partitionId);
      await samePrimed(primed.currencyById, plain.currencyById, client.currencyId);
      for (const table of await plain.terminationRateTablesOfAccount.load(id)) {
        await samePrimed(primed.partitionById, plain.partitionById, table.partitionId);
        await samePrimed(primed.codeDeckById, plain.codeDeckById, table.codeDeckId);
      }
    });
  });

  it("read only what the operation selects on each embedded type, and answer each field alone as the loaders do", async () => {
    const nested = branches(schema.getType("Account") as GraphQLObjectType, 4).filter((b) => b.includes("{"));
    expect(nested.length).toBeGreaterThan(50);
    for (const branch of nested) {
      const reference = await throughLoader(branch);
      const byId = dataOf(await gw.request(doc<{ account: Account }>(`query ($id: ID!) { account(id: $id) { ${branch} } }`), { id: accountId }));
      expect(byId.account, branch).toEqual(reference);
      const child = dataOf(await gw.request(doc<{ client: { accounts: { nodes: Account[] } } }>(`query ($client: ID!) { client(id: $client) { accounts { nodes { id ${branch} } } } }`), { client: w.clientA }));
      expect(child.client.accounts.nodes.find((a) => a.id === accountId), branch).toEqual({ ...reference, id: accountId });
    }
  });

  it("give every place of a document that reads the same row all it selects, whichever place read it first", async () => {
    const rateTable = everything(schema.getType("RateTable") as GraphQLObjectType, 2);
    const full = `origination { rateTables { ${rateTable} } } termination { rateTables { ${rateTable} } } client { ${everything(schema.getType("Client") as GraphQLObjectType, 2)} }`;
    const reference = await throughLoader(full);
    const few = `client(id: $client) { accounts { nodes { id origination { rateTables { id } } termination { rateTables { name } } client { name currency { code } } } } }`;
    for (const text of [`query ($id: ID!, $client: ID!) { ${few} account(id: $id) { ${full} } }`, `query ($id: ID!, $client: ID!) { account(id: $id) { ${full} } ${few} }`]) {
      const answer = dataOf(await gw.request(doc<{ account: Account; client: { accounts: { nodes: Account[] } } }>(text), { id: accountId, client: w.clientA }));
      expect(answer.account).toEqual(reference);
      const { name, currency } = reference.client as { name: string; currency: { code: string } };
      expect(answer.client.accounts.nodes.find((a) => a.id === accountId)!.client).toEqual({ name, currency: { code: currency.code } });
    }
  });
});
