/**
 * Postgres errors the gateway answers in a specific way. Both drivers expose the SQLSTATE as `code`;
 * postgres.js names the constraint `constraint_name`, PGlite `constraint`; Drizzle wraps either in `cause`.
 */
interface PgErrorFields {
  code?: string;
  constraint?: string;
  constraint_name?: string;
  cause?: unknown;
}

/** The errors along an error's `cause` chain (Drizzle wraps the driver's error). */
function* causes(error: unknown): Generator<PgErrorFields> {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as PgErrorFields).cause, depth++) {
    yield e as PgErrorFields;
  }
}

function sqlState(error: unknown): string | undefined {
  for (const e of causes(error)) {
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

export type ConstraintKind = "unique" | "foreign_key" | "check" | "exclusion";

const KINDS: Record<string, ConstraintKind> = { "23505": "unique", "23503": "foreign_key", "23514": "check", "23P01": "exclusion" };

/** Which constraint a statement violated, and how, when the error is a constraint violation. */
export function constraintViolation(error: unknown): { kind: ConstraintKind; constraint: string } | undefined {
  for (const e of causes(error)) {
    const kind = e.code ? KINDS[e.code] : undefined;
    if (kind) return { kind, constraint: e.constraint ?? e.constraint_name ?? "" };
  }
  return undefined;
}

/** A deadlock or serialization failure: the transaction lost a race and may simply be run again. */
export function isTransientConflict(error: unknown): boolean {
  const code = sqlState(error);
  return code === "40P01" || code === "40001";
}

/** Thrown when no database connection could be had in time; see isDatabaseUnavailable. */
export class DatabaseUnavailableError extends Error {}

/** postgres.js and Node socket codes for a database that cannot be reached or went away. */
const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
]);

/**
 * True when the database cannot serve the request right now (down, restarting, out of connections):
 * the client should retry later (HTTP 503), and nothing about the request itself is wrong.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const e of causes(error)) {
    if (e instanceof DatabaseUnavailableError) return true;
    if (typeof e.code === "string" && UNREACHABLE.has(e.code)) return true;
    // Class 08: connection exceptions; 57P01-57P03: shutdown or start-up; 53300: too many connections.
    if (typeof e.code === "string" && (/^08/.test(e.code) || ["57P01", "57P02", "57P03", "53300"].includes(e.code))) return true;
  }
  return false;
}
