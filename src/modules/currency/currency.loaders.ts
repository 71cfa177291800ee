import type { Db } from "../../db/client.js";
import { currencies, type CurrencyRow } from "../../db/schema.js";
import { tableByIdLoader } from "../../loading/by-id.js";

export function createCurrencyLoaders(db: Db) {
  return { currencyById: tableByIdLoader<CurrencyRow>(db, { table: currencies, id: currencies.id }) };
}
