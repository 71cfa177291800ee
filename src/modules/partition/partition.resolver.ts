import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../../context.js";
import { ConnectionArgs } from "../../pagination.js";
import { parseId } from "../../validation.js";
import { PartitionCreateInput } from "./partition.inputs.js";
import { createPartition, listPartitions } from "./partition.service.js";
import { Partition, PartitionConnection } from "./partition.type.js";
import { payloadType } from "../../payload.js";

const PartitionCreatePayload = payloadType(Partition, "PartitionCreatePayload", "partition");

@Resolver(() => Partition)
export class PartitionResolver {
  @Query(() => Partition, { nullable: true, description: "A partition by id; null when there is none." })
  partition(@Arg("id", () => ID, { description: "Id of the partition." }) id: string, @Ctx() ctx: Context) {
    const key = parseId(id);
    return key === undefined ? null : ctx.loaders.partitionById.load(key);
  }

  @Query(() => PartitionConnection, { description: "Partitions, ordered by name." })
  partitions(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: Context) {
    return listPartitions(ctx.db, args);
  }

  @Mutation(() => PartitionCreatePayload, { description: "Creates a partition (reseller)." })
  partitionCreate(@Arg("input", () => PartitionCreateInput, { description: "What to write." }) input: PartitionCreateInput, @Ctx() ctx: Context) {
    return createPartition(ctx.db, input);
  }
}
