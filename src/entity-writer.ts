import { count, eq, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "./db/client.js";
import { UserErrorCode, UserErrorList } from "./errors.js";
import { audit, lockForChange, transact, type ConstraintErrors, type Writer } from "./mutation.js";
import type { MutationResult } from "./payload.js";
import { collectChanges, type FieldRule } from "./validation.js";

type Table = PgTable & { id: PgColumn; updatedAt: PgColumn };
type Rules = Record<string, FieldRule>;

/** Something that points at the entity and so keeps it from being deleted. */
export interface Dependent {
  column: PgColumn;
  table: PgTable;
  /** Plural noun for the message, e.g. "rate tables". */
  what: string;
}

export interface EntitySpec<T extends Table, CreateInput extends object, UpdateInput extends object, Extra> {
  table: T;
  /** GraphQL type name, recorded in audit events. */
  objectType: string;
  /** Noun for messages, e.g. "routing plan". */
  what: string;
  createRules: { [K in keyof CreateInput]?: FieldRule };
  updateRules: { [K in keyof UpdateInput]?: FieldRule };
  constraints?: ConstraintErrors;
  /**
   * On create, fills what the input left out from elsewhere (e.g. a template), inside the transaction and
   * before `check`. `columns` holds only what the input gave (an explicit null included), so it must win.
   */
  completeCreate?(
    tx: Db,
    errors: UserErrorList,
    input: CreateInput,
    columns: T["$inferInsert"],
    extra: Extra | undefined,
  ): Promise<{ columns: T["$inferInsert"]; extra: Extra | undefined }>;
  /** Checks needing the database or several fields: references, cross-field rules. `existing` is unset on create. */
  check?(tx: Db, errors: UserErrorList, merged: T["$inferInsert"], existing: T["$inferSelect"] | undefined, extra: Extra | undefined): Promise<void>;
  /** Parts of the input that are not columns (child rows, links), checked together with the fields. */
  readExtra?(errors: UserErrorList, input: UpdateInput): Extra | undefined;
  /** Writes that go with the row (e.g. the child rows readExtra read), after it is inserted or updated. */
  afterWrite?(tx: Db, row: T["$inferSelect"], extra: Extra | undefined): Promise<void>;
  /** Rows that block a delete with CONFLICT while they point at the entity. */
  dependents?: Dependent[];
  /** Rows deleted along with the entity (they belong to it), before it. */
  ownedRows?(tx: Db, row: T["$inferSelect"]): Promise<void>;
  /** What the audit log records of the entity; its row by default. */
  audited?(tx: Db, row: T["$inferSelect"]): Promise<unknown>;
  partitionId(tx: Db, row: T["$inferSelect"]): Promise<number | null>;
}

/**
 * Create, update and delete for an entity whose writes follow the common pattern: validate every
 * field, lock, check, write, audit — all in one transaction, all problems reported at once.
 */
export function entityWriter<T extends Table, CreateInput extends object, UpdateInput extends object, Extra = undefined>(
  spec: EntitySpec<T, CreateInput, UpdateInput, Extra>,
) {
  const audited = (tx: Db, row: T["$inferSelect"]) => (spec.audited ? spec.audited(tx, row) : Promise.resolve(row));

  return {
    async create(w: Writer, input: CreateInput): Promise<MutationResult<T["$inferSelect"]>> {
      const errors = new UserErrorList();
      const given = collectChanges(errors, ["input"], input, spec.createRules as Rules) as T["$inferInsert"];
      const givenExtra = spec.readExtra?.(errors, input as unknown as UpdateInput);
      return transact(
        w.db,
        errors,
        async (tx) => {
          const { columns, extra } = spec.completeCreate
            ? await spec.completeCreate(tx, errors, input, given, givenExtra)
            : { columns: given, extra: givenExtra };
          await spec.check?.(tx, errors, columns, undefined, extra);
          if (!errors.isEmpty) return undefined;
          const [row] = (await tx.insert(spec.table).values(columns).returning()) as T["$inferSelect"][];
          await spec.afterWrite?.(tx, row!, extra);
          const partitionId = await spec.partitionId(tx, row!);
          await audit(tx, w.actor, { action: "create", objectType: spec.objectType, objectId: row!.id as number, partitionId, after: await audited(tx, row!) });
          return row;
        },
        spec.constraints,
      );
    },

    async update(w: Writer, id: string, input: UpdateInput): Promise<MutationResult<T["$inferSelect"]>> {
      const errors = new UserErrorList();
      const changes = collectChanges(errors, ["input"], input, spec.updateRules as Rules);
      const extra = spec.readExtra?.(errors, input);
      return transact(
        w.db,
        errors,
        async (tx) => {
          const existing = await lockForChange(tx, errors, spec.table, id, spec.what, "update");
          if (!existing) return undefined;
          await spec.check?.(tx, errors, { ...existing, ...changes }, existing, extra);
          if (!errors.isEmpty) return undefined;
          const before = await audited(tx, existing);
          let row = existing;
          if (Object.keys(changes).length) {
            const set = { ...changes, updatedAt: sql`now()` } as Parameters<ReturnType<typeof tx.update<T>>["set"]>[0];
            const [updated] = (await tx.update(spec.table).set(set).where(eq(spec.table.id, existing.id)).returning()) as T["$inferSelect"][];
            row = updated!;
          }
          await spec.afterWrite?.(tx, row, extra);
          const partitionId = await spec.partitionId(tx, row);
          await audit(tx, w.actor, { action: "update", objectType: spec.objectType, objectId: existing.id as number, partitionId, before, after: await audited(tx, row) });
          return row;
        },
        spec.constraints,
      );
    },

    async remove(w: Writer, id: string): Promise<MutationResult<number>> {
      const errors = new UserErrorList();
      return transact(w.db, errors, async (tx) => {
        const existing = await lockForChange(tx, errors, spec.table, id, spec.what, "delete");
        if (!existing) return undefined;
        const key = existing.id as number;
        for (const dependent of spec.dependents ?? []) {
          const [row] = await tx.select({ n: count() }).from(dependent.table).where(eq(dependent.column, key));
          if (row && row.n > 0) errors.add(["id"], UserErrorCode.CONFLICT, `still used by ${row.n} ${dependent.what}; change or delete them first`);
        }
        if (!errors.isEmpty) return undefined;
        const before = await audited(tx, existing);
        const partitionId = await spec.partitionId(tx, existing);
        await spec.ownedRows?.(tx, existing);
        await tx.delete(spec.table).where(eq(spec.table.id, key));
        await audit(tx, w.actor, { action: "delete", objectType: spec.objectType, objectId: key, partitionId, before });
        return key;
      });
    },
  };
}
