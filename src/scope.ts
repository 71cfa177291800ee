import { eq, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import {
  accounts,
  auditEvents,
  balanceTransactions,
  clients,
  clientTemplates,
  contacts,
  idempotencyKeys,
  lowBalanceProfiles,
  partitions,
  rateNotifications,
  rates,
  rateTables,
  specialRates,
} from "./db/schema.js";
import { currentRequest } from "./request-state.js";

/**
 * Partition scoping. An API key confined to a partition sees and changes only that partition's rows.
 * Each partition-owned table has one rule here, and the shared data paths apply it: rows by id
 * (src/loading/rows.ts), top-level pages (src/loading/table-pages.ts), child pages
 * (src/loading/child-pages.ts) and link lists (src/loading/by-id.ts), rows locked for a change
 * (src/mutation.ts), and referenced ids (src/references.ts). A row outside the partition behaves
 * exactly as if it did not exist. Tables without a rule (currencies, code decks, time profiles, routing
 * plans, ...) are shared reference data, visible to every key.
 */
const inPartition: [PgTable, (partitionId: number) => SQL][] = [
  [partitions, (p) => eq(partitions.id, p)],
  [clients, (p) => eq(clients.partitionId, p)],
  [clientTemplates, (p) => eq(clientTemplates.partitionId, p)],
  [lowBalanceProfiles, (p) => eq(lowBalanceProfiles.partitionId, p)],
  [rateTables, (p) => eq(rateTables.partitionId, p)],
  [auditEvents, (p) => eq(auditEvents.partitionId, p)],
  [idempotencyKeys, (p) => eq(idempotencyKeys.partitionId, p)],
  // Accounts carry their client's partition (kept equal by a composite foreign key), so no subquery.
  [accounts, (p) => eq(accounts.partitionId, p)],
  [balanceTransactions, (p) => sql`${balanceTransactions.clientId} in (select scoped.id from clients scoped where scoped.partition_id = ${p})`],
  [contacts, (p) => sql`${contacts.clientId} in (select scoped.id from clients scoped where scoped.partition_id = ${p})`],
  [rates, (p) => sql`${rates.rateTableId} in (select scoped.id from rate_tables scoped where scoped.partition_id = ${p})`],
  [specialRates, (p) => sql`${specialRates.rateTableId} in (select scoped.id from rate_tables scoped where scoped.partition_id = ${p})`],
  [rateNotifications, (p) => sql`${rateNotifications.clientId} in (select scoped.id from clients scoped where scoped.partition_id = ${p})`],
];
const RULES = new Map(inPartition);

/**
 * The partition the current work is confined to; null when it may see all. Fails closed: code that runs
 * outside a request (or before its API key is accepted) without runAsSystem() throws instead of
 * silently seeing every partition.
 */
export function currentPartition(): number | null {
  const partitionId = currentRequest()?.partitionId;
  if (partitionId === undefined) {
    throw new Error("partition scope unknown: run inside an authenticated request, or explicitly with runAsSystem()");
  }
  return partitionId;
}

/** The condition a row of `table` must meet to be visible to the current request; undefined when all are. */
export function visibleIn(table: PgTable): SQL | undefined {
  const partitionId = currentPartition();
  return partitionId === null ? undefined : RULES.get(table)?.(partitionId);
}
