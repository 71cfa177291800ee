import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Resolver, Root, Authorized } from "type-graphql";
import { deletePayloadType, payloadType } from "../../payload.js";
import { Permission } from "../../auth.js";
import { pageComplexity } from "../../limits.js";
import type { Context } from "../../context.js";
import { ConnectionArgs } from "../../loading/keyset-pagination.js";
import { narrowed } from "../../loading/embedded.js";
import { fieldsOnTypes } from "../../loading/lookahead.js";
import { readQueries } from "../../read-queries.js";
import { CodeDeck } from "../code-deck/code-deck.type.js";
import { Currency } from "../currency/currency.type.js";
import { Partition } from "../partition/partition.type.js";
import { TableRatesArgs } from "../rate/rate.inputs.js";
import { rateSelection, ratesUnder } from "../rate/rate.loaders.js";
import { ratesOfTable, specialRatesOfTable } from "../rate/rate.service.js";
import { RateConnection, SpecialRateConnection } from "../rate/rate.type.js";
import { RateTableCreateInput, RateTablesArgs, RateTableUpdateInput } from "./rate-table.inputs.js";
import { listRateTables, rateTableWriter } from "./rate-table.service.js";
import { RATE_TABLE_SOURCE } from "./rate-table.loaders.js";
import { RateTable, RateTableConnection } from "./rate-table.type.js";

const RateTableCreatePayload = payloadType(RateTable, "RateTableCreatePayload", "rateTable");
const RateTableUpdatePayload = payloadType(RateTable, "RateTableUpdatePayload", "rateTable");
const RateTableDeletePayload = deletePayloadType("RateTableDeletePayload", "rate table");

@Resolver(() => RateTable)
export class RateTableResolver extends readQueries({
  type: RateTable,
  connection: RateTableConnection,
  args: RateTablesArgs,
  single: "rateTable",
  plural: "rateTables",
  noun: "rate tables",
  load: (ctx, id, info) => {
    const rates = ratesUnder(info, ctx);
    if (!rates) return ctx.loaders.rateTableById.load(id);
    return ctx.loaders.pages.withPage(ctx.db, narrowed(RATE_TABLE_SOURCE, fieldsOnTypes(info)), ctx.loaders.rateTableById, rates, id);
  },
  list: (ctx, args) => listRateTables(ctx.db, args),
}) {
  @Authorized(Permission.WRITE)
  @Mutation(() => RateTableCreatePayload, { description: "Creates a rate table in a partition." })
  rateTableCreate(@Arg("input", () => RateTableCreateInput, { description: "What to write." }) input: RateTableCreateInput, @Ctx() ctx: Context) {
    return rateTableWriter.create(ctx, input);
  }

  @Authorized(Permission.WRITE)
  @Mutation(() => RateTableUpdatePayload, { description: "Changes a rate table; the partition and currency cannot change." })
  rateTableUpdate(
    @Arg("id", () => ID, { description: "Id of the rate table." }) id: string,
    @Arg("input", () => RateTableUpdateInput, { description: "What to change." }) input: RateTableUpdateInput,
    @Ctx() ctx: Context,
  ) {
    return rateTableWriter.update(ctx, id, input);
  }

  @Authorized(Permission.DELETE)
  @Mutation(() => RateTableDeletePayload, { description: "Deletes a rate table and its rates; a table used by accounts, clients, templates or child tables is CONFLICT." })
  rateTableDelete(@Arg("id", () => ID, { description: "Id of the rate table." }) id: string, @Ctx() ctx: Context) {
    return rateTableWriter.remove(ctx, id);
  }

  @FieldResolver(() => Partition, { description: "The partition (reseller) that owns the table." })
  partition(@Root() table: RateTable, @Ctx() ctx: Context) {
    return ctx.loaders.partitionById.now(table.partitionId);
  }

  @FieldResolver(() => Currency, { description: "Currency of every price in the table." })
  currency(@Root() table: RateTable, @Ctx() ctx: Context) {
    return ctx.loaders.currencyById.now(table.currencyId);
  }

  @FieldResolver(() => CodeDeck, { nullable: true, description: "Code deck naming the table's codes; null when none." })
  codeDeck(@Root() table: RateTable, @Ctx() ctx: Context) {
    return table.codeDeckId === null ? null : ctx.loaders.codeDeckById.now(table.codeDeckId);
  }

  @FieldResolver(() => RateTable, {
    nullable: true,
    description: "Parent table whose rates this one inherits (its own codes win at equal length); null when none.",
  })
  parent(@Root() table: RateTable, @Ctx() ctx: Context) {
    return table.parentRateTableId === null ? null : ctx.loaders.rateTableById.now(table.parentRateTableId);
  }

  @FieldResolver(() => RateConnection, { complexity: pageComplexity, description: "The table's own rates, filtered and sorted; keyset-paginated." })
  rates(@Root() table: RateTable, @Args(() => TableRatesArgs) args: TableRatesArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return ratesOfTable(ctx.db, ctx.loaders.pages, table.id, args, rateSelection(info, ctx));
  }

  @FieldResolver(() => SpecialRateConnection, { complexity: pageComplexity, description: "The table's special rates, in creation order." })
  specialRates(@Root() table: RateTable, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: Context) {
    return specialRatesOfTable(ctx.db, ctx.loaders.pages, table.id, args);
  }
}
