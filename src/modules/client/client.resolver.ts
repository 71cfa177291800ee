import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { payloadType } from "../../payload.js";
import { parseId } from "../../validation.js";
import { Currency } from "../currency/currency.type.js";
import { Partition } from "../partition/partition.type.js";
import { ClientCreateInput, ClientsArgs, ClientUpdateInput } from "./client.inputs.js";
import { createClient, listClients, updateClient } from "./client.service.js";
import { Client, ClientConnection } from "./client.type.js";

const ClientCreatePayload = payloadType(Client, "ClientCreatePayload", "client");
const ClientUpdatePayload = payloadType(Client, "ClientUpdatePayload", "client");

@Resolver(() => Client)
export class ClientResolver {
  @Query(() => Client, { nullable: true, description: "A client by id; null when there is none." })
  client(@Arg("id", () => ID, { description: "Id of the client." }) id: string, @Ctx() ctx: Context) {
    const key = parseId(id);
    return key === undefined ? null : ctx.loaders.clientById.load(key);
  }

  @Query(() => ClientConnection, { description: "Clients, filtered and sorted; keyset-paginated." })
  clients(@Args(() => ClientsArgs) args: ClientsArgs, @Ctx() ctx: Context) {
    return listClients(ctx.db, args);
  }

  @Mutation(() => ClientCreatePayload, { description: "Creates a client in a partition." })
  clientCreate(@Arg("input", () => ClientCreateInput, { description: "What to write." }) input: ClientCreateInput, @Ctx() ctx: Context) {
    return createClient(ctx.db, input);
  }

  @Mutation(() => ClientUpdatePayload, { description: "Changes a client; omitted fields stay as they are." })
  clientUpdate(
    @Arg("id", () => ID, { description: "Id of the client." }) id: string,
    @Arg("input", () => ClientUpdateInput, { description: "What to write." }) input: ClientUpdateInput,
    @Ctx() ctx: Context,
  ) {
    return updateClient(ctx.db, id, input);
  }

  @FieldResolver(() => Partition, { description: "The partition (reseller) that owns the client." })
  async partition(@Root() client: Client, @Ctx() ctx: Context) {
    return ctx.loaders.partitionById.load(client.partitionId);
  }

  @FieldResolver(() => Currency, { description: "Currency of the client's balance and credit limit." })
  async currency(@Root() client: Client, @Ctx() ctx: Context) {
    return ctx.loaders.currencyById.load(client.currencyId);
  }
}
