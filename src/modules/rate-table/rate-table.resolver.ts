import { Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { ConnectionArgs } from "../../pagination.js";
import { readQueries } from "../../read-queries.js";
import { CodeDeck } from "../code-deck/code-deck.type.js";
import { Currency } from "../currency/currency.type.js";
import { Partition } from "../partition/partition.type.js";
import { TableRatesArgs } from "../rate/rate.inputs.js";
import { ratesOfTable, specialRatesOfTable } from "../rate/rate.service.js";
import { RateConnection, SpecialRateConnection } from "../rate/rate.type.js";
import { RateTablesArgs } from "./rate-table.inputs.js";
import { listRateTables } from "./rate-table.service.js";
import { RateTable, RateTableConnection } from "./rate-table.type.js";

@Resolver(() => RateTable)
export class RateTableResolver extends readQueries({
  type: RateTable,
  connection: RateTableConnection,
  args: RateTablesArgs,
  single: "rateTable",
  plural: "rateTables",
  noun: "rate tables",
  load: (ctx, id) => ctx.loaders.rateTableById.load(id),
  list: (ctx, args) => listRateTables(ctx.db, args),
}) {
  @FieldResolver(() => Partition, { description: "The partition (reseller) that owns the table." })
  async partition(@Root() table: RateTable, @Ctx() ctx: Context) {
    return ctx.loaders.partitionById.load(table.partitionId);
  }

  @FieldResolver(() => Currency, { description: "Currency of every price in the table." })
  async currency(@Root() table: RateTable, @Ctx() ctx: Context) {
    return ctx.loaders.currencyById.load(table.currencyId);
  }

  @FieldResolver(() => CodeDeck, { nullable: true, description: "Code deck naming the table's codes; null when none." })
  async codeDeck(@Root() table: RateTable, @Ctx() ctx: Context) {
    return table.codeDeckId === null ? null : ctx.loaders.codeDeckById.load(table.codeDeckId);
  }

  @FieldResolver(() => RateTable, {
    nullable: true,
    description: "Parent table whose rates this one inherits (its own codes win at equal length); null when none.",
  })
  async parent(@Root() table: RateTable, @Ctx() ctx: Context) {
    return table.parentRateTableId === null ? null : ctx.loaders.rateTableById.load(table.parentRateTableId);
  }

  @FieldResolver(() => RateConnection, { description: "The table's own rates, filtered and sorted; keyset-paginated." })
  rates(@Root() table: RateTable, @Args(() => TableRatesArgs) args: TableRatesArgs, @Ctx() ctx: Context) {
    return ratesOfTable(ctx.db, ctx.loaders.pages, table.id, args);
  }

  @FieldResolver(() => SpecialRateConnection, { description: "The table's special rates, in creation order." })
  specialRates(@Root() table: RateTable, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: Context) {
    return specialRatesOfTable(ctx.db, ctx.loaders.pages, table.id, args);
  }
}
