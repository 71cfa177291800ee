import { eq } from "drizzle-orm";
import type { Db } from "../../src/db/client.js";
import {
  clients,
  codeDecks,
  codes,
  contacts,
  currencies,
  equipment,
  invoiceTemplates,
  lowBalanceProfiles,
  partitions,
  rateTables,
  routingPlans,
  timeProfiles,
} from "../../src/db/schema.js";

/** Ids as the API shows them (strings). */
export interface World {
  partitionA: string;
  partitionB: string;
  clientA: string;
  otherClientA: string;
  clientB: string;
  rateTableA1: string;
  rateTableA2: string;
  rateTableB: string;
  contactA1: string;
  contactA2: string;
  contactOfOtherClient: string;
  equipment1: string;
  equipment2: string;
  routingPlan: string;
  invoiceTemplate: string;
  codeDeck: string;
  allTime: string;
  weekends: string;
}

/**
 * Two partitions with clients, rate tables over a small code deck, contacts and reference data,
 * written directly: what the write tests reference, not what they test.
 */
export async function insertWorld(db: Db, prefix = "W"): Promise<World> {
  const [usd] = await db.select().from(currencies).where(eq(currencies.code, "USD"));
  const [a, b] = await db.insert(partitions).values([{ name: `${prefix} partition A` }, { name: `${prefix} partition B` }]).returning();
  const [clientA, otherClientA, clientB] = await db
    .insert(clients)
    .values([
      { partitionId: a!.id, currencyId: usd!.id, name: `${prefix} client A` },
      { partitionId: a!.id, currencyId: usd!.id, name: `${prefix} other client A` },
      { partitionId: b!.id, currencyId: usd!.id, name: `${prefix} client B` },
    ])
    .returning();
  const [deck] = await db.insert(codeDecks).values({ name: `${prefix} deck` }).returning();
  await db.insert(codes).values([
    { codeDeckId: deck!.id, code: "49", name: "Germany", country: "Germany" },
    { codeDeckId: deck!.id, code: "4915", name: "Germany Mobile", country: "Germany" },
    { codeDeckId: deck!.id, code: "4916", name: "Germany Mobile", country: "Germany" },
    { codeDeckId: deck!.id, code: "4917", name: "Germany Mobile", country: "Germany" },
    { codeDeckId: deck!.id, code: "4930", name: "Germany Berlin", country: "Germany" },
    { codeDeckId: deck!.id, code: "44", name: "United Kingdom", country: "United Kingdom" },
  ]);
  const [rtA1, rtA2, rtB] = await db
    .insert(rateTables)
    .values([
      { partitionId: a!.id, currencyId: usd!.id, name: `${prefix} rates A1`, codeDeckId: deck!.id },
      { partitionId: a!.id, currencyId: usd!.id, name: `${prefix} rates A2`, codeDeckId: deck!.id },
      { partitionId: b!.id, currencyId: usd!.id, name: `${prefix} rates B`, codeDeckId: deck!.id },
    ])
    .returning();
  const [c1, c2, cOther] = await db
    .insert(contacts)
    .values([
      { clientId: clientA!.id, name: "Billing", email: "billing@a.example" },
      { clientId: clientA!.id, name: "NOC", email: "noc@a.example" },
      { clientId: otherClientA!.id, name: "Billing", email: "billing@other.example" },
    ])
    .returning();
  const [e1, e2] = await db.insert(equipment).values([{ name: `${prefix} SBC 1` }, { name: `${prefix} SBC 2` }]).returning();
  const [plan] = await db.insert(routingPlans).values({ name: `${prefix} LCR` }).returning();
  const [template] = await db.insert(invoiceTemplates).values({ name: `${prefix} invoice` }).returning();
  const profiles = await db.select().from(timeProfiles);
  const profile = (name: string) => String(profiles.find((p) => p.name === name)!.id);
  const s = (row: { id: number } | undefined) => String(row!.id);
  return {
    partitionA: s(a),
    partitionB: s(b),
    clientA: s(clientA),
    otherClientA: s(otherClientA),
    clientB: s(clientB),
    rateTableA1: s(rtA1),
    rateTableA2: s(rtA2),
    rateTableB: s(rtB),
    contactA1: s(c1),
    contactA2: s(c2),
    contactOfOtherClient: s(cOther),
    equipment1: s(e1),
    equipment2: s(e2),
    routingPlan: s(plan),
    invoiceTemplate: s(template),
    codeDeck: s(deck),
    allTime: profile("All time"),
    weekends: profile("Weekends"),
  };
}

/** One low balance profile in each partition of the world (ids as the API shows them). */
export async function insertLowBalanceProfiles(db: Db, w: World): Promise<{ profileA: string; profileB: string }> {
  const [a, b] = await db
    .insert(lowBalanceProfiles)
    .values([
      { partitionId: Number(w.partitionA), name: "Low A", threshold: "10" },
      { partitionId: Number(w.partitionB), name: "Low B" },
    ])
    .returning();
  return { profileA: String(a!.id), profileB: String(b!.id) };
}

/**
 * Test tables are built before the fixture ids exist, so they name ids as functions; this calls them.
 * Works on any plain JSON-like value.
 */
export function resolveIds<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === "function" ? (v as () => unknown)() : v))) as T;
}
