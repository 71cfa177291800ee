import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { accountContacts, clients, contacts, type ContactRow } from "../../db/schema.js";
import { entityWriter } from "../../entity-writer.js";
import { idEquals } from "../../ids.js";
import { chooseOrder, nameContains, namedOrders, NameOrderField, type NamedListArgs } from "../../loading/list-args.js";
import { namedChildPage } from "../../loading/child-pages.js";
import { tablePage } from "../../loading/table-pages.js";
import type { LoaderCache } from "../../loading/child-pages.js";
import { References } from "../../references.js";
import { parse, type FieldRule } from "../../validation.js";
import type { ContactCreateInput, ContactsArgs, ContactUpdateInput } from "./contact.inputs.js";

const ORDERS = namedOrders<ContactRow>(contacts);

export function listContacts(db: Db, args: ContactsArgs) {
  const where = and(idEquals(contacts.clientId, args.filter?.clientId), nameContains(contacts.name, args.filter?.nameContains));
  return tablePage(db, { table: contacts, id: contacts.id }, args, chooseOrder(ORDERS, args.orderBy, NameOrderField.NAME), where);
}

export function contactsOfClient(db: Db, pages: LoaderCache, clientId: number, args: NamedListArgs, count: boolean) {
  return namedChildPage(db, pages, "client.contacts", { table: contacts, parent: contacts.clientId, orders: ORDERS }, args, clientId, count);
}

const RULES: { [K in keyof ContactUpdateInput]?: FieldRule } = {
  name: { column: "name", parse: parse.text(128) },
  email: { column: "email", parse: parse.email() },
  notes: { column: "notes", parse: parse.optionalText(10_000), nullable: true },
};

const partitionOfClient = async (tx: Db, clientId: number) =>
  (await tx.select({ partitionId: clients.partitionId }).from(clients).where(eq(clients.id, clientId)))[0]?.partitionId ?? null;

export const contactWriter = entityWriter<typeof contacts, ContactCreateInput, ContactUpdateInput, undefined>({
  table: contacts,
  objectType: "Contact",
  what: "contact",
  createRules: { ...RULES, clientId: { column: "clientId", parse: parse.id("client") } },
  updateRules: RULES,
  async check(tx, errors, merged, existing) {
    if (existing) return;
    const refs = new References();
    refs.add({ table: clients, id: clients.id, what: "client" }, ["input", "clientId"], merged.clientId);
    await refs.check(tx, errors);
  },
  dependents: [{ table: accountContacts, column: accountContacts.contactId, what: "account notification settings" }],
  partitionId: (tx, row) => partitionOfClient(tx, row.clientId),
});
