import type { Db } from "../../db/client.js";
import { paymentTerms, type PaymentTermRow } from "../../db/schema.js";
import { tableByIdLoader } from "../../loaders.js";

export function createPaymentTermLoaders(db: Db) {
  return { paymentTermById: tableByIdLoader<PaymentTermRow>(db, { table: paymentTerms, id: paymentTerms.id }) };
}
