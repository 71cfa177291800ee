import { Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { ConnectionArgs } from "../../pagination.js";
import { readQueries } from "../../read-queries.js";
import { RateTable } from "../rate-table/rate-table.type.js";
import { TimeProfile } from "../time-profile/time-profile.type.js";
import { RatesArgs, SpecialRatesArgs } from "./rate.inputs.js";
import { listRates, listSpecialRates, ratesOfSpecialRate } from "./rate.service.js";
import { Rate, RateConnection, RatePricing, SpecialRate, SpecialRateConnection } from "./rate.type.js";

/** Relations every rate and special rate has, resolved once for the interface. */
@Resolver(() => RatePricing)
export class RatePricingResolver {
  @FieldResolver(() => RateTable, { description: "The rate table the price belongs to." })
  async rateTable(@Root() rate: RatePricing, @Ctx() ctx: Context) {
    return ctx.loaders.rateTableById.load(rate.rateTableId);
  }

  @FieldResolver(() => TimeProfile, { description: "When during the week the price applies." })
  async timeProfile(@Root() rate: RatePricing, @Ctx() ctx: Context) {
    return ctx.loaders.timeProfileById.load(rate.timeProfileId);
  }
}

@Resolver(() => Rate)
export class RateResolver extends readQueries({
  type: Rate,
  connection: RateConnection,
  args: RatesArgs,
  single: "rate",
  plural: "rates",
  noun: "rates",
  load: (ctx, id) => ctx.loaders.rateById.load(id),
  list: (ctx, args) => listRates(ctx.db, args),
}) {
  @FieldResolver(() => String, {
    nullable: true,
    description: "Code name of the code in the rate table's code deck; null when the table has no deck or the deck lacks the code.",
  })
  async codeName(@Root() rate: Rate, @Ctx() ctx: Context) {
    const table = await ctx.loaders.rateTableById.load(rate.rateTableId);
    return table?.codeDeckId == null ? null : ctx.loaders.codeNameByDeckCode.load(`${table.codeDeckId}:${rate.code}`);
  }

  @FieldResolver(() => SpecialRate, { nullable: true, description: "The special rate this rate was generated from; null for a regular rate." })
  async specialRate(@Root() rate: Rate, @Ctx() ctx: Context) {
    return rate.specialRateId === null ? null : ctx.loaders.specialRateById.load(rate.specialRateId);
  }
}

@Resolver(() => SpecialRate)
export class SpecialRateResolver extends readQueries({
  type: SpecialRate,
  connection: SpecialRateConnection,
  args: SpecialRatesArgs,
  single: "specialRate",
  plural: "specialRates",
  noun: "special rates",
  load: (ctx, id) => ctx.loaders.specialRateById.load(id),
  list: (ctx, args) => listSpecialRates(ctx.db, args),
}) {
  @FieldResolver(() => RateConnection, { description: "The regular rates generated from this special rate, one per code." })
  rates(@Root() special: SpecialRate, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: Context) {
    return ratesOfSpecialRate(ctx.db, ctx.loaders.pages, special.id, args);
  }
}
