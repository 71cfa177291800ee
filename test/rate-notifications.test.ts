import { eq, sql } from "drizzle-orm";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import type { Db } from "../src/db/client.js";
import { openDatabase } from "../src/db/client.js";
import { clientRateTables, clients, codes as codesTable, contacts, currencies, rateNotifications, timeProfilePeriods, timeProfiles } from "../src/db/schema.js";
import { deliverySettings, RateNotificationWorker } from "../src/modules/rate-notification/rate-notification.worker.js";
import { startServer } from "../src/server.js";
import {
  AccountCreateDocument,
  NotifyingSpecialRateCreateDocument,
  RateCreateDocument,
  RateNotificationByIdDocument,
  RateNotificationListDocument,
  SpecialRateDeleteDocument,
  SpecialRateUpdateDocument,
  type RateNotificationFilter,
  type SpecialRateCreateInput,
} from "./gql/graphql.js";
import { insertWorld, type World } from "./support/fixtures.js";
import { dataOf, startTestGateway, type TestGateway } from "./support/gateway.js";
import { WebhookReceiver } from "./support/webhook-receiver.js";

const DB = process.env.DATABASE_URL ? "Postgres" : "PGlite";
const SECRET = "rate-notification-test-secret";

/** A client of partition `partitionId` using `rateTableId` in `direction`, written directly (the tests are about what uses it). */
async function clientUsing(db: Db, partitionId: string, name: string, rateTableId: string, direction: "origination" | "termination" = "origination") {
  const [usd] = await db.select().from(currencies).where(eq(currencies.code, "USD"));
  const [client] = await db.insert(clients).values({ partitionId: Number(partitionId), currencyId: usd!.id, name }).returning();
  await db.insert(clientRateTables).values({ clientId: client!.id, direction, rateTableId: Number(rateTableId), position: 0 });
  return String(client!.id);
}

function helpers(gw: () => TestGateway, w: () => World) {
  return {
    async special(input: Partial<SpecialRateCreateInput> & { effectiveFrom: string }) {
      const result = dataOf(
        await gw().request(NotifyingSpecialRateCreateDocument, {
          input: { rateTableId: w().rateTableA1, codeName: "Germany Mobile", value: "0.05", timeProfileId: w().allTime, notify: true, ...input },
        }),
      ).specialRateCreate;
      expect(result.userErrors).toEqual([]);
      return result.specialRate!.id;
    },
    async notifications(filter: RateNotificationFilter) {
      return dataOf(await gw().request(RateNotificationListDocument, { filter, first: 100 })).rateNotifications;
    },
  };
}

