/**
 * Postgres error codes we turn into userErrors. Both drivers expose the SQLSTATE as `code`;
 * postgres.js names the constraint `constraint_name`, PGlite `constraint`; Drizzle wraps either in `cause`.
 */
interface PgErrorFields {
  code?: string;
  constraint?: string;
  constraint_name?: string;
  cause?: unknown;
}

function findPgError(error: unknown): PgErrorFields | undefined {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as PgErrorFields).cause, depth++) {
    const code = (e as PgErrorFields).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return e as PgErrorFields;
  }
  return undefined;
}

export type ConstraintKind = "unique" | "foreign_key" | "check" | "exclusion";

const KINDS: Record<string, ConstraintKind> = { "23505": "unique", "23503": "foreign_key", "23514": "check", "23P01": "exclusion" };

/** Which constraint a statement violated, and how, when the error is a constraint violation. */
export function constraintViolation(error: unknown): { kind: ConstraintKind; constraint: string } | undefined {
  const pg = findPgError(error);
  const kind = pg?.code ? KINDS[pg.code] : undefined;
  return kind ? { kind, constraint: pg?.constraint ?? pg?.constraint_name ?? "" } : undefined;
}
