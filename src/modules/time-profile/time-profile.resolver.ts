import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root, Authorized } from "type-graphql";
import { deletePayloadType, payloadType } from "../../payload.js";
import { TimeProfileCreateInput, TimeProfileUpdateInput } from "./time-profile.inputs.js";
import { Permission } from "../../auth.js";
import type { Context } from "../../context.js";
import { NamedListArgs } from "../../loading/list-args.js";
import { readQueries } from "../../read-queries.js";
import { listTimeProfiles, timeProfileWriter } from "./time-profile.service.js";
import { TimeProfile, TimeProfileConnection, TimeProfilePeriod } from "./time-profile.type.js";

const TimeProfileCreatePayload = payloadType(TimeProfile, "TimeProfileCreatePayload", "timeProfile");
const TimeProfileUpdatePayload = payloadType(TimeProfile, "TimeProfileUpdatePayload", "timeProfile");
const TimeProfileDeletePayload = deletePayloadType("TimeProfileDeletePayload", "time profile");

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
  @Authorized(Permission.GLOBAL)
  @Mutation(() => TimeProfileCreatePayload, { description: "Creates a time profile; no periods means all time." })
  timeProfileCreate(@Arg("input", () => TimeProfileCreateInput, { description: "What to write." }) input: TimeProfileCreateInput, @Ctx() ctx: Context) {
    return timeProfileWriter.create(ctx, input);
  }

  @Authorized(Permission.GLOBAL)
  @Mutation(() => TimeProfileUpdatePayload, { description: "Changes a time profile; periods, when given, replace the current ones." })
  timeProfileUpdate(
    @Arg("id", () => ID, { description: "Id of the time profile." }) id: string,
    @Arg("input", () => TimeProfileUpdateInput, { description: "What to change." }) input: TimeProfileUpdateInput,
    @Ctx() ctx: Context,
  ) {
    return timeProfileWriter.update(ctx, id, input);
  }

  @Authorized(Permission.GLOBAL)
  @Mutation(() => TimeProfileDeletePayload, { description: "Deletes a time profile no rate uses (CONFLICT otherwise)." })
  timeProfileDelete(@Arg("id", () => ID, { description: "Id of the time profile." }) id: string, @Ctx() ctx: Context) {
    return timeProfileWriter.remove(ctx, id);
  }

  @FieldResolver(() => [TimeProfilePeriod], { description: "The windows the profile covers; empty for all time." })
  periods(@Root() profile: TimeProfile, @Ctx() ctx: Context) {
    return ctx.loaders.periodsOfTimeProfile.now(profile.id);
  }

  @FieldResolver(() => Boolean, { description: "True when the profile has no periods and so covers every moment." })
  async allTime(@Root() profile: TimeProfile, @Ctx() ctx: Context) {
    return (await ctx.loaders.periodsOfTimeProfile.load(profile.id)).length === 0;
  }
}
