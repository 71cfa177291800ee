import { and, eq, getTableColumns, gt, isNull, like, lte, or, sql, type SQL } from "drizzle-orm";
import { alias, type PgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client.js";
import { codes, rates, rateTables, specialRates, type SpecialRateRow } from "../../db/schema.js";
import { chooseOrder, type OrderChoices } from "../../loading/list-args.js";
import { tablePage } from "../../loading/table-pages.js";
import type { PageExtras } from "../../loading/lookahead.js";
import { neededFields, propertyOf, type FieldNeeds, type Fields, type ListSource } from "../../loading/rows.js";
import type { ChildPageRequest, LoaderCache } from "../../loading/child-pages.js";
import { ConnectionArgs, prefixPattern, type KeysetOrder } from "../../loading/keyset-pagination.js";
import type { Embeds } from "../../loading/embedded.js";
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

/** The codes of the outer rate's table's code deck: none when the table has no deck. */
const deckCodes = sql`from ${codes} join ${rateTables} on ${rateTables.codeDeckId} = ${codes.codeDeckId} where ${rateTables.id} = ${outer(rates.rateTableId)}`;

/**
 * codeName, read with the page rather than by a loader per rate after it: the code's name in the table's
 * deck, null without a deck or without the code. The deck's unique (deck, code) index answers it with one probe.
 */
const codeName = sql<string | null>`(select ${codes.name} ${deckCodes} and ${codes.code} = ${outer(rates.code)})`.as("code_name");

/** `codeName` is there when a page read it (see PAGE_FIELDS). */
export type RateRow = typeof rates.$inferSelect & { effectiveTill: Date | null; codeName?: string | null };

export const RATE_SOURCE: ListSource = { table: rates, id: rates.id, fields: { ...getTableColumns(rates), effectiveTill } };

/** What a page of rates can read: every column, effectiveTill and the code name. */
const PAGE_FIELDS: Fields = { ...RATE_SOURCE.fields, codeName };

/** The row properties each GraphQL field of Rate reads (see neededFields in src/loading/rows.ts); the rest read their own. */
const RATE_NEEDS: FieldNeeds = {
  rateTable: ["rateTableId"],
  timeProfile: ["timeProfileId"],
  specialRate: ["specialRateId"],
  stashedBy: ["stashedBySpecialRateId"],
};

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
      ? sql`${rates.code} in (select ${codes.code} ${deckCodes} and ${codes.name} = ${filter.codeName})`
      : undefined,
    filter.status != null ? eq(rates.status, filter.status) : undefined,
    filter.tag != null ? eq(rates.tag, filter.tag) : undefined,
    profile !== undefined ? eq(rates.timeProfileId, profile) : undefined,
    filter.effectiveAt != null ? inEffectAt(filter.effectiveAt) : undefined,
  ];
}

/** The columns and expressions a page needs for the fields selected on its rates, and its sort key. */
function pageFields(selected: Set<string>, order: KeysetOrder<RateRow>): Fields {
  return neededFields(PAGE_FIELDS, RATE_NEEDS, selected, propertyOf(PAGE_FIELDS, order.key?.column));
}

/** What a rates field selects: the Rate fields (for the columns) and what its statement embeds (see RATE_EMBEDS). */
export interface RateSelection {
  fields: Set<string>;
  embeds: Embeds | undefined;
}

export function listRates(db: Db, args: RatesArgs, selected: Set<string>, extras: PageExtras) {
  const tableId = args.filter?.rateTableId;
  const table = tableId == null ? undefined : (parseId(tableId) ?? 0);
  const where = and(table === undefined ? undefined : eq(rates.rateTableId, table), ...rateConditions(args.filter));
  const order = chooseOrder(RATE_ORDERS, args.orderBy, RateOrderField.CODE);
  return tablePage<RateRow>(db, { ...RATE_SOURCE, fields: pageFields(selected, order) }, args, order, where, extras);
}

/** Which page of rates a field asks for, and in which order. */
interface RatePage {
  args: ConnectionArgs;
  order: KeysetOrder<RateRow>;
}

/** One parent's page of rates, batched with its siblings' that read the same fields and embeds. */
function childRates(db: Db, pages: LoaderCache, field: string, children: { parent: PgColumn; where?: SQL | undefined }, page: RatePage, selection: RateSelection, parentId: number) {
  const fields = pageFields(selection.fields, page.order);
  const source = { table: rates, id: rates.id, fields, embeds: selection.embeds, ...children };
  return pages.childPage<RateRow>(db, field, source, page.args, page.order, parentId);
}

/** The page of a table's rates a `rates` field asks for: its loader's name, source, arguments and order. */
export function tableRatesPage(args: TableRatesArgs, selection: RateSelection): ChildPageRequest<RateRow> {
  const order = chooseOrder(RATE_ORDERS, args.orderBy, RateOrderField.CODE);
  const fields = pageFields(selection.fields, order);
  const source = { table: rates, id: rates.id, fields, embeds: selection.embeds, parent: rates.rateTableId, where: and(...rateConditions(args.filter)) };
  return { name: "rateTable.rates", source, args, order };
}

export function ratesOfTable(db: Db, pages: LoaderCache, rateTableId: number, args: TableRatesArgs, selection: RateSelection) {
  const { name, source, order } = tableRatesPage(args, selection);
  return pages.childPage<RateRow>(db, name, source, args, order, rateTableId);
}

const BY_ID: KeysetOrder<RateRow> = { ...RATE_ORDERS[RateOrderField.ID], direction: "ASC" };

/** The regular rates generated from a special rate, in id order. */
export function ratesOfSpecialRate(db: Db, pages: LoaderCache, specialRateId: number, args: ConnectionArgs, selection: RateSelection) {
  return childRates(db, pages, "specialRate.rates", { parent: rates.specialRateId }, { args, order: BY_ID }, selection, specialRateId);
}

/** The regular rates a special rate holds stashed, in id order. */
export function stashedRatesOfSpecialRate(db: Db, pages: LoaderCache, specialRateId: number, args: ConnectionArgs, selection: RateSelection) {
  return childRates(db, pages, "specialRate.stashedRates", { parent: rates.stashedBySpecialRateId }, { args, order: BY_ID }, selection, specialRateId);
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
