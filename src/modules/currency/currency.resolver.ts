import { Arg, Args, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Context } from "../../context.js";
import { ConnectionArgs } from "../../pagination.js";
import { parseId } from "../../validation.js";
import { listCurrencies } from "./currency.service.js";
import { Currency, CurrencyConnection } from "./currency.type.js";

@Resolver(() => Currency)
export class CurrencyResolver {
  @Query(() => Currency, { nullable: true, description: "A currency by id; null when there is none." })
  currency(@Arg("id", () => ID, { description: "Id of the currency." }) id: string, @Ctx() ctx: Context) {
    const key = parseId(id);
    return key === undefined ? null : ctx.loaders.currencyById.load(key);
  }

  @Query(() => CurrencyConnection, { description: "The currencies the gateway knows, ordered by ISO code." })
  currencies(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: Context) {
    return listCurrencies(ctx.db, args);
  }
}
