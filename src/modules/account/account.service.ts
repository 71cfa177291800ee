import { and, eq, getTableColumns, inArray, ne, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client.js";
import {
  accountContacts,
  accountEquipment,
  accountIps,
  accountRateTables,
  accounts,
  balanceTransactions,
  clients,
  contacts,
  equipment,
  INT32_MAX,
  invoiceTemplates,
  rateTables,
  routingPlans,
  type AccountRow,
  type ClientRow,
} from "../../db/schema.js";
import { canonicalDecimal, ExactDecimal, MONEY_BOUNDS, MONEY_LIMIT, MONEY_SCALE } from "../../decimal.js";
import { badUserInput, UserErrorCode, UserErrorList, userError } from "../../errors.js";
import { idEquals } from "../../ids.js";
import { chooseOrder, nameContains, namedOrders, NameOrderField } from "../../loading/list-args.js";
import { neededFields, propertyOf, rowsByIds, type FieldNeeds } from "../../loading/rows.js";
import { tablePage } from "../../loading/table-pages.js";
import type { LoaderCache } from "../../loading/child-pages.js";
import { audit, lockForChange, replaceLinks, transact, type ConstraintErrors, type Writer } from "../../mutation.js";
import type { MutationResult } from "../../payload.js";
import { References } from "../../references.js";
import { visibleIn } from "../../scope.js";
import type { PageExtras } from "../../loading/lookahead.js";
import type { KeysetOrder } from "../../loading/keyset-pagination.js";
import { collectChanges, idList, isIpOrCidr, parse, type FieldRule } from "../../validation.js";
import type {
  AccountCreateInput,
  AccountFilter,
  AccountIdentificationInput,
  AccountOriginationInput,
  AccountsArgs,
  AccountTerminationInput,
  AccountUpdateInput,
  ClientAccountFilter,
  ClientAccountsArgs,
} from "./account.inputs.js";

/** Every column but the password, which is write-only: only whether one is set is ever read. */
const { password, ...columns } = getTableColumns(accounts);
const readable = { ...columns, hasPassword: sql<boolean>`${password} is not null`.as("has_password") };
export const ACCOUNT_SOURCE = { table: accounts, id: accounts.id, fields: readable };
export type ReadableAccountRow = Omit<AccountRow, "password"> & { hasPassword: boolean };

/** The row properties each GraphQL field of Account reads (see neededFields in src/loading/rows.ts); the rest read their own. */
const ACCOUNT_NEEDS: FieldNeeds = {
  client: ["clientId"],
  // The three objects are built from the account's own row (see account.resolver.ts); their lists read its id.
  identification: { authType: ["authType"], ani: ["ani"], authName: ["authName"], hasPassword: ["hasPassword"], ips: ["ips"], techPrefix: ["techPrefix"], equipment: [] },
  origination: {
    enabled: ["origEnabled"],
    capacity: ["origCapacity"],
    tags: ["origTags"],
    rateTables: [],
    effectiveRateTables: ["clientId"],
    routingPlan: ["origRoutingPlanId"],
  },
  termination: {
    enabled: ["termEnabled"],
    capacity: ["termCapacity"],
    tags: ["termTags"],
    protocol: ["termProtocol"],
    port: ["termPort"],
    proxyMode: ["termProxyMode"],
    rateTables: [],
    effectiveRateTables: ["clientId"],
  },
  invoiceTemplate: ["invoiceTemplateId"],
  sendInvoicesTo: [],
  sendBalanceNotificationsTo: [],
  balanceTransactions: [],
};

/** The account columns a page needs for the fields selected on its accounts (paths two deep, see selectedPaths), and its sort key. */
function accountPageSource(selected: ReadonlySet<string>, order: KeysetOrder<ReadableAccountRow>) {
  return { ...ACCOUNT_SOURCE, fields: neededFields(readable, ACCOUNT_NEEDS, selected, propertyOf(readable, order.key?.column)) };
}

const ORDERS = namedOrders<ReadableAccountRow>(accounts);

function accountConditions(filter: ClientAccountFilter | null | undefined): (SQL | undefined)[] {
  return [
    nameContains(accounts.name, filter?.nameContains),
    filter?.authType != null ? eq(accounts.authType, filter.authType) : undefined,
    filter?.originationEnabled != null ? eq(accounts.origEnabled, filter.originationEnabled) : undefined,
    filter?.terminationEnabled != null ? eq(accounts.termEnabled, filter.terminationEnabled) : undefined,
  ];
}

/** "Whose traffic is this?": index-backed identity conditions (GiST on account_ips.net, btree on the others). */
function identityConditions(db: Db, filter: AccountFilter | null | undefined): (SQL | undefined)[] {
  const exact = (column: PgColumn, value: string | null | undefined) => (value != null ? eq(column, value.trim()) : undefined);
  const ip = filter?.ip?.trim();
  if (ip != null && !isIpOrCidr(ip)) {
    throw badUserInput(`\`filter.ip\` must be an IP address or CIDR network, e.g. "192.0.2.10" (got "${ip.slice(0, 64)}").`, "filter.ip");
  }
  return [
    ip != null ? inArray(accounts.id, db.select({ id: accountIps.accountId }).from(accountIps).where(sql`${accountIps.net} >>= ${ip}::inet`)) : undefined,
    exact(accounts.ani, filter?.ani),
    exact(accounts.authName, filter?.authName),
    exact(accounts.techPrefix, filter?.techPrefix),
  ];
}

export function listAccounts(db: Db, args: AccountsArgs, selected: ReadonlySet<string>, extras?: PageExtras) {
  const where = and(
    idEquals(accounts.clientId, args.filter?.clientId),
    idEquals(accounts.partitionId, args.filter?.partitionId),
    ...accountConditions(args.filter),
    ...identityConditions(db, args.filter),
  );
  const order = chooseOrder(ORDERS, args.orderBy, NameOrderField.NAME);
  return tablePage<ReadableAccountRow>(db, accountPageSource(selected, order), args, order, where, extras);
}

export function accountsOfClient(
  db: Db,
  pages: LoaderCache,
  clientId: number,
  args: ClientAccountsArgs,
  selected: ReadonlySet<string>,
  extras: PageExtras,
) {
  const order = chooseOrder(ORDERS, args.orderBy, NameOrderField.NAME);
  const { fields } = accountPageSource(selected, order);
  const { embeds, count } = extras;
  const source = { table: accounts, id: accounts.id, parent: accounts.clientId, fields, where: and(...accountConditions(args.filter)), embeds, count };
  return pages.childPage<ReadableAccountRow>(db, "client.accounts", source, args, order, clientId);
}

const ACCOUNT_LIMIT = { min: "0", max: MONEY_LIMIT, scale: MONEY_SCALE };
const VAT_BOUNDS = { min: "0", max: "100", scale: MONEY_SCALE };
const money = { parse: parse.decimal(MONEY_BOUNDS) };

const TOP_RULES: { [K in keyof AccountUpdateInput]?: FieldRule } = {
  name: { column: "name", parse: parse.text(64) },
  notes: { column: "notes", parse: parse.optionalText(10_000), nullable: true },
  externalId: { column: "externalId", parse: parse.optionalText(64), nullable: true },
  timezone: { column: "timezone", parse: parse.timezone() },
  minBalance: { column: "minBalance", ...money },
  maxBalance: { column: "maxBalance", ...money },
  vat: { column: "vat", parse: parse.decimal(VAT_BOUNDS) },
  balanceLowThreshold: { column: "balanceLowThreshold", ...money, nullable: true },
  balanceHighThreshold: { column: "balanceHighThreshold", ...money, nullable: true },
  totalCapacity: { column: "totalCapacity", parse: parse.int(0, INT32_MAX), nullable: true },
  destinationRateLimit: { column: "destinationRateLimit", parse: parse.decimal(ACCOUNT_LIMIT), nullable: true },
  maxCallDuration: { column: "maxCallDuration", parse: parse.int(1, INT32_MAX), nullable: true },
  invoicePeriod: { column: "invoicePeriod", parse: parse.same(), nullable: true },
  invoiceTemplateId: { column: "invoiceTemplateId", parse: parse.id("invoice template"), nullable: true },
};

const IDENTIFICATION_RULES: { [K in keyof AccountIdentificationInput]?: FieldRule } = {
  authType: { column: "authType", parse: parse.same() },
  ani: { column: "ani", parse: parse.optionalText(64), nullable: true },
  authName: { column: "authName", parse: parse.optionalText(128), nullable: true },
  password: { column: "password", parse: parse.optionalText(256), nullable: true },
  ips: { column: "ips", parse: parse.ips() },
  techPrefix: { column: "techPrefix", parse: parse.optionalText(64), nullable: true },
};

const ORIGINATION_RULES: { [K in keyof AccountOriginationInput]?: FieldRule } = {
  enabled: { column: "origEnabled", parse: parse.same() },
  capacity: { column: "origCapacity", parse: parse.int(0, INT32_MAX), nullable: true },
  tags: { column: "origTags", parse: parse.tags() },
  routingPlanId: { column: "origRoutingPlanId", parse: parse.id("routing plan"), nullable: true },
};

const TERMINATION_RULES: { [K in keyof AccountTerminationInput]?: FieldRule } = {
  enabled: { column: "termEnabled", parse: parse.same() },
  capacity: { column: "termCapacity", parse: parse.int(0, INT32_MAX), nullable: true },
  tags: { column: "termTags", parse: parse.tags() },
  protocol: { column: "termProtocol", parse: parse.optionalText(64), nullable: true },
  port: { column: "termPort", parse: parse.optionalText(64), nullable: true },
  proxyMode: { column: "termProxyMode", parse: parse.int(0, 7) },
};

type AccountColumns = Partial<typeof accounts.$inferInsert>;

/** Lists kept in link tables; undefined = leave as is, [] = clear. */
interface AccountLinks {
  equipment?: number[];
  originationRateTables?: number[];
  terminationRateTables?: number[];
  invoiceContacts?: number[];
  balanceContacts?: number[];
}

/** Everything an account input asks to change, checked field by field (no database needed). */
function readAccountInput(errors: UserErrorList, input: AccountUpdateInput): { columns: AccountColumns; links: AccountLinks } {
  const p = ["input"];
  const columns = {
    ...collectChanges(errors, p, input, TOP_RULES),
    ...collectChanges(errors, [...p, "identification"], input.identification, IDENTIFICATION_RULES),
    ...collectChanges(errors, [...p, "origination"], input.origination, ORIGINATION_RULES),
    ...collectChanges(errors, [...p, "termination"], input.termination, TERMINATION_RULES),
  } as AccountColumns;
  const links: AccountLinks = {
    equipment: idList(errors, [...p, "identification", "equipmentIds"], "equipment", input.identification?.equipmentIds),
    originationRateTables: idList(errors, [...p, "origination", "rateTableIds"], "rate table", input.origination?.rateTableIds),
    terminationRateTables: idList(errors, [...p, "termination", "rateTableIds"], "rate table", input.termination?.rateTableIds),
    invoiceContacts: idList(errors, [...p, "sendInvoicesTo"], "contact", input.sendInvoicesTo),
    balanceContacts: idList(errors, [...p, "sendBalanceNotificationsTo"], "contact", input.sendBalanceNotificationsTo),
  };
  return { columns, links };
}

/** Rules over several fields, checked on the account as it would be after the change. */
function checkMergedAccount(errors: UserErrorList, account: AccountColumns): void {
  const id = ["input", "identification"];
  // A field whose own value was refused is not reported again as missing.
  const missing = (field: string, message: string) => {
    if (!errors.hasErrorAt([...id, field])) errors.add([...id, field], UserErrorCode.REQUIRED, message);
  };
  if (account.authType === undefined) missing("authType", "is required");
  if (account.authType === "name" && account.authName == null) missing("authName", "is required when authType is NAME");
  if (account.authType === "ani" && account.ani == null) missing("ani", "is required when authType is ANI");
  if (account.authType === "ip" && (account.ips ?? []).length === 0) {
    missing("ips", "must list at least one address when authType is IP");
  }
  const min = new ExactDecimal(account.minBalance ?? "0");
  if (new ExactDecimal(account.maxBalance ?? "0").lessThan(min)) {
    errors.add(["input", "maxBalance"], UserErrorCode.INVALID, `must be at least minBalance (${canonicalDecimal(min)})`);
  }
  const { balanceLowThreshold: low, balanceHighThreshold: high } = account;
  if (low != null && high != null && !new ExactDecimal(low).lessThan(high)) {
    errors.add(["input", "balanceLowThreshold"], UserErrorCode.INVALID, "must be below balanceHighThreshold");
  }
}

/** Checks that referenced objects exist and are visible to an account of this client. */
async function checkAccountReferences(tx: Db, errors: UserErrorList, client: ClientRow, columns: AccountColumns, links: AccountLinks) {
  const refs = new References();
  const inPartition = { table: rateTables, id: rateTables.id, what: "rate table", where: eq(rateTables.partitionId, client.partitionId) };
  const ofClient = { table: contacts, id: contacts.id, what: "contact of this client", where: eq(contacts.clientId, client.id) };
  refs.add({ table: routingPlans, id: routingPlans.id, what: "routing plan" }, ["input", "origination", "routingPlanId"], columns.origRoutingPlanId);
  refs.add({ table: invoiceTemplates, id: invoiceTemplates.id, what: "invoice template" }, ["input", "invoiceTemplateId"], columns.invoiceTemplateId);
  refs.addAll({ table: equipment, id: equipment.id, what: "equipment" }, ["input", "identification", "equipmentIds"], links.equipment);
  refs.addAll(inPartition, ["input", "origination", "rateTableIds"], links.originationRateTables);
  refs.addAll(inPartition, ["input", "termination", "rateTableIds"], links.terminationRateTables);
  refs.addAll(ofClient, ["input", "sendInvoicesTo"], links.invoiceContacts);
  refs.addAll(ofClient, ["input", "sendBalanceNotificationsTo"], links.balanceContacts);
  await refs.check(tx, errors);
}

/** Replaces the link lists the input gave. */
async function writeAccountLinks(tx: Db, accountId: number, links: AccountLinks): Promise<void> {
  const rateTables = (direction: "origination" | "termination", ids: number[] | undefined) =>
    replaceLinks(
      tx,
      accountRateTables,
      and(eq(accountRateTables.accountId, accountId), eq(accountRateTables.direction, direction)),
      ids?.map((rateTableId, position) => ({ accountId, direction, rateTableId, position })),
    );
  const contactLinks = (purpose: "invoices" | "balance_notifications", ids: number[] | undefined) =>
    replaceLinks(
      tx,
      accountContacts,
      and(eq(accountContacts.accountId, accountId), eq(accountContacts.purpose, purpose)),
      ids?.map((contactId) => ({ accountId, purpose, contactId })),
    );
  await rateTables("origination", links.originationRateTables);
  await rateTables("termination", links.terminationRateTables);
  await contactLinks("invoices", links.invoiceContacts);
  await contactLinks("balance_notifications", links.balanceContacts);
  await replaceLinks(tx, accountEquipment, eq(accountEquipment.accountId, accountId), links.equipment?.map((equipmentId) => ({ accountId, equipmentId })));
}

const IDENTITY_FIELDS = ["authType", "ani", "authName", "ips", "techPrefix"] as const;

/** First key of the advisory lock that makes writes setting an identification take turns (see checkIdentity). */
const IDENTITY_LOCK = 1_003;

/**
 * Refuses an identification that would catch the same traffic as another account's: the same ANI or
 * auth name among accounts identified by it, or, for IP identification, an overlapping address or
 * network with the same tech prefix. The other account is named only when this key may see it; one
 * of another partition still blocks, since the switch is shared.
 *
 * Writes that set an identification take turns (a transaction-scoped advisory lock, held to commit):
 * simultaneous creates with the same IP went on to insert together, and the exclusion constraint made
 * them wait on each other until Postgres broke the deadlock, one second a time, so that under load some
 * ran out of attempts and got a bare CONFLICT. Now the second one checks after the first committed and
 * is told which account holds the identity. The database constraints still decide any write that
 * bypasses this (ACCOUNT_CONSTRAINTS).
 */
async function checkIdentity(tx: Db, errors: UserErrorList, account: AccountColumns, selfId: number | undefined): Promise<void> {
  const path = (field: string) => ["input", "identification", field];
  if (errors.hasErrorAt(["input", "identification"])) return;
  await tx.execute(sql`select pg_advisory_xact_lock(${IDENTITY_LOCK}, 0)`);
  const notSelf = selfId === undefined ? undefined : ne(accounts.id, selfId);
  const other = { id: accounts.id, name: accounts.name, visible: sql<boolean>`${visibleIn(accounts) ?? sql`true`}` };
  const who = (o: { id: number; name: string; visible: boolean }) =>
    o.visible ? `account "${o.name}" (id ${o.id})` : "an account of another partition (not visible to this API key)";
  const sameKey = async (field: "ani" | "authName", column: PgColumn, value: string | null | undefined, what: string) => {
    if (value == null) return;
    const [found] = await tx.select(other).from(accounts).where(and(eq(accounts.authType, account.authType!), eq(column, value), notSelf)).limit(1);
    if (found) errors.add(path(field), UserErrorCode.CONFLICT, `${who(found)} is already identified by this ${what}; the switch could not tell whose call it is`);
  };
  if (account.authType === "ani") await sameKey("ani", accounts.ani, account.ani, "ANI");
  if (account.authType === "name") await sameKey("authName", accounts.authName, account.authName, "auth name");
  if (account.authType === "ip" && account.ips?.length) {
    const [found] = await tx
      .select({ ...other, mine: sql<string>`abbrev(given.net)`, theirs: sql<string>`abbrev(${accountIps.net})` })
      .from(sql`unnest(${sql.param(account.ips)}::inet[]) as given(net)`)
      .innerJoin(accountIps, and(sql`${accountIps.net} && given.net`, eq(accountIps.ipAuth, true), eq(accountIps.techPrefix, account.techPrefix ?? "")))
      .innerJoin(accounts, eq(accounts.id, accountIps.accountId))
      .where(notSelf)
      .limit(1);
    if (found) {
      const held = found.visible ? `${found.theirs}, which overlaps ${found.mine},` : `an address or network overlapping ${found.mine}`;
      errors.add(path("ips"), UserErrorCode.CONFLICT, `${who(found)} already holds ${held} with the same tech prefix; the switch could not tell whose call it is`);
    }
  }
}

const readAccount = async (tx: Db, id: number) => (await rowsByIds<ReadableAccountRow>(tx, ACCOUNT_SOURCE, [id]))[0]!;

/** Races the pre-checks cannot see, decided by the database's constraints. */
const ACCOUNT_CONSTRAINTS: ConstraintErrors = {
  accounts_client_name_key: () => userError(["input", "name"], UserErrorCode.TAKEN, "another account of this client has this name"),
  accounts_partition_external_id_key: () => userError(["input", "externalId"], UserErrorCode.TAKEN, "another account of this partition has this external id"),
  accounts_ani_identity_key: () => userError(["input", "identification", "ani"], UserErrorCode.CONFLICT, "another account identified by this ANI was saved at the same time"),
  accounts_auth_name_identity_key: () =>
    userError(["input", "identification", "authName"], UserErrorCode.CONFLICT, "another account identified by this auth name was saved at the same time"),
  account_ips_identity_excl: () =>
    userError(
      ["input", "identification", "ips"],
      UserErrorCode.CONFLICT,
      "another account identified by an overlapping address with the same tech prefix was saved at the same time",
    ),
};

export async function createAccount(w: Writer, input: AccountCreateInput): Promise<MutationResult<ReadableAccountRow>> {
  const errors = new UserErrorList();
  const { columns, links } = readAccountInput(errors, input);
  const clientId = parse.id("client")(errors, ["input", "clientId"], input.clientId);
  return transact(
    w.db,
    errors,
    async (tx) => {
      const [client] = clientId === undefined ? [] : await tx.select().from(clients).where(and(eq(clients.id, clientId), visibleIn(clients)));
      if (clientId !== undefined && !client) errors.add(["input", "clientId"], UserErrorCode.NOT_FOUND, "no client with this id");
      checkMergedAccount(errors, columns);
      if (!client) return undefined;
      await checkAccountReferences(tx, errors, client, columns, links);
      await checkIdentity(tx, errors, columns, undefined);
      if (!errors.isEmpty) return undefined;
      const [row] = await tx
        .insert(accounts)
        .values({ ...(columns as typeof accounts.$inferInsert), clientId: client.id, partitionId: client.partitionId })
        .returning({ id: accounts.id });
      await writeAccountLinks(tx, row!.id, links);
      const created = await readAccount(tx, row!.id);
      await audit(tx, w.actor, { action: "create", objectType: "Account", objectId: created.id, partitionId: client.partitionId, after: created });
      return created;
    },
    ACCOUNT_CONSTRAINTS,
  );
}

export async function updateAccount(w: Writer, id: string, input: AccountUpdateInput): Promise<MutationResult<ReadableAccountRow>> {
  const errors = new UserErrorList();
  const { columns, links } = readAccountInput(errors, input);
  return transact(
    w.db,
    errors,
    async (tx) => {
      const existing = await lockForChange(tx, errors, accounts, id, "account", "update");
      if (!existing) return undefined;
      const [client] = await tx.select().from(clients).where(eq(clients.id, existing.clientId));
      checkMergedAccount(errors, { ...existing, ...columns });
      await checkAccountReferences(tx, errors, client!, columns, links);
      if (IDENTITY_FIELDS.some((field) => field in columns)) await checkIdentity(tx, errors, { ...existing, ...columns }, existing.id);
      if (!errors.isEmpty) return undefined;
      const before = await readAccount(tx, existing.id);
      if (Object.keys(columns).length) {
        await tx.update(accounts).set({ ...columns, updatedAt: sql`now()` }).where(eq(accounts.id, existing.id));
      }
      await writeAccountLinks(tx, existing.id, links);
      const after = await readAccount(tx, existing.id);
      await audit(tx, w.actor, { action: "update", objectType: "Account", objectId: existing.id, partitionId: client!.partitionId, before, after });
      return after;
    },
    ACCOUNT_CONSTRAINTS,
  );
}

export async function deleteAccount(w: Writer, id: string): Promise<MutationResult<number>> {
  const errors = new UserErrorList();
  return transact(w.db, errors, async (tx) => {
    const existing = await lockForChange(tx, errors, accounts, id, "account", "delete");
    if (!existing) return undefined;
    // Deleting would lose the money the account holds or owes (JeraSoft refunds it); disabling keeps it.
    if (!new ExactDecimal(existing.balance).isZero()) {
      errors.add(["id"], UserErrorCode.CONFLICT, `the balance is ${canonicalDecimal(existing.balance)}, not 0; disable origination and termination instead`);
      return undefined;
    }
    // Its payments and corrections are money records too: they are kept, so the account is.
    const history = await tx.$count(balanceTransactions, eq(balanceTransactions.accountId, existing.id));
    if (history > 0) {
      errors.add(["id"], UserErrorCode.CONFLICT, `it has ${history} balance transactions, which are kept; disable origination and termination instead`);
      return undefined;
    }
    const [client] = await tx.select({ partitionId: clients.partitionId }).from(clients).where(eq(clients.id, existing.clientId));
    const before = await readAccount(tx, existing.id);
    await tx.delete(accounts).where(eq(accounts.id, existing.id));
    await audit(tx, w.actor, { action: "delete", objectType: "Account", objectId: existing.id, partitionId: client!.partitionId, before });
    return existing.id;
  });
}
