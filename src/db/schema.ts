import { sql } from "drizzle-orm";
import {
  char,
  check,
  index,
  integer,
  numeric,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from "drizzle-orm/pg-core";

/** Money and rates: 9 integer digits and 6 decimals cover the documented ±999,999,999 exactly (see decimal.ts). */
const money = (name: string) => numeric(name, { precision: 15, scale: 6 });
/** Millisecond precision, so a timestamp in a keyset cursor (a JS Date) compares exactly. */
const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date", precision: 3 }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date", precision: 3 }).notNull().defaultNow(),
};

export const partitionStatus = pgEnum("partition_status", ["active", "deleted"]);
export const clientStatus = pgEnum("client_status", ["active", "archived"]);

/** A reseller ("company" in JeraSoft): owns clients, templates and rate tables. */
export const partitions = pgTable(
  "partitions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    name: varchar("name", { length: 255 }).notNull(),
    status: partitionStatus("status").notNull().default("active"),
    ...timestamps,
  },
  (t) => [uniqueIndex("partitions_name_key").on(t.name)],
);

/** ISO 4217 currencies; reference data seeded by a migration. */
export const currencies = pgTable(
  "currencies",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    code: char("code", { length: 3 }).notNull(),
    name: varchar("name", { length: 64 }).notNull(),
  },
  (t) => [uniqueIndex("currencies_code_key").on(t.code), check("currencies_code_upper", sql`${t.code} ~ '^[A-Z]{3}$'`)],
);

/** A business party (customer and/or vendor): balance, credit and invoices live here. */
export const clients = pgTable(
  "clients",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    partitionId: integer("partition_id")
      .notNull()
      .references(() => partitions.id, { onDelete: "restrict" }),
    currencyId: integer("currency_id")
      .notNull()
      .references(() => currencies.id, { onDelete: "restrict" }),
    name: varchar("name", { length: 255 }).notNull(),
    creditLimit: money("credit_limit").notNull().default("0"),
    status: clientStatus("status").notNull().default("active"),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("clients_partition_name_key").on(t.partitionId, t.name),
    index("clients_currency_id_idx").on(t.currencyId),
    index("clients_name_id_idx").on(t.name, t.id),
    index("clients_created_at_id_idx").on(t.createdAt, t.id),
    check("clients_name_not_blank", sql`length(btrim(${t.name})) > 0`),
    check("clients_credit_limit_range", sql`${t.creditLimit} between -999999999.999999 and 999999999.999999`),
  ],
);

export type PartitionRow = typeof partitions.$inferSelect;
export type CurrencyRow = typeof currencies.$inferSelect;
export type ClientRow = typeof clients.$inferSelect;
