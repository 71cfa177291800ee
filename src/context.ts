import type { Db } from "./db/client.js";
import type { ApiKeyIdentity } from "./modules/api-key/api-key.service.js";
import type { RequestState } from "./request-state.js";
import type { Logger } from "./logger.js";
import { LoaderCache } from "./loading/child-pages.js";
import { createAccountLoaders } from "./modules/account/account.loaders.js";
import { createBalanceLoaders } from "./modules/balance/balance.loaders.js";
import { createClientTemplateLoaders } from "./modules/client-template/client-template.loaders.js";
import { createClientLoaders } from "./modules/client/client.loaders.js";
import { createCodeDeckLoaders } from "./modules/code-deck/code-deck.loaders.js";
import { createContactLoaders } from "./modules/contact/contact.loaders.js";
import { createCurrencyLoaders } from "./modules/currency/currency.loaders.js";
import { createEquipmentLoaders } from "./modules/equipment/equipment.loaders.js";
import { createInvoiceTemplateLoaders } from "./modules/invoice-template/invoice-template.loaders.js";
import { createLowBalanceProfileLoaders } from "./modules/low-balance-profile/low-balance-profile.loaders.js";
import { createPartitionLoaders } from "./modules/partition/partition.loaders.js";
import { createPaymentTermLoaders } from "./modules/payment-term/payment-term.loaders.js";
import { createRateNotificationLoaders } from "./modules/rate-notification/rate-notification.loaders.js";
import { createRateTableLoaders } from "./modules/rate-table/rate-table.loaders.js";
import { createRateLoaders } from "./modules/rate/rate.loaders.js";
import { createRoutingPlanLoaders } from "./modules/routing-plan/routing-plan.loaders.js";
import { createTimeProfileLoaders } from "./modules/time-profile/time-profile.loaders.js";

/** The modules' loader factories; each makes a group of loaders that may share work, so a group is made whole. */
const LOADER_GROUPS = [
  createPartitionLoaders,
  createCurrencyLoaders,
  createClientLoaders,
  createClientTemplateLoaders,
  createContactLoaders,
  createAccountLoaders,
  createBalanceLoaders,
  createRateTableLoaders,
  createRateLoaders,
  createRateNotificationLoaders,
  createCodeDeckLoaders,
  createTimeProfileLoaders,
  createRoutingPlanLoaders,
  createPaymentTermLoaders,
  createInvoiceTemplateLoaders,
  createEquipmentLoaders,
  createLowBalanceProfileLoaders,
] as const;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

export type Loaders = UnionToIntersection<ReturnType<(typeof LOADER_GROUPS)[number]>> & {
  /** Loaders of child connections, per field and arguments. */
  pages: LoaderCache;
};

type LoaderGroup = (db: Db) => object;

/**
 * A factory of per-request loader sets whose groups are made on first use: a request makes only the
 * loaders it asks for (`{ __typename }` none), where making all of them cost more than the rest of the
 * request's own work. Each loader name is a getter on a shared prototype that makes its group, stores
 * the group's loaders on the request's object (later reads are plain properties) and returns the one asked.
 */
export function lazyLoaderSets<T extends object>(db: Db, groups: readonly LoaderGroup[]): () => T {
  const prototype: object = {};
  for (const group of groups) {
    // Made once here with the shared database handle only to learn the group's names; nothing runs.
    for (const name of Object.keys(group(db))) {
      Object.defineProperty(prototype, name, {
        enumerable: true,
        get(this: object) {
          const loaders = group(db) as Record<string, unknown>;
          for (const [key, value] of Object.entries(loaders)) Object.defineProperty(this, key, { value, enumerable: true });
          return loaders[name];
        },
      });
    }
  }
  return () => Object.create(prototype) as T;
}

/** Every per-request DataLoader, so one request batches its lookups and never sees another's cache. */
export function loaderFactory(db: Db): () => Loaders {
  const lazy = lazyLoaderSets<Omit<Loaders, "pages">>(db, LOADER_GROUPS);
  return () => Object.assign(lazy(), { pages: new LoaderCache() });
}

/** Everything a resolver may use while serving one request. */
export interface Context {
  db: Db;
  /** The accepted API key: its role and the partition it is confined to. */
  apiKey: ApiKeyIdentity;
  /** Id of the API key making the request, recorded in audit events. */
  actor: string;
  loaders: Loaders;
  requestId: string;
  logger: Logger;
  request: RequestState;
}
