import type { Db } from "../../db/client.js";
import { paymentTerms, type PaymentTermRow } from "../../db/schema.js";
import { tableByIdLoader } from "../../loading/by-id.js";

export function createPaymentTermLoaders(db: Db) {
  return { paymentTermById: tableByIdLoader<PaymentTermRow>(db, { table: paymentTerms, id: paymentTerms.id }) };
}
