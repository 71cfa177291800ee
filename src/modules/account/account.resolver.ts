import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root, Authorized } from "type-graphql";
import { Permission } from "../../auth.js";
import type { Context } from "../../context.js";
import { readQueries } from "../../read-queries.js";
import { loadWithEmbeds } from "../../loading/by-id.js";
import { embedsOf, pageExtras, selectedPaths } from "../../loading/lookahead.js";
import { Client } from "../client/client.type.js";
import { Contact } from "../contact/contact.type.js";
import { Equipment } from "../equipment/equipment.type.js";
import { InvoiceTemplate } from "../invoice-template/invoice-template.type.js";
import { RateTable } from "../rate-table/rate-table.type.js";
import { RoutingPlan } from "../routing-plan/routing-plan.type.js";
import { deletePayloadType, payloadType } from "../../payload.js";
import { AccountCreateInput, AccountsArgs, AccountUpdateInput } from "./account.inputs.js";
import { ACCOUNT_EMBEDS } from "./account.loaders.js";
import { ACCOUNT_SOURCE, createAccount, deleteAccount, listAccounts, updateAccount, type ReadableAccountRow } from "./account.service.js";
import { Account, AccountConnection, AccountIdentification, AccountOrigination, AccountTermination } from "./account.type.js";

const AccountCreatePayload = payloadType(Account, "AccountCreatePayload", "account");
const AccountUpdatePayload = payloadType(Account, "AccountUpdatePayload", "account");
const AccountDeletePayload = deletePayloadType("AccountDeletePayload", "account");

@Resolver(() => Account)
export class AccountResolver extends readQueries({
  type: Account,
  connection: AccountConnection,
  args: AccountsArgs,
  single: "account",
  plural: "accounts",
  noun: "accounts",
  load: (ctx, id, info) =>
    loadWithEmbeds(ctx.db, ctx.loaders.pages, ACCOUNT_SOURCE, ctx.loaders.accountById, embedsOf(info, "object", ACCOUNT_EMBEDS, ctx.loaders), id),
  list: (ctx, args, info) => listAccounts(ctx.db, args, selectedPaths(info, "connection", 2), pageExtras(info, ACCOUNT_EMBEDS, ctx.loaders)),
}) {
  @Authorized(Permission.WRITE)
  @Mutation(() => AccountCreatePayload, { description: "Creates an account of a client." })
  accountCreate(@Arg("input", () => AccountCreateInput, { description: "What to write." }) input: AccountCreateInput, @Ctx() ctx: Context) {
    return createAccount(ctx, input);
  }

  @Authorized(Permission.WRITE)
  @Mutation(() => AccountUpdatePayload, {
    description: "Changes an account: omitted fields stay, an explicit null clears a nullable field. The client cannot change.",
  })
  accountUpdate(
    @Arg("id", () => ID, { description: "Id of the account." }) id: string,
    @Arg("input", () => AccountUpdateInput, { description: "What to change." }) input: AccountUpdateInput,
    @Ctx() ctx: Context,
  ) {
    return updateAccount(ctx, id, input);
  }

  @Authorized(Permission.DELETE)
  @Mutation(() => AccountDeletePayload, { description: "Deletes an account whose balance is 0 and that has no balance transactions (otherwise disable it instead)." })
  accountDelete(@Arg("id", () => ID, { description: "Id of the account." }) id: string, @Ctx() ctx: Context) {
    return deleteAccount(ctx, id);
  }

  @FieldResolver(() => Client, { description: "The client that owns the account." })
  client(@Root() account: Account, @Ctx() ctx: Context) {
    return ctx.loaders.clientById.now(account.clientId);
  }

  @FieldResolver(() => AccountIdentification, { description: "How the switch recognises the account's traffic." })
  identification(@Root() a: ReadableAccountRow): AccountIdentification {
    return {
      accountId: a.id,
      authType: a.authType as AccountIdentification["authType"],
      ani: a.ani,
      authName: a.authName,
      hasPassword: a.hasPassword,
      ips: a.ips,
      techPrefix: a.techPrefix,
    };
  }

  @FieldResolver(() => AccountOrigination, { description: "Traffic the account sends to us." })
  origination(@Root() a: ReadableAccountRow): AccountOrigination {
    return {
      accountId: a.id,
      clientId: a.clientId,
      enabled: a.origEnabled,
      capacity: a.origCapacity,
      tags: a.origTags,
      routingPlanId: a.origRoutingPlanId,
    };
  }

  @FieldResolver(() => AccountTermination, { description: "Traffic we send to the account." })
  termination(@Root() a: ReadableAccountRow): AccountTermination {
    return {
      accountId: a.id,
      clientId: a.clientId,
      enabled: a.termEnabled,
      capacity: a.termCapacity,
      tags: a.termTags,
      protocol: a.termProtocol,
      port: a.termPort,
      proxyMode: a.termProxyMode,
    };
  }

  @FieldResolver(() => InvoiceTemplate, { nullable: true, description: "Layout of the account's invoices; null when none." })
  invoiceTemplate(@Root() account: Account, @Ctx() ctx: Context) {
    return account.invoiceTemplateId === null ? null : ctx.loaders.invoiceTemplateById.now(account.invoiceTemplateId);
  }

  @FieldResolver(() => [Contact], { description: "Contacts that receive the account's invoices." })
  sendInvoicesTo(@Root() account: Account, @Ctx() ctx: Context) {
    return ctx.loaders.invoiceContactsOfAccount.now(account.id);
  }

  @FieldResolver(() => [Contact], { description: "Contacts that receive the account's balance notifications." })
  sendBalanceNotificationsTo(@Root() account: Account, @Ctx() ctx: Context) {
    return ctx.loaders.balanceNotificationContactsOfAccount.now(account.id);
  }
}

