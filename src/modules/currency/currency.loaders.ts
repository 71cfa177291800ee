import type { Db } from "../../db/client.js";
import { currencies, type CurrencyRow } from "../../db/schema.js";
import { tableByIdLoader } from "../../loading/by-id.js";
import type { ListSource } from "../../loading/rows.js";

/** Currencies as their loader and embedded reads read them. */
export const CURRENCY_SOURCE: ListSource = { table: currencies, id: currencies.id, type: { name: "Currency", needs: {} } };

export function createCurrencyLoaders(db: Db) {
  return { currencyById: tableByIdLoader<CurrencyRow>(db, CURRENCY_SOURCE) };
}
