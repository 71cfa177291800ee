import { and, eq, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "./db/client.js";
import { constraintViolation, isTransientConflict } from "./db/pg-errors.js";
import { auditEvents } from "./db/schema.js";
import { UserErrorCode, userError, type UserError, type UserErrorList } from "./errors.js";
import { failed, succeeded, type MutationResult } from "./payload.js";
import { visibleIn } from "./scope.js";
import { parseId } from "./validation.js";

/** What a mutation service needs besides its input: the database and who is acting. */
export interface Writer {
  db: Db;
  /** Id of the API key making the change; null for changes made outside a request (CLI, seed). */
  actor: string | null;
}

/** Thrown inside the transaction to roll it back when the work found userErrors. */
class Refused extends Error {}

/** userErrors for constraint violations, by constraint name: the database decides races, not a prior SELECT. */
export type ConstraintErrors = Record<string, () => UserError>;

/** How often a transaction that lost a deadlock or serialization race is run again before giving up. */
const TRANSACTION_ATTEMPTS = 4;

/**
 * Runs `work` in one transaction. If it records userErrors (returning undefined), or a constraint is
 * violated because a concurrent write won a race, everything is rolled back and userErrors are
 * returned instead. Listed constraints get their own userError; any other unique or foreign-key
 * violation becomes a generic TAKEN or CONFLICT, never a 500. A transaction Postgres aborts as a
 * deadlock victim or serialization failure is run again from the start (its earlier reads are void);
 * after the last attempt the answer is CONFLICT.
 */
export async function transact<T>(
  db: Db,
  errors: UserErrorList,
  work: (tx: Db) => Promise<T | undefined>,
  constraints: ConstraintErrors = {},
): Promise<MutationResult<T>> {
  const checkedBefore = errors.errors.length;
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await db.transaction(async (tx) => {
        const value = await work(tx as unknown as Db);
        if (!errors.isEmpty) throw new Refused();
        if (value === undefined) throw new Error("mutation produced neither a result nor userErrors");
        return value;
      });
      return succeeded(result);
    } catch (error) {
      if (error instanceof Refused) return failed(errors.errors);
      if (isTransientConflict(error)) {
        errors.truncate(checkedBefore);
        if (attempt < TRANSACTION_ATTEMPTS) {
          // A little random wait, so the transactions that collided do not collide again in lockstep.
          await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
          continue;
        }
        return failed([userError(null, UserErrorCode.CONFLICT, "concurrent changes to the same objects kept colliding; try again")]);
      }
      const violation = constraintViolation(error);
      if (!violation) throw error;
      const mapped = constraints[violation.constraint];
      if (mapped) return failed([mapped()]);
      if (violation.kind === "unique") return failed([userError(null, UserErrorCode.TAKEN, "a value that must be unique is already used")]);
      if (violation.kind === "foreign_key") {
        return failed([userError(null, UserErrorCode.CONFLICT, "a related object was changed or removed at the same time; try again")]);
      }
      throw error;
    }
  }
}

export interface AuditEntry {
  action: "create" | "update" | "delete";
  objectType: string;
  objectId: number;
  partitionId: number | null;
  before?: unknown;
  after?: unknown;
}

/** Appends an audit record inside the caller's transaction, so it exists exactly when the change does. */
export function audit(tx: Db, actor: string | null, entry: AuditEntry): Promise<void> {
  return auditMany(tx, actor, [entry]);
}

/** Rows become plain JSON (dates as ISO strings) before they are stored in jsonb. */
function toJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

/**
 * The row a mutation changes, locked until the transaction ends so the checks that follow see what
 * the write will change. Records NOT_FOUND on `id` when there is none. An update takes Postgres's own
 * lock for a non-key update, which still lets other transactions insert rows that reference this one
 * (a foreign key check takes a key-share lock): with a full row lock, two updates that each point at
 * the other's row deadlocked. A delete takes the full lock, so nothing new can reference the row.
 */
export async function lockForChange<T extends PgTable & { id: PgColumn }>(
  tx: Db,
  errors: UserErrorList,
  table: T,
  id: string,
  what: string,
  purpose: "update" | "delete",
): Promise<T["$inferSelect"] | undefined> {
  const key = parseId(id);
  const [row] =
    key === undefined
      ? []
      : await tx
          .select()
          .from(table as PgTable)
          .where(and(eq(table.id, key), visibleIn(table)))
          .for(purpose === "update" ? "no key update" : "update");
  if (!row) errors.add(["id"], UserErrorCode.NOT_FOUND, `no ${what} with this id`);
  return row as T["$inferSelect"] | undefined;
}

/**
 * Replaces a parent's rows in a link table (an account's rate tables, a template's, ...): the rows
 * `owned` selects are deleted and `rows` inserted. Undefined rows leave the links as they are.
 */
export async function replaceLinks<T extends PgTable>(tx: Db, table: T, owned: SQL | undefined, rows: T["$inferInsert"][] | undefined): Promise<void> {
  if (rows === undefined) return;
  await tx.delete(table).where(owned);
  if (rows.length) await tx.insert(table).values(rows);
}

/** Appends several audit records in one statement (e.g. one per rate of a bulk create). */
export async function auditMany(tx: Db, actor: string | null, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.insert(auditEvents).values(
    entries.map((entry) => ({
      actor,
      action: entry.action,
      objectType: entry.objectType,
      objectId: entry.objectId,
      partitionId: entry.partitionId,
      before: entry.before === undefined ? null : toJson(entry.before),
      after: entry.after === undefined ? null : toJson(entry.after),
    })),
  );
}
