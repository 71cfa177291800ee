import { and, eq, getTableColumns, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { accounts, clients, type AccountRow } from "../../db/schema.js";
import { idEquals } from "../../ids.js";
import { chooseOrder, nameContains, namedOrders, NameOrderField, tablePage } from "../../lists.js";
import type { LoaderCache } from "../../loaders.js";
import type { AccountsArgs, ClientAccountFilter, ClientAccountsArgs } from "./account.inputs.js";

/** Every column but the password, which is write-only: only whether one is set is ever read. */
const { password, ...columns } = getTableColumns(accounts);
const readable = { ...columns, hasPassword: sql<boolean>`${password} is not null`.as("has_password") };
export const ACCOUNT_SOURCE = { table: accounts, id: accounts.id, fields: readable };
export type ReadableAccountRow = Omit<AccountRow, "password"> & { hasPassword: boolean };

const ORDERS = namedOrders<ReadableAccountRow>(accounts);

function accountConditions(filter: ClientAccountFilter | null | undefined): (SQL | undefined)[] {
  return [
    nameContains(accounts.name, filter?.nameContains),
    filter?.authType != null ? eq(accounts.authType, filter.authType) : undefined,
    filter?.originationEnabled != null ? eq(accounts.origEnabled, filter.originationEnabled) : undefined,
    filter?.terminationEnabled != null ? eq(accounts.termEnabled, filter.terminationEnabled) : undefined,
  ];
}

export function listAccounts(db: Db, args: AccountsArgs) {
  const partition = idEquals(clients.partitionId, args.filter?.partitionId);
  const where = and(
    idEquals(accounts.clientId, args.filter?.clientId),
    partition ? inArray(accounts.clientId, db.select({ id: clients.id }).from(clients).where(partition)) : undefined,
    ...accountConditions(args.filter),
  );
  const order = chooseOrder(ORDERS, args.orderBy, NameOrderField.NAME);
  return tablePage<ReadableAccountRow>(db, ACCOUNT_SOURCE, args, order, where);
}

export function accountsOfClient(db: Db, pages: LoaderCache, clientId: number, args: ClientAccountsArgs) {
  const source = { table: accounts, parent: accounts.clientId, fields: readable, where: and(...accountConditions(args.filter)) };
  const order = chooseOrder(ORDERS, args.orderBy, NameOrderField.NAME);
  return pages.childPage<ReadableAccountRow>(db, "client.accounts", source, args, order, clientId);
}