@Resolver(() => AccountIdentification)
export class AccountIdentificationResolver {
  @FieldResolver(() => [Equipment], { description: "Equipment the account may be used on." })
  equipment(@Root() identification: AccountIdentification, @Ctx() ctx: Context) {
    return ctx.loaders.equipmentOfAccount.now(identification.accountId);
  }
}

@Resolver(() => AccountOrigination)
export class AccountOriginationResolver {
  @FieldResolver(() => [RateTable], {
    description: "The account's own origination rate tables, in order; empty means the client's are used (see effectiveRateTables).",
  })
  rateTables(@Root() o: AccountOrigination, @Ctx() ctx: Context) {
    return ctx.loaders.originationRateTablesOfAccount.now(o.accountId);
  }

  @FieldResolver(() => [RateTable], { description: "The rate tables rating actually uses: the account's own, else the client's." })
  async effectiveRateTables(@Root() o: AccountOrigination, @Ctx() ctx: Context) {
    const own = await ctx.loaders.originationRateTablesOfAccount.load(o.accountId);
    return own.length > 0 ? own : ctx.loaders.originationRateTablesOfClient.load(o.clientId);
  }

  @FieldResolver(() => RoutingPlan, { nullable: true, description: "The account's routing plan; null means the client's is used." })
  routingPlan(@Root() o: AccountOrigination, @Ctx() ctx: Context) {
    return o.routingPlanId === null ? null : ctx.loaders.routingPlanById.now(o.routingPlanId);
  }
}

@Resolver(() => AccountTermination)
export class AccountTerminationResolver {
  @FieldResolver(() => [RateTable], {
    description: "The account's own termination rate tables, in order; empty means the client's are used (see effectiveRateTables).",
  })
  rateTables(@Root() t: AccountTermination, @Ctx() ctx: Context) {
    return ctx.loaders.terminationRateTablesOfAccount.now(t.accountId);
  }

  @FieldResolver(() => [RateTable], { description: "The rate tables rating actually uses: the account's own, else the client's." })
  async effectiveRateTables(@Root() t: AccountTermination, @Ctx() ctx: Context) {
    const own = await ctx.loaders.terminationRateTablesOfAccount.load(t.accountId);
    return own.length > 0 ? own : ctx.loaders.terminationRateTablesOfClient.load(t.clientId);
  }
}
