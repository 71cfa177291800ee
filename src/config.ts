import { z } from "zod";

const booleanFlag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

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
  /** How long an accepted API key is remembered per client address: a revocation takes effect within this; 0 looks every key up. */
  API_KEY_CACHE_SECONDS: z.coerce.number().int().min(0).max(3_600).default(5),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(1_200),
  STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(15_000),
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
