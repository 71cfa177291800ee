import { createHmac } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Config } from "../../config.js";
import type { Db } from "../../db/client.js";
import { queryRows } from "../../db/query-rows.js";
import { inIdArray } from "../../db/id-array.js";
import { clients, contacts, currencies, rateNotificationContacts, rateNotifications, rateTables, specialRates } from "../../db/schema.js";
import type { Logger } from "../../logger.js";

/** How the worker delivers: from NOTIFY_* settings (src/config.ts). */
export interface DeliverySettings {
  url: string;
  secret: string;
  timeoutMs: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  pollIntervalMs: number;
}

/** Delivery settings, or undefined when no webhook URL is configured (notifications then stay PENDING). */
export function deliverySettings(config: Config): DeliverySettings | undefined {
  if (!config.NOTIFY_WEBHOOK_URL || !config.NOTIFY_WEBHOOK_SECRET) return undefined;
  return {
    url: config.NOTIFY_WEBHOOK_URL,
    secret: config.NOTIFY_WEBHOOK_SECRET,
    timeoutMs: config.NOTIFY_TIMEOUT_MS,
    maxAttempts: config.NOTIFY_MAX_ATTEMPTS,
    backoffBaseMs: config.NOTIFY_BACKOFF_BASE_MS,
    backoffMaxMs: config.NOTIFY_BACKOFF_MAX_MS,
    pollIntervalMs: config.NOTIFY_POLL_INTERVAL_MS,
  };
}

/** Wait before the attempt after failed attempt `attempt` (1-based): base, 2 × base, 4 × base, ... capped. */
export function retryDelayMs(attempt: number, settings: Pick<DeliverySettings, "backoffBaseMs" | "backoffMaxMs">): number {
  return Math.min(settings.backoffBaseMs * 2 ** (attempt - 1), settings.backoffMaxMs);
}

