import type { GraphQLResolveInfo } from "graphql";
import type { Context, Loaders } from "../../context.js";
import type { Db } from "../../db/client.js";
import { rates, specialRates, type SpecialRateRow } from "../../db/schema.js";
import { tableByIdLoader } from "../../loading/by-id.js";
import type { ChildPageRequest } from "../../loading/child-pages.js";
import { embeddable } from "../../loading/embedded.js";
import { embedsOf, selectedChild, selectedFieldNames } from "../../loading/lookahead.js";
import { argumentsPass } from "../../graphql/argument-guard.js";
import { RATE_TABLE_SOURCE } from "../rate-table/rate-table.loaders.js";
import { TIME_PROFILE_SOURCE } from "../time-profile/time-profile.loaders.js";
import type { TableRatesArgs } from "./rate.inputs.js";
import { RATE_SOURCE, tableRatesPage, type RateRow, type RateSelection } from "./rate.service.js";

export function createRateLoaders(db: Db) {
  return {
    rateById: tableByIdLoader<RateRow>(db, RATE_SOURCE),
    specialRateById: tableByIdLoader<SpecialRateRow>(db, { table: specialRates, id: specialRates.id }),
  };
}

/**
 * What a statement reading rates also reads when the request selects it: a page of rates names a few
 * time profiles (and one rate table) many times over. specialRate and stashedBy would join special_rates
 * twice, which one statement cannot; they stay with their loader.
 */
export const RATE_EMBEDS = embeddable<Loaders>({
  parent: RATE_SOURCE,
  references: [
    { path: "timeProfile", key: rates.timeProfileId, target: TIME_PROFILE_SOURCE, loader: (l) => l.timeProfileById },
    { path: "rateTable", key: rates.rateTableId, target: RATE_TABLE_SOURCE, loader: (l) => l.rateTableById },
  ],
  lists: [],
});

/** What a field returning a page of rates selects on them. */
export function rateSelection(info: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments" | "operation" | "schema">, ctx: Context): RateSelection {
  return { fields: selectedFieldNames(info, "connection"), embeds: embedsOf(info, "connection", RATE_EMBEDS, ctx.loaders) };
}

/**
 * The page of rates a rate table read by id selects (`rateTable(id) { rates(...) }`), to read with the
 * table in one statement (see LoaderCache.withPage); none when `rates` is not selected, selected twice
 * with other arguments, or given arguments the field refuses, which its resolver then reports as before.
 */
export function ratesUnder(info: GraphQLResolveInfo, ctx: Context): ChildPageRequest<RateRow> | undefined {
  const child = selectedChild(info, "rates");
  if (!child || !argumentsPass(child.field, child.args)) return undefined;
  try {
    return tableRatesPage(child.args as TableRatesArgs, rateSelection(child.info, ctx));
  } catch {
    return undefined;
  }
}
