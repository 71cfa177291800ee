import { eq } from "drizzle-orm";
import type { Loaders } from "../../context.js";
import type { Db } from "../../db/client.js";
import { accountEquipment, accountRateTables, accounts, type EquipmentRow, type RateTableRow } from "../../db/schema.js";
import { joinLoader, tableByIdLoader, type JoinSource } from "../../loading/by-id.js";
import { embeddable } from "../../loading/embedded.js";
import { BALANCE_NOTIFICATION_CONTACTS_OF_ACCOUNT, INVOICE_CONTACTS_OF_ACCOUNT } from "../contact/contact.loaders.js";
import { CLIENT_EMBEDS, CLIENT_ORIGINATION_RATE_TABLES, CLIENT_SOURCE, CLIENT_TERMINATION_RATE_TABLES } from "../client/client.loaders.js";
import { EQUIPMENT_SOURCE } from "../equipment/equipment.loaders.js";
import { INVOICE_TEMPLATE_SOURCE } from "../invoice-template/invoice-template.loaders.js";
import { RATE_TABLE_EMBEDS, RATE_TABLE_SOURCE } from "../rate-table/rate-table.loaders.js";
import { ROUTING_PLAN_SOURCE } from "../routing-plan/routing-plan.loaders.js";
import { ACCOUNT_SOURCE, type ReadableAccountRow } from "./account.service.js";

/**
 * An account's rate tables of one direction, in their configured order. However many accounts a
 * request shows, their rate tables are read in one statement: embedded in the statement that reads the
 * accounts when it can be (src/loading/embedded.ts), else by a loader that collects the account ids
 * asked for in one tick and reads `account_rate_tables` joined to `rate_tables` for all of them
 * (joinLoader, src/loading/by-id.ts), handing each account its own list.
 */
const rateTablesOfAccount = (direction: "origination" | "termination"): JoinSource => ({
  target: RATE_TABLE_SOURCE,
  link: accountRateTables,
  parent: accountRateTables.accountId,
  ref: accountRateTables.rateTableId,
  where: eq(accountRateTables.direction, direction),
  position: accountRateTables.position,
});
const ORIGINATION_RATE_TABLES = rateTablesOfAccount("origination");
const TERMINATION_RATE_TABLES = rateTablesOfAccount("termination");
const EQUIPMENT_OF_ACCOUNT: JoinSource = {
  target: EQUIPMENT_SOURCE,
  link: accountEquipment,
  parent: accountEquipment.accountId,
  ref: accountEquipment.equipmentId,
};

export function createAccountLoaders(db: Db) {
  return {
    accountById: tableByIdLoader<ReadableAccountRow>(db, ACCOUNT_SOURCE),
    equipmentOfAccount: joinLoader<EquipmentRow>(db, EQUIPMENT_OF_ACCOUNT),
    originationRateTablesOfAccount: joinLoader<RateTableRow>(db, ORIGINATION_RATE_TABLES),
    terminationRateTablesOfAccount: joinLoader<RateTableRow>(db, TERMINATION_RATE_TABLES),
  };
}

/** What a statement reading accounts also reads when the request selects it: the account's references and linked lists. */
export const ACCOUNT_EMBEDS = embeddable<Loaders>({
  parent: ACCOUNT_SOURCE,
  references: [
    { path: "client", key: accounts.clientId, target: CLIENT_SOURCE, loader: (l) => l.clientById, embeds: () => CLIENT_EMBEDS },
    { path: "invoiceTemplate", key: accounts.invoiceTemplateId, target: INVOICE_TEMPLATE_SOURCE, loader: (l) => l.invoiceTemplateById },
    { path: "origination.routingPlan", key: accounts.origRoutingPlanId, target: ROUTING_PLAN_SOURCE, loader: (l) => l.routingPlanById },
  ],
  lists: [
    { paths: ["identification.equipment"], source: EQUIPMENT_OF_ACCOUNT, loader: (l) => l.equipmentOfAccount },
    { paths: ["origination.rateTables", "origination.effectiveRateTables"], source: ORIGINATION_RATE_TABLES, loader: (l) => l.originationRateTablesOfAccount, embeds: () => RATE_TABLE_EMBEDS },
    { paths: ["termination.rateTables", "termination.effectiveRateTables"], source: TERMINATION_RATE_TABLES, loader: (l) => l.terminationRateTablesOfAccount, embeds: () => RATE_TABLE_EMBEDS },
    // effectiveRateTables falls back to the client's tables when the account has none of its own.
    {
      paths: ["origination.effectiveRateTables"],
      source: CLIENT_ORIGINATION_RATE_TABLES,
      parentKey: { column: accounts.clientId, prop: "clientId" },
      loader: (l) => l.originationRateTablesOfClient,
      embeds: () => RATE_TABLE_EMBEDS,
    },
    {
      paths: ["termination.effectiveRateTables"],
      source: CLIENT_TERMINATION_RATE_TABLES,
      parentKey: { column: accounts.clientId, prop: "clientId" },
      loader: (l) => l.terminationRateTablesOfClient,
      embeds: () => RATE_TABLE_EMBEDS,
    },
    { paths: ["sendInvoicesTo"], source: INVOICE_CONTACTS_OF_ACCOUNT, loader: (l) => l.invoiceContactsOfAccount },
    { paths: ["sendBalanceNotificationsTo"], source: BALANCE_NOTIFICATION_CONTACTS_OF_ACCOUNT, loader: (l) => l.balanceNotificationContactsOfAccount },
  ],
});
