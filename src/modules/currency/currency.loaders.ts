import type { Db } from "../../db/client.js";
import { byIdLoader } from "../../loaders.js";
import { currenciesByIds } from "./currency.service.js";

export function createCurrencyLoaders(db: Db) {
  return { currencyById: byIdLoader((ids) => currenciesByIds(db, ids)) };
}
