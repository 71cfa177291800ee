import DataLoader from "dataloader";
import type { Db } from "../../db/client.js";
import type { BalanceTransactionRow } from "../../db/schema.js";
import { tableByIdLoader } from "../../loading/by-id.js";
import { BALANCE_TRANSACTION_SOURCE, clientBalances } from "./balance.service.js";

export function createBalanceLoaders(db: Db) {
  return {
    balanceTransactionById: tableByIdLoader<BalanceTransactionRow>(db, BALANCE_TRANSACTION_SOURCE),
    /** Client id -> the sum of its accounts' balances. */
    balanceOfClient: new DataLoader<number, string>((clientIds) => clientBalances(db, clientIds)),
  };
}
