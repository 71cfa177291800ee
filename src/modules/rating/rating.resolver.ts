import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { batchComplexity } from "../../limits.js";
import type { Context } from "../../context.js";
import { Rate } from "../rate/rate.type.js";
import { MAX_QUOTES_PER_CALL, quoteCalls } from "./rating.service.js";
import { RateQuote, RateQuoteInput } from "./rating.type.js";

@Resolver(() => RateQuote)
export class RateQuoteResolver {
  @Query(() => RateQuote, { description: "Which rate applies to one call and what it costs (JeraSoft rating rules)." })
  async rateQuote(@Arg("input", () => RateQuoteInput, { description: "The call." }) input: RateQuoteInput, @Ctx() ctx: Context) {
    const [quote] = await quoteCalls(ctx.db, [input], () => "input");
    return quote;
  }

  @Query(() => [RateQuote], {
    complexity: batchComplexity,
    description: `Prices up to ${MAX_QUOTES_PER_CALL} calls in one request, answered in the order given, with a fixed number of SQL statements.`,
  })
  rateQuotes(@Arg("inputs", () => [RateQuoteInput], { description: `The calls, at most ${MAX_QUOTES_PER_CALL}.` }) inputs: RateQuoteInput[], @Ctx() ctx: Context) {
    return quoteCalls(ctx.db, inputs, (i) => `inputs[${i}]`);
  }

  @FieldResolver(() => Rate, { nullable: true, description: "The rate that applies; null when none does (see reason)." })
  rate(@Root() quote: RateQuote, @Ctx() ctx: Context) {
    return quote.rateId === null ? null : ctx.loaders.rateById.now(quote.rateId);
  }
}
