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

/** Every per-request DataLoader, so one request batches its lookups and never sees another's cache. */
export function createLoaders(db: Db) {
  return {
    ...createPartitionLoaders(db),
    ...createCurrencyLoaders(db),
    ...createClientLoaders(db),
    ...createClientTemplateLoaders(db),
    ...createContactLoaders(db),
    ...createAccountLoaders(db),
    ...createBalanceLoaders(db),
    ...createRateTableLoaders(db),
    ...createRateLoaders(db),
    ...createRateNotificationLoaders(db),
    ...createCodeDeckLoaders(db),
    ...createTimeProfileLoaders(db),
    ...createRoutingPlanLoaders(db),
    ...createPaymentTermLoaders(db),
    ...createInvoiceTemplateLoaders(db),
    ...createEquipmentLoaders(db),
    ...createLowBalanceProfileLoaders(db),
    /** Loaders of child connections, per field and arguments. */
    pages: new LoaderCache(),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

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
