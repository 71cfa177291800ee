import type { Db } from "../../db/client.js";
import { currencies, type CurrencyRow } from "../../db/schema.js";
import { tablePage } from "../../loading/table-pages.js";
import type { ConnectionArgs, KeysetOrder, Page } from "../../loading/keyset-pagination.js";

const BY_CODE: KeysetOrder<CurrencyRow> = {
  name: "code",
  direction: "ASC",
  id: currencies.id,
  key: { column: currencies.code, pgType: "text", read: (row) => row.code },
};

export function listCurrencies(db: Db, args: ConnectionArgs): Promise<Page<CurrencyRow>> {
  return tablePage(db, { table: currencies, id: currencies.id }, args, BY_CODE);
}
