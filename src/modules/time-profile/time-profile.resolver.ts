import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { NamedListArgs } from "../../lists.js";
import { readQueries } from "../../read-queries.js";
import { listTimeProfiles } from "./time-profile.service.js";
import { TimeProfile, TimeProfileConnection, TimeProfilePeriod } from "./time-profile.type.js";

@Resolver(() => TimeProfile)
export class TimeProfileResolver extends readQueries({
  type: TimeProfile,
  connection: TimeProfileConnection,
  args: NamedListArgs,
  single: "timeProfile",
  plural: "timeProfiles",
  noun: "time profiles",
  load: (ctx, id) => ctx.loaders.timeProfileById.load(id),
  list: (ctx, args) => listTimeProfiles(ctx.db, args),
}) {
  @FieldResolver(() => [TimeProfilePeriod], { description: "The windows the profile covers; empty for all time." })
  periods(@Root() profile: TimeProfile, @Ctx() ctx: Context) {
    return ctx.loaders.periodsOfTimeProfile.load(profile.id);
  }

  @FieldResolver(() => Boolean, { description: "True when the profile has no periods and so covers every moment." })
  async allTime(@Root() profile: TimeProfile, @Ctx() ctx: Context) {
    return (await ctx.loaders.periodsOfTimeProfile.load(profile.id)).length === 0;
  }
}
