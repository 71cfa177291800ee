import { and, eq, getTableColumns, gt, isNull, like, lte, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client.js";
import { codes, rates, rateTables, specialRates, type SpecialRateRow } from "../../db/schema.js";
import { chooseOrder, type OrderChoices } from "../../loading/list-args.js";
import { tablePage } from "../../loading/table-pages.js";
import { type ListSource } from "../../loading/rows.js";
import type { LoaderCache } from "../../loading/child-pages.js";
import { ConnectionArgs, prefixPattern, type KeysetOrder } from "../../loading/keyset-pagination.js";
import { parseId } from "../../validation.js";
import { RateOrderField, type RatesArgs, type SpecialRatesArgs, type TableRateFilter, type TableRatesArgs } from "./rate.inputs.js";

const nextVersion = alias(rates, "next_version");
// Drizzle prints an alias in a raw template as its bare name, so the FROM item is spelled out.
const nextVersionFrom = sql`${rates} as ${sql.identifier("next_version")}`;

/**
 * A column of the outer `rates` row, always qualified: Drizzle prints columns bare in a single-table
 * select, and a bare name inside the subquery would bind to next_version instead.
 */
const outer = (column: { name: string }) => sql`${sql.identifier("rates")}.${sql.identifier(column.name)}`;

/** Active versions of the same code, tag and time profile that start after the outer rate. */
const laterVersions = sql`${nextVersion.rateTableId} = ${outer(rates.rateTableId)} and ${nextVersion.code} = ${outer(rates.code)}
  and ${nextVersion.tag} = ${outer(rates.tag)} and ${nextVersion.timeProfileId} = ${outer(rates.timeProfileId)}
  and ${nextVersion.status} = 'active' and ${nextVersion.effectiveFrom} > ${outer(rates.effectiveFrom)}`;

/**
 * effectiveTill, computed rather than stored (it changes whenever a later version is added): the next
 * version's start or the end date, whichever comes first; `least` ignores nulls. The version index
 * (table, code, tag, time profile, effective from) answers the subquery with one probe.
 */
const effectiveTill = sql<Date | null>`least(${outer(rates.endDate)}, (select min(${nextVersion.effectiveFrom}) from ${nextVersionFrom} where ${laterVersions}))`
  .mapWith(rates.effectiveFrom)
  .as("effective_till");

export type RateRow = typeof rates.$inferSelect & { effectiveTill: Date | null };

export const RATE_SOURCE: ListSource = { table: rates, id: rates.id, fields: { ...getTableColumns(rates), effectiveTill } };

const RATE_ORDERS: OrderChoices<RateRow, RateOrderField> = {
  [RateOrderField.ID]: { name: "id", id: rates.id },
  [RateOrderField.CODE]: { name: "code", id: rates.id, key: { column: rates.code, pgType: "text", read: (r) => r.code } },
  [RateOrderField.EFFECTIVE_FROM]: {
    name: "effectiveFrom",
    id: rates.id,
    key: { column: rates.effectiveFrom, pgType: "timestamptz", read: (r) => r.effectiveFrom.toISOString() },
  },
};

/** A rate is in effect at `at` when it started, has not ended and no later active version has started. */
function inEffectAt(at: Date): SQL {
  return and(
    eq(rates.status, "active"),
    lte(rates.effectiveFrom, at),
    or(isNull(rates.endDate), gt(rates.endDate, at)),
    // An ISO string, not the Date: postgres.js would send a raw-template Date as Date.toString().
    sql`not exists (select 1 from ${nextVersionFrom} where ${laterVersions} and ${nextVersion.effectiveFrom} <= ${at.toISOString()}::timestamptz)`,
  )!;
}

function rateConditions(filter: TableRateFilter | null | undefined): (SQL | undefined)[] {
  if (!filter) return [];
  const profile = filter.timeProfileId == null ? undefined : (parseId(filter.timeProfileId) ?? 0);
  return [
    filter.codePrefix != null ? like(rates.code, prefixPattern(filter.codePrefix)) : undefined,
    filter.codeName != null
      ? sql`${rates.code} in (select ${codes.code} from ${codes} join ${rateTables} on ${rateTables.codeDeckId} = ${codes.codeDeckId}
          where ${rateTables.id} = ${outer(rates.rateTableId)} and ${codes.name} = ${filter.codeName})`
      : undefined,
    filter.status != null ? eq(rates.status, filter.status) : undefined,
    filter.tag != null ? eq(rates.tag, filter.tag) : undefined,
    profile !== undefined ? eq(rates.timeProfileId, profile) : undefined,
    filter.effectiveAt != null ? inEffectAt(filter.effectiveAt) : undefined,
  ];
}

export function listRates(db: Db, args: RatesArgs) {
  const tableId = args.filter?.rateTableId;
  const table = tableId == null ? undefined : (parseId(tableId) ?? 0);
  const where = and(table === undefined ? undefined : eq(rates.rateTableId, table), ...rateConditions(args.filter));
  return tablePage<RateRow>(db, RATE_SOURCE, args, chooseOrder(RATE_ORDERS, args.orderBy, RateOrderField.CODE), where);
}

export function ratesOfTable(db: Db, pages: LoaderCache, rateTableId: number, args: TableRatesArgs) {
  const source = { table: rates, id: rates.id, parent: rates.rateTableId, fields: RATE_SOURCE.fields, where: and(...rateConditions(args.filter)) };
  return pages.childPage<RateRow>(db, "rateTable.rates", source, args, chooseOrder(RATE_ORDERS, args.orderBy, RateOrderField.CODE), rateTableId);
}

const BY_ID: Omit<KeysetOrder<RateRow>, "direction"> = RATE_ORDERS[RateOrderField.ID];

/** The regular rates generated from a special rate, in id order. */
export function ratesOfSpecialRate(db: Db, pages: LoaderCache, specialRateId: number, args: ConnectionArgs) {
  const source = { table: rates, id: rates.id, parent: rates.specialRateId, fields: RATE_SOURCE.fields };
  return pages.childPage<RateRow>(db, "specialRate.rates", source, args, { ...BY_ID, direction: "ASC" }, specialRateId);
}

/** The regular rates a special rate holds stashed, in id order. */
export function stashedRatesOfSpecialRate(db: Db, pages: LoaderCache, specialRateId: number, args: ConnectionArgs) {
  const source = { table: rates, id: rates.id, parent: rates.stashedBySpecialRateId, fields: RATE_SOURCE.fields };
  return pages.childPage<RateRow>(db, "specialRate.stashedRates", source, args, { ...BY_ID, direction: "ASC" }, specialRateId);
}

const SPECIAL_BY_ID: KeysetOrder<SpecialRateRow> = { name: "id", id: specialRates.id, direction: "ASC" };

export function listSpecialRates(db: Db, args: SpecialRatesArgs) {
  const f = args.filter;
  const table = f?.rateTableId == null ? undefined : (parseId(f.rateTableId) ?? 0);
  const where = and(
    table === undefined ? undefined : eq(specialRates.rateTableId, table),
    f?.codeName != null ? eq(specialRates.codeName, f.codeName) : undefined,
    f?.status != null ? eq(specialRates.status, f.status) : undefined,
  );
  return tablePage(db, { table: specialRates, id: specialRates.id }, args, SPECIAL_BY_ID, where);
}

export function specialRatesOfTable(db: Db, pages: LoaderCache, rateTableId: number, args: ConnectionArgs) {
  const source = { table: specialRates, id: specialRates.id, parent: specialRates.rateTableId };
  return pages.childPage(db, "rateTable.specialRates", source, args, SPECIAL_BY_ID, rateTableId);
}
