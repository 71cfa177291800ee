import { eq } from "drizzle-orm";
import type { Loaders } from "../../context.js";
import type { Db } from "../../db/client.js";
import { clientRateTables, clients, clientTemplates, type ClientRow, type RateTableRow } from "../../db/schema.js";
import { joinLoader, tableByIdLoader, type JoinSource } from "../../loading/by-id.js";
import { embeddable } from "../../loading/embedded.js";
import type { ListSource } from "../../loading/rows.js";
import { CURRENCY_SOURCE } from "../currency/currency.loaders.js";
import { LOW_BALANCE_PROFILE_SOURCE } from "../low-balance-profile/low-balance-profile.loaders.js";
import { PARTITION_SOURCE } from "../partition/partition.loaders.js";
import { PAYMENT_TERM_SOURCE } from "../payment-term/payment-term.loaders.js";
import { RATE_TABLE_EMBEDS, RATE_TABLE_SOURCE } from "../rate-table/rate-table.loaders.js";
import { ROUTING_PLAN_SOURCE } from "../routing-plan/routing-plan.loaders.js";

/** Clients as their loader and embedded reads read them (an account's client). */
export const CLIENT_SOURCE: ListSource = {
  table: clients,
  id: clients.id,
  type: {
    name: "Client",
    needs: {
      partition: ["partitionId"],
      currency: ["currencyId"],
      routingPlan: ["routingPlanId"],
      paymentTerm: ["paymentTermId"],
      lowBalanceProfile: ["lowBalanceProfileId"],
      template: ["clientTemplateId"],
      originationCapacity: ["origCapacity"],
      originationRateTables: [],
      terminationRateTables: [],
      accounts: [],
      contacts: [],
      balance: [],
    },
  },
};

/** A client's rate tables of one direction, in their configured order: one statement for all clients asked. */
const rateTablesOfClient = (direction: "origination" | "termination"): JoinSource => ({
  target: RATE_TABLE_SOURCE,
  link: clientRateTables,
  parent: clientRateTables.clientId,
  ref: clientRateTables.rateTableId,
  where: eq(clientRateTables.direction, direction),
  position: clientRateTables.position,
});
export const CLIENT_ORIGINATION_RATE_TABLES = rateTablesOfClient("origination");
export const CLIENT_TERMINATION_RATE_TABLES = rateTablesOfClient("termination");

export function createClientLoaders(db: Db) {
  return {
    clientById: tableByIdLoader<ClientRow>(db, CLIENT_SOURCE),
    originationRateTablesOfClient: joinLoader<RateTableRow>(db, CLIENT_ORIGINATION_RATE_TABLES),
    terminationRateTablesOfClient: joinLoader<RateTableRow>(db, CLIENT_TERMINATION_RATE_TABLES),
  };
}

/** What a statement reading clients also reads when the request selects it: the client's references and rate tables. */
export const CLIENT_EMBEDS = embeddable<Loaders>({
  parent: CLIENT_SOURCE,
  references: [
    { path: "partition", key: clients.partitionId, target: PARTITION_SOURCE, loader: (l) => l.partitionById },
    { path: "currency", key: clients.currencyId, target: CURRENCY_SOURCE, loader: (l) => l.currencyById },
    { path: "routingPlan", key: clients.routingPlanId, target: ROUTING_PLAN_SOURCE, loader: (l) => l.routingPlanById },
    { path: "paymentTerm", key: clients.paymentTermId, target: PAYMENT_TERM_SOURCE, loader: (l) => l.paymentTermById },
    { path: "lowBalanceProfile", key: clients.lowBalanceProfileId, target: LOW_BALANCE_PROFILE_SOURCE, loader: (l) => l.lowBalanceProfileById },
    { path: "template", key: clients.clientTemplateId, target: { table: clientTemplates, id: clientTemplates.id }, loader: (l) => l.clientTemplateById },
  ],
  lists: [
    { paths: ["originationRateTables"], source: CLIENT_ORIGINATION_RATE_TABLES, loader: (l) => l.originationRateTablesOfClient, embeds: () => RATE_TABLE_EMBEDS },
    { paths: ["terminationRateTables"], source: CLIENT_TERMINATION_RATE_TABLES, loader: (l) => l.terminationRateTablesOfClient, embeds: () => RATE_TABLE_EMBEDS },
  ],
});
