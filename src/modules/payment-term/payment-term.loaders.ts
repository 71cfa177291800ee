import type { Db } from "../../db/client.js";
import { paymentTerms, type PaymentTermRow } from "../../db/schema.js";
import { tableByIdLoader } from "../../loading/by-id.js";
import type { ListSource } from "../../loading/rows.js";

/** Payment terms as their loader and embedded reads read them. */
export const PAYMENT_TERM_SOURCE: ListSource = { table: paymentTerms, id: paymentTerms.id, type: { name: "PaymentTerm", needs: {} } };

export function createPaymentTermLoaders(db: Db) {
  return { paymentTermById: tableByIdLoader<PaymentTermRow>(db, PAYMENT_TERM_SOURCE) };
}
