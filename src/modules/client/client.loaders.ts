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
import { joinLoader, tableByIdLoader } from "../../loading/by-id.js";
import { embeddable } from "../../loading/embedded.js";
import { RATE_TABLE_SOURCE } from "../rate-table/rate-table.loaders.js";

/** A client's rate tables of one direction, in their configured order: one statement for all clients asked. */
const rateTablesOfClient = (db: Db, direction: "origination" | "termination") =>
  joinLoader<RateTableRow>(db, {
    target: RATE_TABLE_SOURCE,
    link: clientRateTables,
    parent: clientRateTables.clientId,
    ref: clientRateTables.rateTableId,
    where: eq(clientRateTables.direction, direction),
    position: clientRateTables.position,
  });

export function createClientLoaders(db: Db) {
  return {
    clientById: tableByIdLoader<ClientRow>(db, { table: clients, id: clients.id }),
    originationRateTablesOfClient: rateTablesOfClient(db, "origination"),
    terminationRateTablesOfClient: rateTablesOfClient(db, "termination"),
  };
}

/** What a clients page reads in its own statement when selected: the client's to-one references. */
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
  lists: [],
});
