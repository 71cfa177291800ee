import { and, eq, getTableColumns, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { queryRows } from "../../db/query-rows.js";
import { inIdArray } from "../../db/id-array.js";
import { contacts, rateNotificationContacts, rateNotifications, rates, type SpecialRateRow } from "../../db/schema.js";
import { canonicalDecimal } from "../../decimal.js";
import { idEquals } from "../../ids.js";
import { tablePage } from "../../loading/table-pages.js";
import type { ListSource } from "../../loading/rows.js";
import type { KeysetOrder } from "../../loading/keyset-pagination.js";
import { MAX_QUOTES_PER_CALL, quoteCalls } from "../rating/rating.service.js";
import type { RateRow } from "../rate/rate.service.js";
import type { RateNotificationsArgs } from "./rate-notification.inputs.js";
import type { RateNotification, RateNotificationChange } from "./rate-notification.type.js";

export type RateNotificationRow = typeof rateNotifications.$inferSelect & { idempotencyKey: string };

export const RATE_NOTIFICATION_SOURCE: ListSource = {
  table: rateNotifications,
  id: rateNotifications.id,
  fields: { ...getTableColumns(rateNotifications), idempotencyKey: rateNotifications.uuid },
};

const NEWEST_FIRST: KeysetOrder<RateNotification> = { name: "id", id: rateNotifications.id, direction: "DESC" };

export function listRateNotifications(db: Db, args: RateNotificationsArgs) {
  const f = args.filter;
  const where = and(
    idEquals(rateNotifications.clientId, f?.clientId),
    idEquals(rateNotifications.rateTableId, f?.rateTableId),
    idEquals(rateNotifications.specialRateId, f?.specialRateId),
    f?.state != null ? eq(rateNotifications.state, f.state) : undefined,
  );
  return tablePage<RateNotificationRow>(db, RATE_NOTIFICATION_SOURCE, args, NEWEST_FIRST as KeysetOrder<RateNotificationRow>, where);
}

/** A special rate after a change, and what the change did to rates. */
export interface SpecialRateChange {
  specialRate: SpecialRateRow;
  /** Its generated rates after the change. */
  rates: { code: string }[];
  /** Its generated rates before the change; none for a new special rate. */
  previousRates: RateRow[];
  /** Rates the change stashed for it, and rates it held stashed that the change released. */
  stashedRates: { id: number }[];
  unstashedRates: { id: number }[];
}

/**
 * Clients that charge their customers from this table: it is one of their origination tables, or one of
 * their accounts' origination tables. Termination tables hold what vendors charge us, which they know.
 */
async function clientsUsing(tx: Db, rateTableId: number): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    tx,
    sql`select client_id::int as id from client_rate_tables where rate_table_id = ${rateTableId} and direction = 'origination'
        union
        select a.client_id::int from account_rate_tables art join accounts a on a.id = art.account_id
        where art.rate_table_id = ${rateTableId} and art.direction = 'origination'
        order by id`,
  );
  return rows.map((r) => r.id);
}

/** Rolls back the savepoint in which the prices before the change were looked up. */
class Rewind extends Error {}

/**
 * The value rating used for each code at the special rate's effective date before the change. Inside a
 * savepoint the change is undone (its generated rates as they were, none for a new special rate; the
 * rates it stashed active again; the rates it released stashed again), each code is quoted against the
 * rate table like `rateQuote` does, and the savepoint is rolled back.
 */
async function pricesBefore(tx: Db, change: SpecialRateChange, codes: string[]): Promise<Map<string, string>> {
  const { specialRate: special } = change;
  const prices = new Map<string, string>();
  try {
    await tx.transaction(async (savepoint) => {
      await savepoint.delete(rates).where(eq(rates.specialRateId, special.id));
      if (change.previousRates.length) {
        await savepoint.insert(rates).values(change.previousRates.map(({ id: _id, effectiveTill: _till, createdAt: _c, updatedAt: _u, ...rate }) => rate));
      }
      if (change.stashedRates.length) {
        await savepoint.update(rates).set({ status: "active", stashedBySpecialRateId: null }).where(inIdArray(rates.id, change.stashedRates.map((r) => r.id)));
      }
      if (change.unstashedRates.length) {
        await savepoint
          .update(rates)
          .set({ status: "stashed", stashedBySpecialRateId: special.id })
          .where(inIdArray(rates.id, change.unstashedRates.map((r) => r.id)));
      }
      const calls = codes.map((code) => ({ rateTableId: String(special.rateTableId), dstNumber: code, at: special.effectiveFrom, volume: 0, tag: special.tag }));
      // A code name can stand for more codes than one rating batch takes.
      const quotes = [];
      for (let from = 0; from < calls.length; from += MAX_QUOTES_PER_CALL) {
        quotes.push(...(await quoteCalls(savepoint as unknown as Db, calls.slice(from, from + MAX_QUOTES_PER_CALL), (i) => `codes[${from + i}]`)));
      }
      const ids = quotes.flatMap((q) => (q.rateId === null ? [] : [q.rateId]));
      const values = ids.length ? await savepoint.select({ id: rates.id, value: rates.value }).from(rates).where(inIdArray(rates.id, ids)) : [];
      const valueOf = new Map(values.map((v) => [v.id, v.value]));
      quotes.forEach((q, i) => {
        if (q.rateId !== null) prices.set(codes[i]!, valueOf.get(q.rateId)!);
      });
      throw new Rewind();
    });
  } catch (error) {
    if (!(error instanceof Rewind)) throw error;
  }
  return prices;
}

/**
 * One PENDING rate notification per client using the special rate's table, addressed to the client's
 * contacts, with each code's price before and after the change. Runs in the change's transaction, so a
 * notice exists exactly when the change does; the webhook worker delivers it after the commit.
 */
export async function createRateNotifications(tx: Db, change: SpecialRateChange): Promise<void> {
  const special = change.specialRate;
  const clientIds = await clientsUsing(tx, special.rateTableId);
  if (clientIds.length === 0) return;
  const codes = change.rates.map((r) => r.code);
  const before = await pricesBefore(tx, change, codes);
  // Canonical decimals ("0.2", not "0.200000"), as the API shows them: the webhook body reads these as stored.
  const oldValue = (code: string) => {
    const value = before.get(code);
    return value === undefined ? null : canonicalDecimal(value);
  };
  const changes: RateNotificationChange[] = codes.map((code) => ({ code, oldValue: oldValue(code), newValue: canonicalDecimal(special.value) }));
  const created = await tx
    .insert(rateNotifications)
    .values(
      clientIds.map((clientId) => ({
        clientId,
        rateTableId: special.rateTableId,
        specialRateId: special.id,
        effectiveFrom: special.effectiveFrom,
        endDate: special.endDate,
        changes,
      })),
    )
    .returning({ id: rateNotifications.id, clientId: rateNotifications.clientId });
  const recipients = await tx.select({ id: contacts.id, clientId: contacts.clientId }).from(contacts).where(inIdArray(contacts.clientId, clientIds));
  const links = created.flatMap((n) => recipients.filter((c) => c.clientId === n.clientId).map((c) => ({ rateNotificationId: n.id, contactId: c.id })));
  if (links.length) await tx.insert(rateNotificationContacts).values(links);
}
