import { z } from "zod";

const booleanFlag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

/** A comma-separated list; blanks around items and empty items are dropped. */
const commaList = z.string().transform((v) => v.split(",").map((item) => item.trim()).filter((item) => item !== ""));

/** A browser origin exactly as the Origin header sends it: scheme, host and port, no path or trailing slash. */
function isExactOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    // Origins are compared exactly: a wildcard would silently match nothing.
    return (url.protocol === "http:" || url.protocol === "https:") && url.origin === value && !value.includes("*");
  } catch {
    return false;
  }
}

/** Every setting the gateway reads from the environment, validated once at start. */
const configSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().min(1).default("0.0.0.0"),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  MIGRATIONS_DIR: z.string().min(1).default("drizzle"),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(10),
  /**
   * `session`: a direct Postgres connection (or a session-mode pooler). `transaction`: behind a transaction-mode
   * pooler such as PgBouncer's pool_mode=transaction, where a connection changes under the client between
   * transactions: no prepared statements and no connection settings (put them on the role or the pooler).
   */
  DATABASE_POOL_MODE: z.enum(["session", "transaction"]).default("session"),
  /** How long a request waits for the database (a connection, then the API key lookup) before answering 503. */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** Reads as named prepared statements; false behind a pooler in transaction mode (PgBouncer < 1.21). */
  DATABASE_PREPARED_STATEMENTS: booleanFlag.default(true),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  /** Makes sure an ADMIN key with exactly this value exists at start (automation, tests). */
  BOOTSTRAP_API_KEY: z.string().min(20, "must be at least 20 characters").max(256).optional(),
  /** Behind a reverse proxy, the number of proxy hops whose X-Forwarded-For to trust for the client IP. */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** Introspection and the Sandbox landing page: on outside production unless set. */
  ENABLE_INTROSPECTION: booleanFlag.optional(),
  ENABLE_SANDBOX: booleanFlag.optional(),
  MAX_BODY_BYTES: z.coerce.number().int().min(1_024).max(100_000_000).default(1_048_576),
  /** The larger body a codesImport may send: 50,000 codes with ASCII names of any allowed length fit in 16 MiB. */
  MAX_IMPORT_BODY_BYTES: z.coerce.number().int().min(1_024).max(100_000_000).default(16_777_216),
  MAX_QUERY_DEPTH: z.coerce.number().int().min(2).max(100).default(12),
  MAX_ALIASES: z.coerce.number().int().min(0).max(1_000).default(30),
  MAX_TOKENS: z.coerce.number().int().min(100).max(1_000_000).default(5_000),
  /** Estimated cost: 1 per field, multiplied by the page size of every list it sits in. */
  MAX_QUERY_COST: z.coerce.number().int().min(10).max(100_000_000).default(250_000),
  /** Redis shared by the replicas: rate limit windows and the persisted query cache. Unset: each process keeps its own. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
    .optional(),
  /** Prefix of every Redis key: deployments on different databases that share one Redis need different ones. */
  REDIS_KEY_PREFIX: z.string().min(1).max(100).default("billing-gateway:"),
  /** GET /metrics (Prometheus): on outside production unless set. */
  METRICS_ENABLED: booleanFlag.optional(),
  /** When set, /metrics answers only requests with `Authorization: Bearer <this token>`. */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").max(256).optional(),
  /** How long an accepted API key is remembered per client address: a revocation takes effect within this; 0 looks every key up. */
  API_KEY_CACHE_SECONDS: z.coerce.number().int().min(0).max(3_600).default(5),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(1_200),
  STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(15_000),
  /** Where the worker POSTs rate notifications; unset leaves them PENDING. */
  NOTIFY_WEBHOOK_URL: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, "must be an http:// or https:// URL")
    .optional(),
  /** HMAC-SHA256 key of the X-Signature header; required with NOTIFY_WEBHOOK_URL. */
  NOTIFY_WEBHOOK_SECRET: z.string().min(16, "must be at least 16 characters").max(1_024).optional(),
  NOTIFY_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  /** The first retry waits this long; each next one twice as long, up to NOTIFY_BACKOFF_MAX_MS. */
  NOTIFY_BACKOFF_BASE_MS: z.coerce.number().int().min(10).max(86_400_000).default(30_000),
  NOTIFY_BACKOFF_MAX_MS: z.coerce.number().int().min(10).max(86_400_000).default(3_600_000),
  /** How often an idle worker looks for due notifications. */
  NOTIFY_POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(3_600_000).default(5_000),
  /** Origins whose pages may call the API, e.g. https://billing.example.com; "*" for any (not in production). */
  CORS_ORIGINS: commaList
    .pipe(z.array(z.string().refine((o) => o === "*" || isExactOrigin(o), { error: (issue) => `${String(issue.input)} is not an origin like https://app.example.com (scheme, host, optional port; no path)` })))
    .default([]),
  /** Manifests (client preset persisted-documents.json) of the only documents that may run. */
  TRUSTED_DOCUMENTS: commaList.optional(),
  /** Lets ADMIN keys not confined to a partition run any document while TRUSTED_DOCUMENTS is set. */
  TRUSTED_DOCUMENTS_ADMIN_BYPASS: booleanFlag.default(false),
  /** statement_timeout for migrations and the CLIs (seeding builds indexes on large tables); 0 means none. */
  MIGRATION_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(86_400_000).default(0),
}).superRefine((config, context) => {
  if (config.NOTIFY_WEBHOOK_URL && !config.NOTIFY_WEBHOOK_SECRET) {
    context.addIssue({ code: "custom", path: ["NOTIFY_WEBHOOK_SECRET"], message: "is required when NOTIFY_WEBHOOK_URL is set" });
  }
  if (config.NOTIFY_BACKOFF_MAX_MS < config.NOTIFY_BACKOFF_BASE_MS) {
    context.addIssue({ code: "custom", path: ["NOTIFY_BACKOFF_MAX_MS"], message: "must be at least NOTIFY_BACKOFF_BASE_MS" });
  }
  if (config.NODE_ENV === "production" && config.CORS_ORIGINS.includes("*")) {
    context.addIssue({ code: "custom", path: ["CORS_ORIGINS"], message: '"*" (any origin) is refused in production: list the frontends\' origins' });
  }
  if (config.CORS_ORIGINS.includes("*") && config.CORS_ORIGINS.length > 1) {
    context.addIssue({ code: "custom", path: ["CORS_ORIGINS"], message: '"*" means any origin: give it alone, or list origins without it' });
  }
  if (config.TRUSTED_DOCUMENTS?.length === 0) {
    context.addIssue({ code: "custom", path: ["TRUSTED_DOCUMENTS"], message: "names no manifest file" });
  }
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** Parses the environment; throws ConfigError naming every bad variable and why. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in most shells' `FOO= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = configSchema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}
