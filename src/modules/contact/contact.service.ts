import { and } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { contacts, type ContactRow } from "../../db/schema.js";
import { idEquals } from "../../ids.js";
import { chooseOrder, nameContains, namedOrders, NameOrderField, tablePage, type NamedListArgs } from "../../lists.js";
import type { LoaderCache } from "../../loaders.js";
import type { ContactsArgs } from "./contact.inputs.js";

const ORDERS = namedOrders<ContactRow>(contacts);

export function listContacts(db: Db, args: ContactsArgs) {
  const where = and(idEquals(contacts.clientId, args.filter?.clientId), nameContains(contacts.name, args.filter?.nameContains));
  return tablePage(db, { table: contacts, id: contacts.id }, args, chooseOrder(ORDERS, args.orderBy, NameOrderField.NAME), where);
}

export function contactsOfClient(db: Db, pages: LoaderCache, clientId: number, args: NamedListArgs) {
  const source = { table: contacts, parent: contacts.clientId, where: nameContains(contacts.name, args.filter?.nameContains) };
  return pages.childPage(db, "client.contacts", source, args, chooseOrder(ORDERS, args.orderBy, NameOrderField.NAME), clientId);
}
