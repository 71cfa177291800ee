import type { Db } from "../../db/client.js";
import { contacts, rateNotificationContacts, type ContactRow } from "../../db/schema.js";
import { joinLoader, tableByIdLoader } from "../../loading/by-id.js";
import { RATE_NOTIFICATION_SOURCE, type RateNotificationRow } from "./rate-notification.service.js";

export function createRateNotificationLoaders(db: Db) {
  return {
    rateNotificationById: tableByIdLoader<RateNotificationRow>(db, RATE_NOTIFICATION_SOURCE),
    contactsOfRateNotification: joinLoader<ContactRow>(db, {
      target: { table: contacts, id: contacts.id },
      link: rateNotificationContacts,
      parent: rateNotificationContacts.rateNotificationId,
      ref: rateNotificationContacts.contactId,
    }),
  };
}
