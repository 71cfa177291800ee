import { eq } from "drizzle-orm";
import type { Loaders } from "../../context.js";
import type { Db } from "../../db/client.js";
import {
  clientRateTables,
  clients,
  clientTemplates,
  currencies,
  lowBalanceProfiles,
  partitions,
  paymentTerms,
  routingPlans,
  type ClientRow,
  type RateTableRow,
} from "../../db/schema.js";
import { joinLoader, tableByIdLoader, type JoinSource } from "../../loading/by-id.js";
import { embeddable } from "../../loading/embedded.js";
import { RATE_TABLE_EMBEDS, RATE_TABLE_SOURCE } from "../rate-table/rate-table.loaders.js";

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
    clientById: tableByIdLoader<ClientRow>(db, { table: clients, id: clients.id }),
    originationRateTablesOfClient: joinLoader<RateTableRow>(db, CLIENT_ORIGINATION_RATE_TABLES),
    terminationRateTablesOfClient: joinLoader<RateTableRow>(db, CLIENT_TERMINATION_RATE_TABLES),
  };
}

/** What a statement reading clients also reads when the request selects it: the client's references and rate tables. */
export const CLIENT_EMBEDS = embeddable<Loaders>({
  parent: { table: clients, id: clients.id },
  references: [
    { path: "partition", key: clients.partitionId, target: { table: partitions, id: partitions.id }, loader: (l) => l.partitionById },
    { path: "currency", key: clients.currencyId, target: { table: currencies, id: currencies.id }, loader: (l) => l.currencyById },
    { path: "routingPlan", key: clients.routingPlanId, target: { table: routingPlans, id: routingPlans.id }, loader: (l) => l.routingPlanById },
    { path: "paymentTerm", key: clients.paymentTermId, target: { table: paymentTerms, id: paymentTerms.id }, loader: (l) => l.paymentTermById },
    {
      path: "lowBalanceProfile",
      key: clients.lowBalanceProfileId,
      target: { table: lowBalanceProfiles, id: lowBalanceProfiles.id },
      loader: (l) => l.lowBalanceProfileById,
    },
    { path: "template", key: clients.clientTemplateId, target: { table: clientTemplates, id: clientTemplates.id }, loader: (l) => l.clientTemplateById },
  ],
  lists: [
    { paths: ["originationRateTables"], source: CLIENT_ORIGINATION_RATE_TABLES, loader: (l) => l.originationRateTablesOfClient, embeds: () => RATE_TABLE_EMBEDS },
    { paths: ["terminationRateTables"], source: CLIENT_TERMINATION_RATE_TABLES, loader: (l) => l.terminationRateTablesOfClient, embeds: () => RATE_TABLE_EMBEDS },
  ],
});
