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
import { checkReferences, type JoinedReference } from "../../loading/joined-references.js";
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

/** A client's to-one references, read in the statement of a clients page that selects them. */
export const CLIENT_REFERENCES = checkReferences<Loaders>({ table: clients, id: clients.id }, [
  { field: "partition", key: clients.partitionId, target: { table: partitions, id: partitions.id }, loader: (l) => l.partitionById },
  { field: "currency", key: clients.currencyId, target: { table: currencies, id: currencies.id }, loader: (l) => l.currencyById },
  { field: "routingPlan", key: clients.routingPlanId, target: { table: routingPlans, id: routingPlans.id }, loader: (l) => l.routingPlanById },
  { field: "paymentTerm", key: clients.paymentTermId, target: { table: paymentTerms, id: paymentTerms.id }, loader: (l) => l.paymentTermById },
  {
    field: "lowBalanceProfile",
    key: clients.lowBalanceProfileId,
    target: { table: lowBalanceProfiles, id: lowBalanceProfiles.id },
    loader: (l) => l.lowBalanceProfileById,
  },
  { field: "template", key: clients.clientTemplateId, target: { table: clientTemplates, id: clientTemplates.id }, loader: (l) => l.clientTemplateById },
] satisfies JoinedReference<Loaders>[]);
