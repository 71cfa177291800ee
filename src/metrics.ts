import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { sql } from "drizzle-orm";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Database } from "./db/client.js";
import { queryRows } from "./db/query-rows.js";
import { notificationOutbox } from "./db/schema.js";
import type { Outcome } from "./request-state.js";
import { sendJson } from "./http/json-errors.js";

/** Distinct operation names kept as label values; later new names count as "other" (clients choose names). */
const MAX_OPERATIONS = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export interface ObservedRequest {
  operationName: string | null | undefined;
  outcome: Outcome;
  seconds: number;
  statements: number;
}

/** The Prometheus metrics of one gateway process (served at /metrics), in a registry of their own. */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();
  private readonly requests = new Counter({
    name: "gateway_graphql_requests_total",
    help: "GraphQL requests by operation name and outcome (ok, user_error, client_error, server_error).",
    labelNames: ["operation", "outcome"] as const,
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: "gateway_graphql_request_duration_seconds",
    help: "Time from receiving a GraphQL request to sending its answer, by outcome.",
    labelNames: ["outcome"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly statements = new Histogram({
    name: "gateway_graphql_request_sql_statements",
    help: "SQL statements one GraphQL request ran, the API key lookup included.",
    buckets: [0, 1, 2, 4, 8, 16, 32, 64, 128],
    registers: [this.registry],
  });

  constructor(database: Database) {
    collectDefaultMetrics({ register: this.registry });
    const { activity } = database;
    const pool = [
      ["gateway_db_pool_in_use", "inUse", "Database connections busy with a statement or transaction of this process"],
      ["gateway_db_pool_waiting", "waiting", "Statements and transactions of this process waiting for a free database connection"],
    ] as const;
    for (const [name, field, help] of activity ? pool : []) {
      new Gauge({
        name,
        help: `${help} (counted by the gateway: postgres.js exposes no pool statistics).`,
        registers: [this.registry],
        collect() {
          this.set(activity!()[field]);
        },
      });
    }
    new Gauge({
      name: "gateway_notification_outbox_backlog",
      help: "Notification outbox events not processed yet, counted at scrape time; NaN when the database does not answer.",
      registers: [this.registry],
      async collect() {
        try {
          const [row] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from ${notificationOutbox} where processed_at is null`);
          this.set(row?.n ?? 0);
        } catch {
          this.set(Number.NaN);
        }
      },
    });
  }

  observe(request: ObservedRequest): void {
    this.requests.inc({ operation: this.operationLabel(request.operationName), outcome: request.outcome });
    this.duration.observe({ outcome: request.outcome }, request.seconds);
    this.statements.observe(request.statements);
  }

  private operationLabel(name: string | null | undefined): string {
    if (!name) return "anonymous";
    if (!OPERATION_NAME.test(name)) return "other";
    if (!this.operations.has(name)) {
      if (this.operations.size >= MAX_OPERATIONS) return "other";
      this.operations.add(name);
    }
    return name;
  }
}

/** GET /metrics in Prometheus' text format; with a token, only for `Authorization: Bearer <token>`. */
export function metricsEndpoint(metrics: GatewayMetrics, token: string | undefined): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const expected = token === undefined ? undefined : Buffer.from(`Bearer ${token}`);
  return async (req, res) => {
    const given = Buffer.from(req.headers.authorization ?? "");
    if (expected && (given.length !== expected.length || !timingSafeEqual(given, expected))) {
      res.setHeader("www-authenticate", "Bearer");
      sendJson(res, 401, { error: "/metrics needs Authorization: Bearer <METRICS_TOKEN>" });
      return;
    }
    const text = await metrics.registry.metrics();
    res.setHeader("content-type", metrics.registry.contentType);
    res.end(text);
  };
}
