import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Resolver, Root, Authorized } from "type-graphql";
import { pageExtras, selectedPaths, selectsTotalCount } from "../../loading/lookahead.js";
import { Permission } from "../../auth.js";
import { pageComplexity } from "../../limits.js";
import type { Context } from "../../context.js";
import { NamedListArgs } from "../../loading/list-args.js";
import { deletePayloadType, payloadType } from "../../payload.js";
import { readQueries } from "../../read-queries.js";
import { ClientAccountsArgs } from "../account/account.inputs.js";
import { ACCOUNT_EMBEDS } from "../account/account.loaders.js";
import { accountsOfClient } from "../account/account.service.js";
import { AccountConnection } from "../account/account.type.js";
import { contactsOfClient } from "../contact/contact.service.js";
import { ContactConnection } from "../contact/contact.type.js";
import { ClientTemplate } from "../client-template/client-template.type.js";
import { Currency } from "../currency/currency.type.js";
import { LowBalanceProfile } from "../low-balance-profile/low-balance-profile.type.js";
import { Partition } from "../partition/partition.type.js";
import { PaymentTerm } from "../payment-term/payment-term.type.js";
import { RateTable } from "../rate-table/rate-table.type.js";
import { RoutingPlan } from "../routing-plan/routing-plan.type.js";
import { ClientCreateInput, ClientsArgs, ClientUpdateInput } from "./client.inputs.js";
import { CLIENT_EMBEDS } from "./client.loaders.js";
import { clientWriter, listClients } from "./client.service.js";
import { Client, ClientConnection } from "./client.type.js";

const ClientCreatePayload = payloadType(Client, "ClientCreatePayload", "client");
const ClientUpdatePayload = payloadType(Client, "ClientUpdatePayload", "client");
const ClientDeletePayload = deletePayloadType("ClientDeletePayload", "client");

@Resolver(() => Client)
export class ClientResolver extends readQueries({
  type: Client,
  connection: ClientConnection,
  args: ClientsArgs,
  single: "client",
  plural: "clients",
  noun: "clients",
  load: (ctx, id) => ctx.loaders.clientById.load(id),
  list: (ctx, args, info) => listClients(ctx.db, args, pageExtras(info, CLIENT_EMBEDS, ctx.loaders)),
}) {
  @Authorized(Permission.WRITE)
  @Mutation(() => ClientCreatePayload, { description: "Creates a client in a partition." })
  clientCreate(@Arg("input", () => ClientCreateInput, { description: "What to write." }) input: ClientCreateInput, @Ctx() ctx: Context) {
    return clientWriter.create(ctx, input);
  }

  @Authorized(Permission.WRITE)
  @Mutation(() => ClientUpdatePayload, { description: "Changes a client; omitted fields stay as they are." })
  clientUpdate(
    @Arg("id", () => ID, { description: "Id of the client." }) id: string,
    @Arg("input", () => ClientUpdateInput, { description: "What to write." }) input: ClientUpdateInput,
    @Ctx() ctx: Context,
  ) {
    return clientWriter.update(ctx, id, input);
  }

  @Authorized(Permission.DELETE)
  @Mutation(() => ClientDeletePayload, { description: "Deletes a client without accounts, with its contacts; a client with accounts is CONFLICT (archive it instead)." })
  clientDelete(@Arg("id", () => ID, { description: "Id of the client." }) id: string, @Ctx() ctx: Context) {
    return clientWriter.remove(ctx, id);
  }

  @FieldResolver(() => Partition, { description: "The partition (reseller) that owns the client." })
  partition(@Root() client: Client, @Ctx() ctx: Context) {
    return ctx.loaders.partitionById.now(client.partitionId);
  }

  @FieldResolver(() => Currency, { description: "Currency of the client's balance and credit limit." })
  currency(@Root() client: Client, @Ctx() ctx: Context) {
    return ctx.loaders.currencyById.now(client.currencyId);
  }

  @FieldResolver(() => RoutingPlan, { nullable: true, description: "Default routing plan of the client's accounts; null when none." })
  routingPlan(@Root() client: Client, @Ctx() ctx: Context) {
    return client.routingPlanId === null ? null : ctx.loaders.routingPlanById.now(client.routingPlanId);
  }

  @FieldResolver(() => PaymentTerm, { nullable: true, description: "When the client's invoices are due; null when not set." })
  paymentTerm(@Root() client: Client, @Ctx() ctx: Context) {
    return client.paymentTermId === null ? null : ctx.loaders.paymentTermById.now(client.paymentTermId);
  }

  @FieldResolver(() => LowBalanceProfile, { nullable: true, description: "Low balance notification profile; null when none. Stored for the switch." })
  lowBalanceProfile(@Root() client: Client, @Ctx() ctx: Context) {
    return client.lowBalanceProfileId === null ? null : ctx.loaders.lowBalanceProfileById.now(client.lowBalanceProfileId);
  }

  @FieldResolver(() => ClientTemplate, { nullable: true, description: "The template the client was created from; null when none, or once it was deleted." })
  template(@Root() client: Client, @Ctx() ctx: Context) {
    return client.clientTemplateId === null ? null : ctx.loaders.clientTemplateById.now(client.clientTemplateId);
  }

  @FieldResolver(() => [RateTable], { description: "Origination rate tables used by accounts that set none, in order." })
  originationRateTables(@Root() client: Client, @Ctx() ctx: Context) {
    return ctx.loaders.originationRateTablesOfClient.now(client.id);
  }

  @FieldResolver(() => [RateTable], { description: "Termination rate tables used by accounts that set none, in order." })
  terminationRateTables(@Root() client: Client, @Ctx() ctx: Context) {
    return ctx.loaders.terminationRateTablesOfClient.now(client.id);
  }

  @FieldResolver(() => AccountConnection, { complexity: pageComplexity, description: "The client's accounts, filtered and sorted; keyset-paginated." })
  accounts(@Root() client: Client, @Args(() => ClientAccountsArgs) args: ClientAccountsArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return accountsOfClient(ctx.db, ctx.loaders.pages, client.id, args, selectedPaths(info, "connection", 2), pageExtras(info, ACCOUNT_EMBEDS, ctx.loaders));
  }

  @FieldResolver(() => ContactConnection, { complexity: pageComplexity, description: "The client's contacts, filtered and sorted; keyset-paginated." })
  contacts(@Root() client: Client, @Args(() => NamedListArgs) args: NamedListArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return contactsOfClient(ctx.db, ctx.loaders.pages, client.id, args, selectsTotalCount(info));
  }
}
