import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Resolver, Root, Authorized } from "type-graphql";
import { Permission } from "../../auth.js";
import { pageComplexity } from "../../limits.js";
import type { Context } from "../../context.js";
import { NamedListArgs } from "../../loading/list-args.js";
import { selectsTotalCount } from "../../loading/lookahead.js";
import { payloadType } from "../../payload.js";
import { readQueries } from "../../read-queries.js";
import { clientsOfPartition } from "../client/client.service.js";
import { ClientConnection } from "../client/client.type.js";
import { rateTablesOfPartition } from "../rate-table/rate-table.service.js";
import { RateTableConnection } from "../rate-table/rate-table.type.js";
import { PartitionCreateInput } from "./partition.inputs.js";
import { listPartitions, partitionWriter } from "./partition.service.js";
import { Partition, PartitionConnection } from "./partition.type.js";

const PartitionCreatePayload = payloadType(Partition, "PartitionCreatePayload", "partition");

@Resolver(() => Partition)
export class PartitionResolver extends readQueries({
  type: Partition,
  connection: PartitionConnection,
  args: NamedListArgs,
  single: "partition",
  plural: "partitions",
  noun: "partitions",
  load: (ctx, id) => ctx.loaders.partitionById.load(id),
  list: (ctx, args) => listPartitions(ctx.db, args),
}) {
  @Authorized(Permission.GLOBAL)
  @Mutation(() => PartitionCreatePayload, { description: "Creates a partition (reseller)." })
  partitionCreate(@Arg("input", () => PartitionCreateInput, { description: "What to write." }) input: PartitionCreateInput, @Ctx() ctx: Context) {
    return partitionWriter.create(ctx, input);
  }

  @FieldResolver(() => ClientConnection, { complexity: pageComplexity, description: "The partition's clients; keyset-paginated." })
  clients(@Root() partition: Partition, @Args(() => NamedListArgs) args: NamedListArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return clientsOfPartition(ctx.db, ctx.loaders.pages, partition.id, args, selectsTotalCount(info));
  }

  @FieldResolver(() => RateTableConnection, { complexity: pageComplexity, description: "The partition's rate tables; keyset-paginated." })
  rateTables(@Root() partition: Partition, @Args(() => NamedListArgs) args: NamedListArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return rateTablesOfPartition(ctx.db, ctx.loaders.pages, partition.id, args, selectsTotalCount(info));
  }
}
