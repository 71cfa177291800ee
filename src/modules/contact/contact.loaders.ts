import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { accountContacts, contacts, type ContactRow } from "../../db/schema.js";
import { joinLoader, tableByIdLoader } from "../../loading/by-id.js";

const CONTACT_SOURCE = { table: contacts, id: contacts.id };

const ofAccount = (db: Db, purpose: "invoices" | "balance_notifications") =>
  joinLoader<ContactRow>(db, {
    target: CONTACT_SOURCE,
    link: accountContacts,
    parent: accountContacts.accountId,
    ref: accountContacts.contactId,
    where: eq(accountContacts.purpose, purpose),
  });

export function createContactLoaders(db: Db) {
  return {
    contactById: tableByIdLoader<ContactRow>(db, CONTACT_SOURCE),
    invoiceContactsOfAccount: ofAccount(db, "invoices"),
    balanceNotificationContactsOfAccount: ofAccount(db, "balance_notifications"),
  };
}
