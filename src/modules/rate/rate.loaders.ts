import type { GraphQLResolveInfo } from "graphql";
import type { Context, Loaders } from "../../context.js";
import type { Db } from "../../db/client.js";
import { rates, specialRates, type SpecialRateRow } from "../../db/schema.js";
import { tableByIdLoader } from "../../loading/by-id.js";
import { embeddable } from "../../loading/embedded.js";
import { embedsOf, selectedFieldNames } from "../../loading/lookahead.js";
import { RATE_TABLE_SOURCE } from "../rate-table/rate-table.loaders.js";
import { TIME_PROFILE_SOURCE } from "../time-profile/time-profile.loaders.js";
import { RATE_SOURCE, type RateRow, type RateSelection } from "./rate.service.js";

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
export function rateSelection(info: GraphQLResolveInfo, ctx: Context): RateSelection {
  return { fields: selectedFieldNames(info, "connection"), embeds: embedsOf(info, "connection", RATE_EMBEDS, ctx.loaders) };
}
