import type { Db } from "./db/client.js";
import type { QueryStats } from "./db/query-stats.js";
import type { Logger } from "./logger.js";
import { createPartitionLoaders } from "./modules/partition/partition.loaders.js";
import { createCurrencyLoaders } from "./modules/currency/currency.loaders.js";
import { createClientLoaders } from "./modules/client/client.loaders.js";

export function createLoaders(db: Db) {
  return {
    ...createPartitionLoaders(db),
    ...createCurrencyLoaders(db),
    ...createClientLoaders(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** Everything a resolver may use while serving one request. */
export interface Context {
  db: Db;
  loaders: Loaders;
  requestId: string;
  logger: Logger;
  queryStats: QueryStats;
}
