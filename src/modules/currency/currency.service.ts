import { count, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { currencies, type CurrencyRow } from "../../db/schema.js";
import { keysetPage, type ConnectionArgs, type Page } from "../../pagination.js";

export function currenciesByIds(db: Db, ids: readonly number[]): Promise<CurrencyRow[]> {
  return db.select().from(currencies).where(inArray(currencies.id, [...ids]));
}

export function listCurrencies(db: Db, args: ConnectionArgs): Promise<Page<CurrencyRow>> {
  return keysetPage(
    args,
    {
      name: "code",
      direction: "ASC",
      id: currencies.id,
      key: { column: currencies.code, pgType: "text", read: (row) => row.code },
    },
    ({ where, orderBy, limit }) => db.select().from(currencies).where(where).orderBy(...orderBy).limit(limit),
    async () => (await db.select({ n: count() }).from(currencies))[0]?.n ?? 0,
  );
}
