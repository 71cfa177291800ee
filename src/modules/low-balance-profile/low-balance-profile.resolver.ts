import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { PartitionNamedListArgs } from "../../loading/list-args.js";
import { readQueries } from "../../read-queries.js";
import { Partition } from "../partition/partition.type.js";
import { listLowBalanceProfiles } from "./low-balance-profile.service.js";
import { LowBalanceProfile, LowBalanceProfileConnection } from "./low-balance-profile.type.js";

@Resolver(() => LowBalanceProfile)
export class LowBalanceProfileResolver extends readQueries({
  type: LowBalanceProfile,
  connection: LowBalanceProfileConnection,
  args: PartitionNamedListArgs,
  single: "lowBalanceProfile",
  plural: "lowBalanceProfiles",
  noun: "low balance profiles",
  load: (ctx, id) => ctx.loaders.lowBalanceProfileById.load(id),
  list: (ctx, args) => listLowBalanceProfiles(ctx.db, args),
}) {
  @FieldResolver(() => Partition, { description: "The partition that owns the profile." })
  partition(@Root() profile: LowBalanceProfile, @Ctx() ctx: Context) {
    return ctx.loaders.partitionById.now(profile.partitionId);
  }
}