/** The X-Signature header of a body: HMAC-SHA256 of the exact bytes sent, keyed by the shared secret. */
export function signatureOf(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

/** Notifications claimed per round; they are delivered concurrently, so all finish within one timeout. */
const BATCH_SIZE = 10;
/** Error texts kept on the notification are cut to this length. */
const MAX_ERROR_LENGTH = 500;

interface Claimed {
  id: number;
  attempts: number;
}

/** The JSON bodies of claimed notifications, built from the data as it is now. */
async function bodiesOf(db: Db, ids: number[]): Promise<Map<number, { key: string; body: string }>> {
  const rows = await db
    .select({
      id: rateNotifications.id,
      key: rateNotifications.uuid,
      createdAt: rateNotifications.createdAt,
      effectiveFrom: rateNotifications.effectiveFrom,
      endDate: rateNotifications.endDate,
      changes: rateNotifications.changes,
      clientId: clients.id,
      clientName: clients.name,
      rateTableId: rateTables.id,
      rateTableName: rateTables.name,
      currency: currencies.code,
      specialRateId: specialRates.id,
      codeName: specialRates.codeName,
    })
    .from(rateNotifications)
    .innerJoin(clients, eq(clients.id, rateNotifications.clientId))
    .innerJoin(rateTables, eq(rateTables.id, rateNotifications.rateTableId))
    .innerJoin(currencies, eq(currencies.id, rateTables.currencyId))
    .leftJoin(specialRates, eq(specialRates.id, rateNotifications.specialRateId))
    .where(inIdArray(rateNotifications.id, ids));
  const recipients = await db
    .select({ notificationId: rateNotificationContacts.rateNotificationId, id: contacts.id, name: contacts.name, email: contacts.email })
    .from(rateNotificationContacts)
    .innerJoin(contacts, eq(contacts.id, rateNotificationContacts.contactId))
    .where(inIdArray(rateNotificationContacts.rateNotificationId, ids))
    .orderBy(asc(contacts.id));
  return new Map(
    rows.map((r) => [
      r.id,
      {
        key: r.key,
        body: JSON.stringify({
          type: "rate_notification",
          id: String(r.id),
          idempotencyKey: r.key,
          createdAt: r.createdAt.toISOString(),
          client: { id: String(r.clientId), name: r.clientName },
          rateTable: { id: String(r.rateTableId), name: r.rateTableName, currency: r.currency },
          specialRate: r.specialRateId === null ? null : { id: String(r.specialRateId), codeName: r.codeName },
          effectiveFrom: r.effectiveFrom.toISOString(),
          endDate: r.endDate?.toISOString() ?? null,
          changes: r.changes,
          recipients: recipients.filter((c) => c.notificationId === r.id).map((c) => ({ id: String(c.id), name: c.name, email: c.email })),
        }),
      },
    ]),
  );
}

/**
 * Delivers PENDING rate notifications to the webhook, at least once each. Every round claims due
 * notifications with `FOR UPDATE SKIP LOCKED` in one short statement that also starts their attempt and
 * sets a lease (next_attempt_at = now + twice the timeout), then delivers outside any transaction and
 * records the result. So several gateway instances share the work without sending one notification at the
 * same time, and a notification whose worker died is claimed again once its lease has passed.
 */
export class RateNotificationWorker {
  private stopping = false;
  private wake: (() => void) | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly settings: DeliverySettings,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.running ??= this.loop();
  }

  /** Lets the running round finish (deliveries are bounded by the timeout), then returns. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let claimed = 0;
      try {
        claimed = await this.round();
      } catch (error) {
        this.logger.error({ err: error }, "rate notification worker: round failed; retrying after the poll interval");
      }
      // A full batch suggests more are due: go on at once.
      if (claimed < BATCH_SIZE) await this.pause(this.settings.pollIntervalMs);
    }
  }

  private pause(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** One round: give up on notifications out of attempts, claim due ones, deliver them. Returns how many it claimed. */
  async round(): Promise<number> {
    const { maxAttempts, timeoutMs } = this.settings;
    // Only a worker that died during the last allowed attempt leaves one behind (the limit may also have been lowered).
    await this.db
      .update(rateNotifications)
      .set({ state: "failed", lastError: sql`coalesce(${rateNotifications.lastError}, 'no attempt left')`, updatedAt: sql`now()` })
      .where(and(eq(rateNotifications.state, "pending"), sql`${rateNotifications.attempts} >= ${maxAttempts}`, sql`${rateNotifications.nextAttemptAt} <= now()`));
    const claimed = await queryRows<Claimed>(
      this.db,
      sql`with due as (
            select id from rate_notifications
            where state = 'pending' and next_attempt_at <= now() and attempts < ${maxAttempts}
            order by next_attempt_at, id
            limit ${BATCH_SIZE}
            for update skip locked
          )
          update rate_notifications n
          set attempts = n.attempts + 1, last_attempt_at = now(), updated_at = now(),
              next_attempt_at = now() + ${2 * timeoutMs} * interval '1 millisecond'
          from due where n.id = due.id
          returning n.id::int as id, n.attempts::int as attempts`,
    );
    if (claimed.length === 0) return 0;
    const bodies = await bodiesOf(this.db, claimed.map((c) => c.id));
    await Promise.all(
      claimed.map(async (c) => {
        const message = bodies.get(c.id);
        // Deleted (with its client or rate table) between the claim and now: nothing to send or record.
        if (!message) return;
        const error = await this.deliver(message.key, message.body, c.attempts);
        await this.record(c, error);
      }),
    );
    return claimed.length;
  }

  /** POSTs one body; returns why it failed, or undefined when the webhook answered 2xx. */
  private async deliver(key: string, body: string, attempt: number): Promise<string | undefined> {
    try {
      const response = await fetch(this.settings.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "idempotency-key": key,
          "x-signature": signatureOf(this.settings.secret, body),
          "x-delivery-attempt": String(attempt),
        },
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
      const text = await response.text();
      if (response.status >= 200 && response.status < 300) return undefined;
      return `HTTP ${response.status}${text ? `: ${text}` : ""}`;
    } catch (error) {
      if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return `no answer within ${this.settings.timeoutMs} ms`;
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
      return `${error instanceof Error ? error.message : String(error)}${cause}`;
    }
  }

  /** Records an attempt's outcome, unless another worker has started a later attempt since (our lease ran out). */
  private async record(claimed: Claimed, error: string | undefined): Promise<void> {
    const ours = and(eq(rateNotifications.id, claimed.id), eq(rateNotifications.state, "pending"), eq(rateNotifications.attempts, claimed.attempts));
    if (error === undefined) {
      await this.db.update(rateNotifications).set({ state: "sent", sentAt: sql`now()`, updatedAt: sql`now()` }).where(ours);
      this.logger.info({ rateNotificationId: claimed.id, attempt: claimed.attempts }, "rate notification sent");
      return;
    }
    const lastError = error.slice(0, MAX_ERROR_LENGTH);
    const final = claimed.attempts >= this.settings.maxAttempts;
    const delay = retryDelayMs(claimed.attempts, this.settings);
    await this.db
      .update(rateNotifications)
      .set(
        final
          ? { state: "failed", lastError, updatedAt: sql`now()` }
          : { lastError, nextAttemptAt: sql`now() + ${delay} * interval '1 millisecond'`, updatedAt: sql`now()` },
      )
      .where(ours);
    const log = { rateNotificationId: claimed.id, attempt: claimed.attempts, error: lastError };
    if (final) this.logger.error(log, "rate notification failed: no attempt left");
    else this.logger.warn({ ...log, retryInMs: delay }, "rate notification attempt failed; will retry");
  }
}
