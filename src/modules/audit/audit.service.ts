import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { auditEvents, type AuditEventRow } from "../../db/schema.js";
import { idEquals } from "../../ids.js";
import { tablePage } from "../../loading/table-pages.js";
import type { KeysetOrder } from "../../loading/keyset-pagination.js";
import type { AuditEventsArgs } from "./audit.inputs.js";

/** Newest first; the (object type, object id, id) index serves the per-object history. */
const NEWEST_FIRST: KeysetOrder<AuditEventRow> = { name: "id", id: auditEvents.id, direction: "DESC" };

export function listAuditEvents(db: Db, args: AuditEventsArgs) {
  const f = args.filter;
  const where = and(f?.objectType != null ? eq(auditEvents.objectType, f.objectType) : undefined, idEquals(auditEvents.objectId, f?.objectId));
  return tablePage(db, { table: auditEvents, id: auditEvents.id }, args, NEWEST_FIRST, where);
}
