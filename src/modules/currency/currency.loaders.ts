import type { Db } from "../../db/client.js";
import { currencies, type CurrencyRow } from "../../db/schema.js";
import { tableByIdLoader } from "../../loaders.js";

export function createCurrencyLoaders(db: Db) {
  return { currencyById: tableByIdLoader<CurrencyRow>(db, { table: currencies, id: currencies.id }) };
}
