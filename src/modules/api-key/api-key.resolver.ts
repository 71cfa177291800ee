import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { Permission } from "../../auth.js";
import type { Context } from "../../context.js";
import { pageComplexity } from "../../limits.js";
import { ConnectionArgs } from "../../loading/keyset-pagination.js";
import { payloadType } from "../../payload.js";
import { Partition } from "../partition/partition.type.js";
import { ApiKeyCreateInput } from "./api-key.inputs.js";
import { apiKeyCreate, apiKeyRevoke, listApiKeyPage } from "./api-key.service.js";
import { ApiKey, ApiKeyConnection, ApiKeyCreatePayload } from "./api-key.type.js";

const ApiKeyRevokePayload = payloadType(ApiKey, "ApiKeyRevokePayload", "apiKey");

/** API keys over the API, so a running server never needs a second process (the CLI) on its database. */
@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Authorized(Permission.API_KEYS)
  @Query(() => ApiKeyConnection, { complexity: pageComplexity, description: "Every API key, revoked ones included, oldest first; keyset-paginated. Needs an ADMIN key not confined to a partition." })
  apiKeys(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: Context) {
    return listApiKeyPage(ctx.db, args);
  }

  @Authorized(Permission.API_KEYS)
  @Mutation(() => ApiKeyCreatePayload, { description: "Creates an API key and returns it once, in `secret`. Needs an ADMIN key not confined to a partition." })
  async apiKeyCreate(@Arg("input", () => ApiKeyCreateInput, { description: "What to create." }) input: ApiKeyCreateInput, @Ctx() ctx: Context) {
    const { result, userErrors } = await apiKeyCreate(ctx, input);
    return { result: result?.row ?? null, secret: result?.secret ?? null, userErrors };
  }

  @Authorized(Permission.API_KEYS)
  @Mutation(() => ApiKeyRevokePayload, { description: "Revokes an API key: it is refused from the next request on, and stays listed. Needs an ADMIN key not confined to a partition." })
  apiKeyRevoke(@Arg("id", () => ID, { description: "Id of the API key." }) id: string, @Ctx() ctx: Context) {
    return apiKeyRevoke(ctx, id);
  }

  @FieldResolver(() => Partition, { nullable: true, description: "The only partition the key sees and changes; null for all." })
  partition(@Root() key: ApiKey, @Ctx() ctx: Context) {
    return key.partitionId === null ? null : ctx.loaders.partitionById.now(key.partitionId);
  }
}