describe(`notify: true on special rates (${DB}, no webhook configured)`, () => {
  let gw: TestGateway;
  let w: World;
  let vendorA: string;
  const { special, notifications } = helpers(
    () => gw,
    () => w,
  );

  beforeAll(async () => {
    gw = await startTestGateway();
    w = await insertWorld(gw.database.db, "N");
    const db = gw.database.db;
    // clientA uses table A1 itself; otherClientA through an account; vendorA only to terminate.
    await db.insert(clientRateTables).values({ clientId: Number(w.clientA), direction: "origination", rateTableId: Number(w.rateTableA1), position: 0 });
    const account = dataOf(
      await gw.request(AccountCreateDocument, {
        input: { clientId: w.otherClientA, name: "other-a", identification: { authType: "IP", ips: ["192.0.2.20"] }, origination: { enabled: true, rateTableIds: [w.rateTableA2, w.rateTableA1] } },
      }),
    ).accountCreate;
    expect(account.userErrors).toEqual([]);
    vendorA = await clientUsing(db, w.partitionA, "N vendor A", w.rateTableA1, "termination");
    await db.insert(contacts).values({ clientId: Number(vendorA), name: "Vendor", email: "pricing@vendor.example" });
    for (const [code, effectiveFrom, value] of [
      ["49", "2026-01-01T00:00:00Z", "0.1"],
      ["4915", "2026-01-01T00:00:00Z", "0.2"],
      ["4915", "2027-01-01T00:00:00Z", "0.25"],
    ] as const) {
      const created = dataOf(await gw.request(RateCreateDocument, { input: { rateTableId: w.rateTableA1, code, effectiveFrom, value } })).rateCreate;
      expect(created.userErrors).toEqual([]);
    }
  });
  afterAll(() => gw?.stop());

  it("creates one PENDING notification per client using the table for origination, to its contacts, with the prices before and after", async () => {
    const id = await special({ effectiveFrom: "2026-06-01T00:00:00Z", endDate: "2026-12-01T00:00:00Z" });
    const list = await notifications({ specialRateId: id });
    expect(list.totalCount).toBe(2);
    const byClient = [...list.nodes].sort((a, b) => Number(a.client.id) - Number(b.client.id));
    const changes = [
      // 4915 had its own rate (the 2027 version is not in effect yet); 4916 and 4917 fell back to "49".
      { code: "4915", oldValue: "0.2", newValue: "0.05" },
      { code: "4916", oldValue: "0.1", newValue: "0.05" },
      { code: "4917", oldValue: "0.1", newValue: "0.05" },
    ];
    const common = {
      state: "PENDING",
      attempts: 0,
      lastError: null,
      lastAttemptAt: null,
      sentAt: null,
      effectiveFrom: "2026-06-01T00:00:00.000Z",
      endDate: "2026-12-01T00:00:00.000Z",
      changes,
      rateTable: { id: w.rateTableA1 },
      specialRate: { id },
    };
    expect(byClient).toEqual([
      { ...common, id: expect.any(String), idempotencyKey: expect.any(String), nextAttemptAt: expect.any(String), client: { id: w.clientA }, contacts: [{ id: w.contactA1, email: "billing@a.example" }, { id: w.contactA2, email: "noc@a.example" }] },
      { ...common, id: expect.any(String), idempotencyKey: expect.any(String), nextAttemptAt: expect.any(String), client: { id: w.otherClientA }, contacts: [{ id: w.contactOfOtherClient, email: "billing@other.example" }] },
    ]);
    expect(new Set(byClient.map((n) => n.idempotencyKey)).size).toBe(2);
    expect(byClient[0]!.idempotencyKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const one = dataOf(await gw.request(RateNotificationByIdDocument, { id: byClient[0]!.id })).rateNotification;
    expect(one).toEqual(byClient[0]);
    expect((await notifications({ clientId: vendorA })).totalCount).toBe(0);
  });

  it("with no webhook URL, leaves notifications PENDING and untouched", async () => {
    const id = await special({ effectiveFrom: "2026-06-02T00:00:00Z", value: "0.06" });
    await new Promise((r) => setTimeout(r, 300));
    const list = await notifications({ specialRateId: id });
    expect(list.nodes.map((n) => [n.state, n.attempts, n.lastAttemptAt])).toEqual([
      ["PENDING", 0, null],
      ["PENDING", 0, null],
    ]);
  });

  it("filters by client, rate table, special rate and state, and pages newest first", async () => {
    const first = await notifications({ clientId: w.clientA });
    expect(first.totalCount).toBeGreaterThanOrEqual(2);
    expect(first.nodes.every((n) => n.client.id === w.clientA)).toBe(true);
    const ids = first.nodes.map((n) => Number(n.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect((await notifications({ rateTableId: w.rateTableA2 })).totalCount).toBe(0);
    expect((await notifications({ state: "SENT" })).totalCount).toBe(0);
    expect((await notifications({ state: "PENDING", rateTableId: w.rateTableA1 })).totalCount).toBe((await notifications({})).totalCount);
    expect((await notifications({ clientId: "not-an-id" })).totalCount).toBe(0);
    const page = dataOf(await gw.request(RateNotificationListDocument, { filter: {}, first: 1 })).rateNotifications;
    const next = dataOf(await gw.request(RateNotificationListDocument, { filter: {}, first: 1, after: page.pageInfo.endCursor })).rateNotifications;
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(Number(next.nodes[0]!.id)).toBeLessThan(Number(page.nodes[0]!.id));
  });

  it("creates none when no client uses the table, or without notify", async () => {
    const before = await gw.database.db.$count(rateNotifications);
    const unused = dataOf(
      await gw.request(NotifyingSpecialRateCreateDocument, {
        input: { rateTableId: w.rateTableB, codeName: "Germany Mobile", effectiveFrom: "2026-06-01T00:00:00Z", value: "0.05", timeProfileId: w.allTime, notify: true },
      }),
    ).specialRateCreate;
    expect(unused.userErrors).toEqual([]);
    await special({ effectiveFrom: "2026-06-03T00:00:00Z", notify: false });
    await special({ effectiveFrom: "2026-06-04T00:00:00Z", notify: undefined });
    expect(await gw.database.db.$count(rateNotifications)).toBe(before);
  });

  it("on specialRateUpdate, compares with the prices before the update: the special price itself where it was in effect", async () => {
    const id = await special({ effectiveFrom: "2026-07-01T00:00:00Z", value: "0.07", codeName: "Germany Berlin" });
    const update = async (input: Record<string, unknown>) => {
      const result = dataOf(await gw.request(SpecialRateUpdateDocument, { id, input })).specialRateUpdate;
      expect(result.userErrors).toEqual([]);
      return (await notifications({ specialRateId: id, clientId: w.clientA })).nodes;
    };
    // Berlin (4930) had no rate of its own: "49" applied before the special rate.
    const created = await notifications({ specialRateId: id, clientId: w.clientA });
    expect(created.nodes.map((n) => n.changes)).toEqual([[{ code: "4930", oldValue: "0.1", newValue: "0.07" }]]);

    const repriced = await update({ value: "0.08", notify: true });
    expect(repriced.map((n) => n.changes)).toEqual([[{ code: "4930", oldValue: "0.07", newValue: "0.08" }], created.nodes[0]!.changes]);

    expect(await update({ notes: "no notice" })).toHaveLength(2);

    // Moved earlier: at the new date the special price was not in effect yet.
    const earlier = await update({ effectiveFrom: "2026-03-01T00:00:00Z", notify: true });
    expect(earlier[0]!.changes).toEqual([{ code: "4930", oldValue: "0.1", newValue: "0.08" }]);
    expect(earlier[0]!.effectiveFrom).toBe("2026-03-01T00:00:00.000Z");
  });

  it("prices a code name of more codes than one rating batch takes", async () => {
    const codes = Array.from({ length: 1_001 }, (_, i) => ({ codeDeckId: Number(w.codeDeck), code: `8${String(i).padStart(4, "0")}`, name: "Everywhere" }));
    await gw.database.db.insert(codesTable).values(codes);
    const regular = dataOf(await gw.request(RateCreateDocument, { input: { rateTableId: w.rateTableA1, code: "81000", effectiveFrom: "2026-01-01T00:00:00Z", value: "0.9" } })).rateCreate;
    expect(regular.userErrors).toEqual([]);
    const id = await special({ effectiveFrom: "2026-09-01T00:00:00Z", codeName: "Everywhere", value: "0.01" });
    const [notice] = (await notifications({ specialRateId: id, clientId: w.clientA })).nodes;
    expect(notice!.changes).toHaveLength(1_001);
    expect(notice!.changes.filter((c) => c.oldValue !== null)).toEqual([{ code: "81000", oldValue: "0.9", newValue: "0.01" }]);
  });

  it("keeps notifications when their special rate is deleted, with specialRate null", async () => {
    const id = await special({ effectiveFrom: "2026-08-01T00:00:00Z", codeName: "United Kingdom", value: "0.3" });
    const [notice] = (await notifications({ specialRateId: id, clientId: w.clientA })).nodes;
    expect(notice!.changes).toEqual([{ code: "44", oldValue: null, newValue: "0.3" }]);
    expect(dataOf(await gw.request(SpecialRateDeleteDocument, { id })).specialRateDelete.userErrors).toEqual([]);
    const kept = dataOf(await gw.request(RateNotificationByIdDocument, { id: notice!.id })).rateNotification;
    expect(kept).toMatchObject({ id: notice!.id, specialRate: null, changes: notice!.changes });
  });

  it("looks up the old price with the change's stashing undone: a rate it stashes or releases counts as it was", async () => {
    const db = gw.database.db;
    // A specific profile covering all week beats "All time" at the same code.
    const [always] = await db.insert(timeProfiles).values({ name: "N always" }).returning();
    await db.insert(timeProfilePeriods).values({ timeProfileId: always!.id, weekdayFrom: 1, weekdayTill: 7, timeFrom: "00:00:00", timeTill: "23:59:59" });
    const regular = dataOf(
      await gw.request(RateCreateDocument, { input: { rateTableId: w.rateTableA1, code: "44", effectiveFrom: "2026-10-01T00:00:00Z", value: "0.4", timeProfileId: String(always!.id) } }),
    ).rateCreate;
    expect(regular.userErrors).toEqual([]);

    // Created at the same moment, it stashes that rate; before it, the rate applied.
    const id = await special({ effectiveFrom: "2026-10-01T00:00:00Z", codeName: "United Kingdom", value: "0.3", stashFutureRates: true });
    const [created] = (await notifications({ specialRateId: id, clientId: w.clientA })).nodes;
    expect(created!.changes).toEqual([{ code: "44", oldValue: "0.4", newValue: "0.3" }]);

    // Moved a day later, it releases the rate; before the update it was held and the special price applied.
    const moved = dataOf(await gw.request(SpecialRateUpdateDocument, { id, input: { effectiveFrom: "2026-10-02T00:00:00Z", notify: true } })).specialRateUpdate;
    expect(moved.userErrors).toEqual([]);
    const [updated] = (await notifications({ specialRateId: id, clientId: w.clientA })).nodes;
    expect(updated!.changes).toEqual([{ code: "44", oldValue: "0.3", newValue: "0.3" }]);
  });
});

/** Polls until `done` holds for the value `read` gives, or fails after `ms`. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`still not done after ${ms} ms: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const FAST_DELIVERY = {
  NOTIFY_WEBHOOK_SECRET: SECRET,
  NOTIFY_MAX_ATTEMPTS: "4",
  NOTIFY_BACKOFF_BASE_MS: "60",
  NOTIFY_BACKOFF_MAX_MS: "1000",
  NOTIFY_POLL_INTERVAL_MS: "20",
  NOTIFY_TIMEOUT_MS: "400",
};

describe(`webhook delivery (${DB})`, () => {
  let gw: TestGateway;
  let w: World;
  let receiver: WebhookReceiver;
  let client: string;
  let effective = Date.UTC(2026, 0, 1);
  const { special: create, notifications } = helpers(
    () => gw,
    () => w,
  );
  /** A new notification to `client` (the only user of table A1), and its id and idempotency key. */
  const notify = async () => {
    effective += 86_400_000;
    const specialRateId = await create({ effectiveFrom: new Date(effective).toISOString() });
    const [notice] = (await notifications({ specialRateId })).nodes;
    return notice!;
  };
  const settled = (id: string) =>
    eventually(
      async () => dataOf(await gw.request(RateNotificationByIdDocument, { id })).rateNotification!,
      (n) => n.state !== "PENDING",
    );

  beforeAll(async () => {
    receiver = await new WebhookReceiver(SECRET).start();
    gw = await startTestGateway({ env: { ...FAST_DELIVERY, NOTIFY_WEBHOOK_URL: receiver.url } });
    w = await insertWorld(gw.database.db, "D");
    client = await clientUsing(gw.database.db, w.partitionA, "D customer", w.rateTableA1);
    await gw.database.db.insert(contacts).values({ clientId: Number(client), name: "Rates desk", email: "pricing@buyer.example" });
  });
  afterAll(async () => {
    await gw?.stop();
    await receiver?.close();
  });

  it("retries with backoff and succeeds on the 3rd attempt: PENDING -> SENT, 3 attempts, one key, one body, valid signatures", async () => {
    receiver.respond = (_d, nth) => (nth <= 2 ? { status: 500, body: "try later" } : { status: 204 });
    const notice = await notify();
    const done = await settled(notice.id);
    expect(done).toMatchObject({ state: "SENT", attempts: 3, lastError: "HTTP 500: try later", nextAttemptAt: null });
    expect(Date.parse(done.sentAt!)).toBeGreaterThanOrEqual(Date.parse(done.lastAttemptAt!));

    const got = receiver.of(notice.idempotencyKey);
    expect(got.map((d) => d.attempt)).toEqual(["1", "2", "3"]);
    expect(new Set(got.map((d) => d.body)).size).toBe(1);
    expect(got.every((d) => d.contentType === "application/json" && WebhookReceiver.verify(SECRET, d.body, d.signature))).toBe(true);
    // Exponential backoff: at least 60 ms, then at least 120 ms between attempts.
    expect(got[1]!.receivedAt - got[0]!.receivedAt).toBeGreaterThanOrEqual(55);
    expect(got[2]!.receivedAt - got[1]!.receivedAt).toBeGreaterThanOrEqual(115);

    const body = JSON.parse(got[0]!.body);
    expect(body).toEqual({
      type: "rate_notification",
      id: notice.id,
      idempotencyKey: notice.idempotencyKey,
      createdAt: expect.any(String),
      client: { id: client, name: "D customer" },
      rateTable: { id: w.rateTableA1, name: "D rates A1", currency: "USD" },
      specialRate: { id: notice.specialRate!.id, codeName: "Germany Mobile" },
      effectiveFrom: notice.effectiveFrom,
      endDate: null,
      changes: notice.changes,
      recipients: [{ id: expect.any(String), name: "Rates desk", email: "pricing@buyer.example" }],
    });
  });

  it("gives up after NOTIFY_MAX_ATTEMPTS: FAILED with the last error, and tries no more", async () => {
    receiver.respond = () => ({ status: 503, body: "down for maintenance" });
    const notice = await notify();
    const done = await settled(notice.id);
    expect(done).toMatchObject({ state: "FAILED", attempts: 4, lastError: "HTTP 503: down for maintenance", nextAttemptAt: null, sentAt: null });
    await new Promise((r) => setTimeout(r, 400));
    expect(receiver.of(notice.idempotencyKey)).toHaveLength(4);
  });

  it("counts an answer later than NOTIFY_TIMEOUT_MS as a failed attempt", async () => {
    receiver.respond = (_d, nth) => (nth === 1 ? { status: 200, delayMs: 700 } : { status: 200 });
    const notice = await notify();
    const done = await settled(notice.id);
    expect(done).toMatchObject({ state: "SENT", attempts: 2, lastError: "no answer within 400 ms" });
  });

  it("lets a receiver detect a wrong secret: its signature check fails, the attempts fail and the notification ends FAILED", async () => {
    receiver.respond = () => ({ status: 200 });
    receiver.secret = "not-the-gateway-secret-at-all";
    try {
      const notice = await notify();
      const done = await settled(notice.id);
      expect(done).toMatchObject({ state: "FAILED", attempts: 4, lastError: "HTTP 401: bad signature" });
      const got = receiver.of(notice.idempotencyKey);
      expect(got.every((d) => !WebhookReceiver.verify(receiver.secret, d.body, d.signature) && WebhookReceiver.verify(SECRET, d.body, d.signature))).toBe(true);
    } finally {
      receiver.secret = SECRET;
    }
  });

  it("takes over a notification whose worker died mid-attempt once its lease has passed; one that died on the last attempt is FAILED", async () => {
    receiver.respond = () => ({ status: 200 });
    // Claimed by a worker that never came back: in-flight with a lease that has run out.
    const db = gw.database.db;
    const [orphan] = await db
      .insert(rateNotifications)
      .values({ clientId: Number(client), rateTableId: Number(w.rateTableA1), effectiveFrom: new Date(), changes: [], attempts: 1, nextAttemptAt: sql`now() - interval '1 second'` })
      .returning();
    const [lastTry] = await db
      .insert(rateNotifications)
      .values({ clientId: Number(client), rateTableId: Number(w.rateTableA1), effectiveFrom: new Date(), changes: [], attempts: 4, nextAttemptAt: sql`now() - interval '1 second'` })
      .returning();
    expect(await settled(String(orphan!.id))).toMatchObject({ state: "SENT", attempts: 2 });
    expect(await settled(String(lastTry!.id))).toMatchObject({ state: "FAILED", attempts: 4, lastError: "no attempt left" });
    expect(receiver.of(lastTry!.uuid)).toEqual([]);
  });

  it("finishes a delivery in flight when the gateway stops (SIGTERM path), and records it", async () => {
    receiver.respond = () => ({ status: 200, delayMs: 200 });
    const notice = await notify();
    await eventually(
      async () => receiver.of(notice.idempotencyKey).length,
      (n) => n > 0,
    );
    await gw.server.stop();
    const [row] = await gw.database.db.select().from(rateNotifications).where(eq(rateNotifications.id, Number(notice.id)));
    expect(row).toMatchObject({ state: "sent", attempts: 1 });
  });
});

describe(`two gateway instances on one database (${DB})`, () => {
  it.skipIf(!process.env.DATABASE_URL)(
    "share the work: every notification delivered exactly once, none twice at the same time, none left behind (Postgres only: PGlite is one in-process connection that a second instance cannot open)",
    async () => {
      const receiver = await new WebhookReceiver(SECRET).start();
      // Slow answers keep claims overlapping in time.
      receiver.respond = () => ({ status: 200, delayMs: 40 });
      const env = { ...FAST_DELIVERY, NOTIFY_TIMEOUT_MS: "5000", NOTIFY_WEBHOOK_URL: receiver.url };
      const gw = await startTestGateway({ env });
      const secondLog: Record<string, unknown>[] = [];
      const database = openDatabase({ databaseUrl: gw.databaseUrl, dataDir: "memory://", migrationsDir: "drizzle", poolMax: 3 });
      const second = await startServer({
        config: loadConfig({ NODE_ENV: "test", HOST: "127.0.0.1", PORT: "0", ...env }),
        logger: pino({ level: "info" }, { write: (line: string) => void secondLog.push(JSON.parse(line)) }),
        database,
      });
      try {
        const w = await insertWorld(gw.database.db, "T");
        const count = 40;
        for (let i = 0; i < count; i++) await clientUsing(gw.database.db, w.partitionA, `T customer ${i}`, w.rateTableA1);
        const created = dataOf(
          await gw.request(NotifyingSpecialRateCreateDocument, {
            input: { rateTableId: w.rateTableA1, codeName: "Germany Mobile", effectiveFrom: "2026-06-01T00:00:00Z", value: "0.05", timeProfileId: w.allTime, notify: true },
          }),
        ).specialRateCreate;
        expect(created.userErrors).toEqual([]);
        const all = await eventually(
          async () => dataOf(await gw.request(RateNotificationListDocument, { filter: {}, first: 100 })).rateNotifications,
          (list) => list.nodes.every((n) => n.state === "SENT"),
          30_000,
        );
        expect(all.totalCount).toBe(count);
        expect(all.nodes.every((n) => n.attempts === 1)).toBe(true);
        const keys = receiver.deliveries.map((d) => d.key);
        expect(new Set(keys).size).toBe(count);
        expect(keys).toHaveLength(count);
        expect(receiver.overlaps).toEqual([]);
        const sentBy = (lines: Record<string, unknown>[]) => lines.filter((l) => l.msg === "rate notification sent").length;
        const [first, other] = [sentBy(gw.logLines), sentBy(secondLog)];
        expect(first + other).toBe(count);
        expect(first).toBeGreaterThan(0);
        expect(other).toBeGreaterThan(0);
      } finally {
        await second.stop();
        await database.close();
        await gw.stop();
        await receiver.close();
      }
    },
    60_000,
  );

  it.skipIf(!process.env.DATABASE_URL)(
    "never claim one notification twice when their claims run at the same moment (Postgres only, as above)",
    async () => {
      const receiver = await new WebhookReceiver(SECRET).start();
      const gw = await startTestGateway();
      const settings = { ...deliverySettings(loadConfig({ ...FAST_DELIVERY, NOTIFY_TIMEOUT_MS: "5000", NOTIFY_WEBHOOK_URL: receiver.url }))!, maxAttempts: 1 };
      const pools = [0, 1].map(() => openDatabase({ databaseUrl: gw.databaseUrl, dataDir: "memory://", migrationsDir: "drizzle", poolMax: 2 }));
      const workers = pools.map((p) => new RateNotificationWorker(p.db, settings, pino({ level: "silent" })));
      try {
        const w = await insertWorld(gw.database.db, "L");
        const client = await clientUsing(gw.database.db, w.partitionA, "L customer", w.rateTableA1);
        const count = 200;
        await gw.database.db
          .insert(rateNotifications)
          .values(Array.from({ length: count }, () => ({ clientId: Number(client), rateTableId: Number(w.rateTableA1), effectiveFrom: new Date(), changes: [] })));
        // Rounds in lockstep: both claim statements start together, every time.
        for (let round = 0; round < count; round++) {
          const claimed = await Promise.all(workers.map((worker) => worker.round()));
          if (claimed.every((n) => n === 0)) break;
        }
        const keys = receiver.deliveries.map((d) => d.key);
        expect(keys).toHaveLength(count);
        expect(new Set(keys).size).toBe(count);
        expect(await gw.database.db.$count(rateNotifications, eq(rateNotifications.state, "sent"))).toBe(count);
      } finally {
        await Promise.all(pools.map((p) => p.close()));
        await gw.stop();
        await receiver.close();
      }
    },
    60_000,
  );
});
