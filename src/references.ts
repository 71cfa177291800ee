import { and, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "./db/client.js";
import { UserErrorCode, type UserErrorList } from "./errors.js";
import { visibleIn } from "./scope.js";
import { inIdArray } from "./db/id-array.js";

/** A kind of object an input may point at, and the condition that makes it visible to this write. */
export interface Target {
  table: PgTable;
  id: PgColumn;
  /** Noun for messages, e.g. "rate table". */
  what: string;
  /** E.g. "in the client's partition": anything else is reported as absent. */
  where?: SQL;
}

/**
 * Collects the ids an input points at, then checks them with one statement per kind of target.
 * Each missing id, or one outside the request's partition, becomes a NOT_FOUND userError on the path
 * that named it.
 */
export class References {
  private readonly wanted: { target: Target; id: number; path: string[] }[] = [];

  add(target: Target, path: string[], id: number | null | undefined): void {
    if (id != null) this.wanted.push({ target, id, path });
  }

  addAll(target: Target, path: string[], ids: readonly number[] | null | undefined): void {
    ids?.forEach((id, i) => this.add(target, [...path, String(i)], id));
  }

  async check(db: Db, errors: UserErrorList): Promise<void> {
    const byTarget = new Map<Target, { id: number; path: string[] }[]>();
    for (const { target, id, path } of this.wanted) byTarget.set(target, [...(byTarget.get(target) ?? []), { id, path }]);
    for (const [target, refs] of byTarget) {
      const found = await db
        .select({ id: target.id })
        .from(target.table)
        .where(and(inIdArray(target.id, new Set(refs.map((r) => r.id))), target.where, visibleIn(target.table)));
      const present = new Set(found.map((r) => r.id as number));
      for (const ref of refs) {
        if (!present.has(ref.id)) errors.add(ref.path, UserErrorCode.NOT_FOUND, `no ${target.what} with this id`);
      }
    }
  }
}
