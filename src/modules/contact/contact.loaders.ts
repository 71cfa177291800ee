import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { accountContacts, contacts, type ContactRow } from "../../db/schema.js";
import { joinLoader, tableByIdLoader, type JoinSource } from "../../loading/by-id.js";

import type { ListSource } from "../../loading/rows.js";

/** Contacts as their loaders and embedded reads read them. */
const CONTACT_SOURCE: ListSource = { table: contacts, id: contacts.id, type: { name: "Contact", needs: { client: ["clientId"] } } };

/** The contacts of an account for one purpose (read by the loaders below, or embedded in the account's statement). */
const contactsOfAccount = (purpose: "invoices" | "balance_notifications"): JoinSource => ({
  target: CONTACT_SOURCE,
  link: accountContacts,
  parent: accountContacts.accountId,
  ref: accountContacts.contactId,
  where: eq(accountContacts.purpose, purpose),
});
export const INVOICE_CONTACTS_OF_ACCOUNT = contactsOfAccount("invoices");
export const BALANCE_NOTIFICATION_CONTACTS_OF_ACCOUNT = contactsOfAccount("balance_notifications");

export function createContactLoaders(db: Db) {
  return {
    contactById: tableByIdLoader<ContactRow>(db, CONTACT_SOURCE),
    invoiceContactsOfAccount: joinLoader<ContactRow>(db, INVOICE_CONTACTS_OF_ACCOUNT),
    balanceNotificationContactsOfAccount: joinLoader<ContactRow>(db, BALANCE_NOTIFICATION_CONTACTS_OF_ACCOUNT),
  };
}
