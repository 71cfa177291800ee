import { and, eq } from "drizzle-orm";
import { codeDecks, codes, currencies, lowBalanceProfiles, paymentTerms, rateNotifications, routingPlans } from "../../../src/db/schema.js";
import { createApiKey } from "../../../src/modules/api-key/api-key.service.js";
import { insertWorld } from "../fixtures.js";
import type { TestGateway } from "../gateway.js";
import type { Fixtures } from "./values.js";

/** Runs a mutation that must succeed and returns the id at `pick` of its data. */
async function created(gw: TestGateway, mutation: string, pick: (data: Record<string, any>) => string): Promise<string> {
  const answer = (await (await gw.post({ query: `mutation { ${mutation} }` })).json()) as { data?: Record<string, any>; errors?: unknown };
  const id = answer.data ? pick(answer.data) : undefined;
  if (!id) throw new Error(`fuzz fixture not created: ${mutation} -> ${JSON.stringify(answer)}`);
  return id;
}

/**
 * One valid row of every entity an ID argument can name, keyed as ID fields name them, so valid arguments
 * around each fuzzed value reference rows that exist; and a second row of each entity an update changes.
 * Everything lives in partition A; the rates hang off the referenced rate table, not the updated one.
 */
export async function seedFuzzFixtures(gw: TestGateway): Promise<Fixtures> {
  const db = gw.database.db;
  const w = await insertWorld(db, "Fuzz");
  const [usd] = await db.select().from(currencies).where(eq(currencies.code, "USD"));
  const [profile] = await db.insert(lowBalanceProfiles).values({ partitionId: Number(w.partitionA), name: "Fuzz low balance" }).returning();
  const [term] = await db.insert(paymentTerms).values({ name: "Fuzz net 30" }).returning();
  const [code] = await db.select().from(codes).where(and(eq(codes.codeDeckId, Number(w.codeDeck)), eq(codes.code, "49")));
  const [otherDeck] = await db.insert(codeDecks).values({ name: "Fuzz updated deck" }).returning();
  const [otherPlan] = await db.insert(routingPlans).values({ name: "Fuzz updated plan" }).returning();
  const [notice] = await db
    .insert(rateNotifications)
    .values({ clientId: Number(w.clientA), rateTableId: Number(w.rateTableA1), effectiveFrom: new Date("2025-01-01T00:00:00Z"), changes: [] })
    .returning();
  // Each account its own address: two IP-identified accounts may not catch the same traffic.
  let host = 100;
  // apiKeyRevoke revokes this one, never the key the fuzz runs with.
  const { row: revocableKey } = await createApiKey(db, { name: "Fuzz revocable key", role: "read_only" });
  const account = (name: string) =>
    created(
      gw,
      `accountCreate(input: { clientId: ${w.clientA}, name: "${name}", identification: { authType: IP, ips: ["192.0.2.${host++}"] } }) { account { id } }`,
      (d) => d.accountCreate.account?.id,
    );
  const template = (name: string) =>
    created(
      gw,
      `clientTemplateCreate(input: { partitionId: ${w.partitionA}, name: "${name}", origination: { creditLimit: "1" } }) { clientTemplate { id } }`,
      (d) => d.clientTemplateCreate.clientTemplate?.id,
    );
  const rate = (code: string) =>
    created(
      gw,
      `rateCreate(input: { rateTableId: ${w.rateTableA1}, code: "${code}", effectiveFrom: "2025-01-01T00:00:00Z", value: "0.1" }) { rates { id } }`,
      (d) => d.rateCreate.rates[0]?.id,
    );
  const specialRate = (codeName: string) =>
    created(
      gw,
      `specialRateCreate(input: { rateTableId: ${w.rateTableA1}, codeName: "${codeName}", effectiveFrom: "2025-01-01T00:00:00Z", value: "0.2", timeProfileId: ${w.allTime} }) { specialRate { id } }`,
      (d) => d.specialRateCreate.specialRate?.id,
    );
  const referencedAccount = await account("fuzz account");
  const payment = await created(
    gw,
    `paymentCreate(input: { accountId: ${referencedAccount}, amount: "10" }) { balanceTransaction { id } }`,
    (d) => d.paymentCreate.balanceTransaction?.id,
  );
  return {
    referenced: {
      partition: w.partitionA,
      client: w.clientA,
      currency: String(usd!.id),
      contact: w.contactA1,
      equipment: w.equipment1,
      routingPlan: w.routingPlan,
      invoiceTemplate: w.invoiceTemplate,
      codeDeck: w.codeDeck,
      code: String(code!.id),
      timeProfile: w.allTime,
      rateTable: w.rateTableA1,
      lowBalanceProfile: String(profile!.id),
      paymentTerm: String(term!.id),
      account: referencedAccount,
      balanceTransaction: payment,
      clientTemplate: await template("fuzz template"),
      rate: await rate("4930"),
      specialRate: await specialRate("United Kingdom"),
      rateNotification: String(notice!.id),
      apiKey: String(revocableKey.id),
    },
    updated: {
      client: w.otherClientA,
      contact: w.contactA2,
      routingPlan: String(otherPlan!.id),
      codeDeck: String(otherDeck!.id),
      timeProfile: w.weekends,
      rateTable: w.rateTableA2,
      account: await account("fuzz updated account"),
      clientTemplate: await template("fuzz updated template"),
      rate: await rate("4917"),
      specialRate: await specialRate("Germany"),
    },
  };
}
