import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  char,
  check,
  foreignKey,
  index,
  inet,
  jsonb,
  integer,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  time,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";

/**
 * An e-mail address as the API accepts it: something@domain.tld, no spaces. One pattern for the CHECK and
 * the input validator, which both regex dialects (JavaScript, Postgres ARE) read the same way. Written as
 * a plain string because in a template literal "\s" loses its backslash (it once became "s").
 */
export const EMAIL_PATTERN = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

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
    routingPlanId: integer("routing_plan_id").references(() => routingPlans.id, { onDelete: "restrict" }),
    paymentTermId: integer("payment_term_id").references(() => paymentTerms.id, { onDelete: "restrict" }),
    // The template-only settings (JeraSoft client templates), stored for the switch: the gateway does not enforce them.
    origCapacity: integer("orig_capacity"),
    lowBalanceProfileId: integer("low_balance_profile_id").references((): AnyPgColumn => lowBalanceProfiles.id, { onDelete: "restrict" }),
    lowBalanceThreshold: money("low_balance_threshold"),
    lowBalanceCapacity: integer("low_balance_capacity"),
    /** The template the client was created from; null once that template is deleted. */
    clientTemplateId: integer("client_template_id").references((): AnyPgColumn => clientTemplates.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("clients_partition_name_key").on(t.partitionId, t.name),
    // Lets accounts reference (client, partition) together, so an account's partition is its client's.
    uniqueIndex("clients_id_partition_key").on(t.id, t.partitionId),
    index("clients_currency_id_idx").on(t.currencyId),
    index("clients_name_id_idx").on(t.name, t.id),
    index("clients_created_at_id_idx").on(t.createdAt, t.id),
    index("clients_routing_plan_id_idx").on(t.routingPlanId),
    index("clients_payment_term_id_idx").on(t.paymentTermId),
    index("clients_low_balance_profile_id_idx").on(t.lowBalanceProfileId),
    index("clients_client_template_id_idx").on(t.clientTemplateId),
    check("clients_name_not_blank", sql`length(btrim(${t.name})) > 0`),
    check("clients_credit_limit_range", sql`${t.creditLimit} between -999999999.999999 and 999999999.999999`),
    // The same ranges as the template's settings they are copied from (the range helpers are declared below).
    check("clients_orig_capacity_range", sql`${t.origCapacity} between 0 and 2147483647`),
    check("clients_low_balance_threshold_range", sql`${t.lowBalanceThreshold} between -999999999.999999 and 999999999.999999`),
    check("clients_low_balance_capacity_range", sql`${t.lowBalanceCapacity} between 0 and 65535`),
  ],
);

export const INT32_MAX = 2_147_483_647;
const capacity = (name: string) => integer(name);
/** A range CHECK for a nullable column: null passes, as the domain's "null = no limit" requires. */
const between = (name: string, column: AnyPgColumn, min: number | string, max: number | string) =>
  check(name, sql`${column} between ${sql.raw(String(min))} and ${sql.raw(String(max))}`);
const moneyRange = (name: string, column: AnyPgColumn) => between(name, column, "-999999999.999999", "999999999.999999");
const notBlank = (name: string, column: AnyPgColumn) => check(name, sql`length(btrim(${column})) > 0`);

export const direction = pgEnum("direction", ["origination", "termination"]);
export const authType = pgEnum("auth_type", ["name", "ip", "ani"]);
export const rateStatus = pgEnum("rate_status", ["active", "stashed"]);
export const invoicePeriod = pgEnum("invoice_period", [
  "daily",
  "weekly",
  "biweekly",
  "monthly",
  "biweekly_split_by_month",
  "weekly_split_by_month",
  "semimonthly",
]);
export const contactPurpose = pgEnum("contact_purpose", ["invoices", "balance_notifications"]);

/** Named weekday/hour windows a rate applies in; a profile with no periods covers all time. */
export const timeProfiles = pgTable(
  "time_profiles",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    name: varchar("name", { length: 128 }).notNull(),
    timezone: varchar("timezone", { length: 64 }).notNull().default("UTC"),
    ...timestamps,
  },
  (t) => [uniqueIndex("time_profiles_name_key").on(t.name), notBlank("time_profiles_name_not_blank", t.name)],
);

/** One window of a time profile: ISO weekdays (1 = Monday) and a time-of-day range, both inclusive. */
export const timeProfilePeriods = pgTable(
  "time_profile_periods",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    timeProfileId: integer("time_profile_id")
      .notNull()
      .references(() => timeProfiles.id, { onDelete: "cascade" }),
    weekdayFrom: smallint("weekday_from").notNull(),
    weekdayTill: smallint("weekday_till").notNull(),
    timeFrom: time("time_from").notNull(),
    timeTill: time("time_till").notNull(),
  },
  (t) => [
    index("time_profile_periods_profile_idx").on(t.timeProfileId),
    between("time_profile_periods_weekday_from_range", t.weekdayFrom, 1, 7),
    between("time_profile_periods_weekday_till_range", t.weekdayTill, 1, 7),
    check("time_profile_periods_order", sql`${t.weekdayFrom} <= ${t.weekdayTill} and ${t.timeFrom} <= ${t.timeTill}`),
  ],
);

/** A routing plan: how calls of a client or account are routed (assigned by reference only here). */
export const routingPlans = pgTable(
  "routing_plans",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    name: varchar("name", { length: 128 }).notNull(),
    notes: text("notes"),
    ...timestamps,
  },
  (t) => [uniqueIndex("routing_plans_name_key").on(t.name), notBlank("routing_plans_name_not_blank", t.name)],
);

/** Payment terms of a client: when invoices are due. */
export const paymentTerms = pgTable(
  "payment_terms",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    name: varchar("name", { length: 128 }).notNull(),
    periodDays: integer("period_days").notNull().default(30),
    gracePeriodDays: integer("grace_period_days").notNull().default(0),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("payment_terms_name_key").on(t.name),
    notBlank("payment_terms_name_not_blank", t.name),
    between("payment_terms_period_days_range", t.periodDays, 1, 366),
    between("payment_terms_grace_period_days_range", t.gracePeriodDays, 0, 366),
  ],
);

/** Layout used to render an account's invoices. */
export const invoiceTemplates = pgTable(
  "invoice_templates",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    name: varchar("name", { length: 128 }).notNull(),
    notes: text("notes"),
    ...timestamps,
  },
  (t) => [uniqueIndex("invoice_templates_name_key").on(t.name), notBlank("invoice_templates_name_not_blank", t.name)],
);

/** A switch or gateway an account may be used on. */
export const equipment = pgTable(
  "equipment",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    name: varchar("name", { length: 128 }).notNull(),
    notes: text("notes"),
    ...timestamps,
  },
  (t) => [uniqueIndex("equipment_name_key").on(t.name), notBlank("equipment_name_not_blank", t.name)],
);

/** Notifies (and optionally throttles) clients whose balance runs low; owned by a partition. */
export const lowBalanceProfiles = pgTable(
  "low_balance_profiles",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    partitionId: integer("partition_id")
      .notNull()
      .references(() => partitions.id, { onDelete: "restrict" }),
    name: varchar("name", { length: 128 }).notNull(),
    threshold: money("threshold"),
    maxNotifications: integer("max_notifications").notNull().default(1),
    checkPeriodHours: integer("check_period_hours").notNull().default(24),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("low_balance_profiles_partition_name_key").on(t.partitionId, t.name),
    notBlank("low_balance_profiles_name_not_blank", t.name),
    moneyRange("low_balance_profiles_threshold_range", t.threshold),
    between("low_balance_profiles_max_notifications_range", t.maxNotifications, 0, 1000),
    between("low_balance_profiles_check_period_hours_range", t.checkPeriodHours, 1, 8760),
  ],
);

/** A code deck: maps dialled codes (prefixes) to code names such as "Germany Mobile". */
export const codeDecks = pgTable(
  "code_decks",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    name: varchar("name", { length: 128 }).notNull(),
    notes: text("notes"),
    ...timestamps,
  },
  (t) => [uniqueIndex("code_decks_name_key").on(t.name), notBlank("code_decks_name_not_blank", t.name)],
);

/** One code of a deck. */
export const codes = pgTable(
  "codes",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    codeDeckId: integer("code_deck_id")
      .notNull()
      .references(() => codeDecks.id, { onDelete: "cascade" }),
    code: varchar("code", { length: 32 }).notNull(),
    name: varchar("name", { length: 128 }).notNull(),
    country: varchar("country", { length: 64 }),
  },
  (t) => [
    uniqueIndex("codes_deck_code_key").on(t.codeDeckId, t.code.op("varchar_pattern_ops")),
    index("codes_deck_name_idx").on(t.codeDeckId, t.name, t.code),
    check("codes_code_format", sql`${t.code} ~ '^[0-9A-Za-z_#*+]+$'`),
    notBlank("codes_name_not_blank", t.name),
  ],
);

/** A price list: rates in one currency, looked up through a code deck, optionally inheriting a parent's rates. */
export const rateTables = pgTable(
  "rate_tables",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    partitionId: integer("partition_id")
      .notNull()
      .references(() => partitions.id, { onDelete: "restrict" }),
    currencyId: integer("currency_id")
      .notNull()
      .references(() => currencies.id, { onDelete: "restrict" }),
    name: varchar("name", { length: 128 }).notNull(),
    codeDeckId: integer("code_deck_id").references(() => codeDecks.id, { onDelete: "restrict" }),
    parentRateTableId: integer("parent_rate_table_id").references((): AnyPgColumn => rateTables.id, {
      onDelete: "restrict",
    }),
    tag: varchar("tag", { length: 64 }).notNull().default("@"),
    withTaxes: boolean("with_taxes").notNull().default(false),
    notes: text("notes"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("rate_tables_partition_name_key").on(t.partitionId, t.name),
    index("rate_tables_name_id_idx").on(t.name, t.id),
    index("rate_tables_currency_id_idx").on(t.currencyId),
    index("rate_tables_code_deck_id_idx").on(t.codeDeckId),
    index("rate_tables_parent_id_idx").on(t.parentRateTableId),
    notBlank("rate_tables_name_not_blank", t.name),
    check("rate_tables_not_own_parent", sql`${t.parentRateTableId} <> ${t.id}`),
  ],
);

/** Pricing fields shared by regular and special rates (JeraSoft's rate model). */
const pricing = () => ({
  effectiveFrom: timestamp("effective_from", { withTimezone: true, mode: "date", precision: 3 }).notNull(),
  endDate: timestamp("end_date", { withTimezone: true, mode: "date", precision: 3 }),
  value: money("value").notNull(),
  minVolume: integer("min_volume").notNull().default(1),
  payInterval: integer("pay_interval").notNull().default(1),
  setupFee: money("setup_fee").notNull().default("0"),
  graceVolume: integer("grace_volume").notNull().default(0),
  timeProfileId: integer("time_profile_id")
    .notNull()
    .references(() => timeProfiles.id, { onDelete: "restrict" }),
  tag: varchar("tag", { length: 64 }).notNull().default("@"),
  minDstLength: smallint("min_dst_length"),
  maxDstLength: smallint("max_dst_length"),
  notes: text("notes"),
  status: rateStatus("status").notNull().default("active"),
});

type PricingColumns = ReturnType<typeof pricing>;
const pricingChecks = (table: string, t: { [K in keyof PricingColumns]: AnyPgColumn }) => [
  moneyRange(`${table}_value_range`, t.value),
  moneyRange(`${table}_setup_fee_range`, t.setupFee),
  between(`${table}_min_volume_range`, t.minVolume, 1, INT32_MAX),
  between(`${table}_pay_interval_range`, t.payInterval, 1, INT32_MAX),
  between(`${table}_grace_volume_range`, t.graceVolume, 0, INT32_MAX),
  between(`${table}_min_dst_length_range`, t.minDstLength, 1, 100),
  between(`${table}_max_dst_length_range`, t.maxDstLength, 1, 100),
  check(`${table}_dst_length_order`, sql`${t.minDstLength} <= ${t.maxDstLength}`),
  check(`${table}_end_after_start`, sql`${t.endDate} > ${t.effectiveFrom}`),
  notBlank(`${table}_tag_not_blank`, t.tag),
];

/** An exclusive price for every code of one code name; owns the regular rates generated from it. */
export const specialRates = pgTable(
  "special_rates",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    rateTableId: integer("rate_table_id")
      .notNull()
      .references(() => rateTables.id, { onDelete: "restrict" }),
    codeName: varchar("code_name", { length: 128 }).notNull(),
    /** Whether it holds the later regular rates of its codes stashed (JeraSoft's "stash future rates"). */
    stashFutureRates: boolean("stash_future_rates").notNull().default(false),
    ...pricing(),
    ...timestamps,
  },
  (t) => [
    index("special_rates_table_id_idx").on(t.rateTableId, t.id),
    index("special_rates_table_code_name_idx").on(t.rateTableId, t.codeName),
    index("special_rates_time_profile_id_idx").on(t.timeProfileId),
    notBlank("special_rates_code_name_not_blank", t.codeName),
    ...pricingChecks("special_rates", t),
  ],
);

/** A price for one code from one moment on, until the next rate of the same code (or its end date). */
export const rates = pgTable(
  "rates",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    rateTableId: integer("rate_table_id")
      .notNull()
      .references(() => rateTables.id, { onDelete: "restrict" }),
    code: varchar("code", { length: 32 }).notNull(),
    specialRateId: integer("special_rate_id").references(() => specialRates.id, { onDelete: "cascade" }),
    /**
     * The special rate that stashed this regular rate and un-stashes it when it no longer covers it. One
     * column, so two special rates cannot both claim a rate; the special rate releases it before it goes.
     */
    stashedBySpecialRateId: integer("stashed_by_special_rate_id").references((): AnyPgColumn => specialRates.id, { onDelete: "restrict" }),
    ...pricing(),
    ...timestamps,
  },
  (t) => [
    // One version per code, tag and time profile at a moment; the same index finds a code's next version.
    uniqueIndex("rates_version_key").on(t.rateTableId, t.code, t.tag, t.timeProfileId, t.effectiveFrom),
    index("rates_table_id_idx").on(t.rateTableId, t.id),
    index("rates_table_code_id_idx").on(t.rateTableId, t.code.op("varchar_pattern_ops"), t.id),
    index("rates_table_effective_from_id_idx").on(t.rateTableId, t.effectiveFrom, t.id),
    index("rates_special_rate_id_idx").on(t.specialRateId, t.id),
    // Rating probes only the code lengths a table has; a loose scan of this index lists them.
    index("rates_table_code_length_idx").on(t.rateTableId, sql`length(${t.code})`),
    index("rates_time_profile_id_idx").on(t.timeProfileId),
    index("rates_stashed_by_id_idx").on(t.stashedBySpecialRateId, t.id).where(sql`${t.stashedBySpecialRateId} is not null`),
    check("rates_code_format", sql`${t.code} ~ '^[0-9A-Za-z_#*+]+$'`),
    // A claimed rate is stashed, and only regular rates are claimed: never another special rate's.
    check("rates_stash_claim_stashed", sql`${t.stashedBySpecialRateId} is null or ${t.status} = 'stashed'`),
    check("rates_stash_claim_regular", sql`${t.stashedBySpecialRateId} is null or ${t.specialRateId} is null`),
    ...pricingChecks("rates", t),
  ],
);

/** Defaults for new clients of a partition (JeraSoft client template). */
export const clientTemplates = pgTable(
  "client_templates",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    partitionId: integer("partition_id")
      .notNull()
      .references(() => partitions.id, { onDelete: "restrict" }),
    name: varchar("name", { length: 255 }).notNull(),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    creditLimit: money("credit_limit").notNull(),
    routingPlanId: integer("routing_plan_id").references(() => routingPlans.id, { onDelete: "restrict" }),
    capacity: capacity("capacity"),
    lowBalanceProfileId: integer("low_balance_profile_id").references(() => lowBalanceProfiles.id, {
      onDelete: "restrict",
    }),
    lowBalanceThreshold: money("low_balance_threshold"),
    lowBalanceCapacity: integer("low_balance_capacity"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("client_templates_partition_name_key").on(t.partitionId, t.name),
    index("client_templates_name_id_idx").on(t.name, t.id),
    index("client_templates_routing_plan_id_idx").on(t.routingPlanId),
    index("client_templates_low_balance_profile_id_idx").on(t.lowBalanceProfileId),
    notBlank("client_templates_name_not_blank", t.name),
    moneyRange("client_templates_credit_limit_range", t.creditLimit),
    moneyRange("client_templates_low_balance_threshold_range", t.lowBalanceThreshold),
    between("client_templates_capacity_range", t.capacity, 0, INT32_MAX),
    between("client_templates_low_balance_capacity_range", t.lowBalanceCapacity, 0, 65535),
  ],
);

/** Origination rate tables of a client template, in order. */
export const clientTemplateRateTables = pgTable(
  "client_template_rate_tables",
  {
    clientTemplateId: integer("client_template_id")
      .notNull()
      .references(() => clientTemplates.id, { onDelete: "cascade" }),
    rateTableId: integer("rate_table_id")
      .notNull()
      .references(() => rateTables.id, { onDelete: "restrict" }),
    position: smallint("position").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clientTemplateId, t.rateTableId] }),
    index("client_template_rate_tables_rate_table_idx").on(t.rateTableId),
  ],
);

/** A client's default rate tables per direction, used by accounts that set none. */
export const clientRateTables = pgTable(
  "client_rate_tables",
  {
    clientId: integer("client_id")
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    direction: direction("direction").notNull(),
    rateTableId: integer("rate_table_id")
      .notNull()
      .references(() => rateTables.id, { onDelete: "restrict" }),
    position: smallint("position").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clientId, t.direction, t.rateTableId] }),
    index("client_rate_tables_rate_table_idx").on(t.rateTableId),
  ],
);

/** A person or mailbox of a client that invoices and balance notifications go to. */
export const contacts = pgTable(
  "contacts",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    clientId: integer("client_id")
      .notNull()
      .references(() => clients.id, { onDelete: "restrict" }),
    name: varchar("name", { length: 128 }).notNull(),
    email: varchar("email", { length: 255 }).notNull(),
    notes: text("notes"),
    ...timestamps,
  },
  (t) => [
    index("contacts_client_id_idx").on(t.clientId, t.id),
    notBlank("contacts_name_not_blank", t.name),
    check("contacts_email_format", sql`${t.email} ~ ${sql.raw(`'${EMAIL_PATTERN}'`)}`),
  ],
);

/**
 * An account: JeraSoft's traffic identity of a client (auth, origination/termination) merged with Yeti's
 * money container (balance, limits, thresholds, capacity, timezone, invoicing).
 */
export const accounts = pgTable(
  "accounts",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    uuid: uuid("uuid").notNull().defaultRandom(),
    clientId: integer("client_id")
      .notNull()
      .references(() => clients.id, { onDelete: "restrict" }),
    /**
     * The client's partition, repeated so uniqueness can be per partition (accounts_partition_external_id_key):
     * a unique index cannot reach through the client. The composite foreign key keeps it equal to the client's.
     */
    partitionId: integer("partition_id").notNull(),
    name: varchar("name", { length: 64 }).notNull(),
    notes: text("notes"),
    externalId: varchar("external_id", { length: 64 }),
    timezone: varchar("timezone", { length: 64 }).notNull().default("UTC"),
    authType: authType("auth_type").notNull(),
    ani: varchar("ani", { length: 64 }),
    authName: varchar("auth_name", { length: 128 }),
    // Write-only: the switch needs it for SIP digest, the API never returns it.
    password: varchar("password", { length: 256 }),
    ips: inet("ips").array().notNull().default(sql`'{}'::inet[]`),
    techPrefix: varchar("tech_prefix", { length: 64 }),
    origEnabled: boolean("orig_enabled").notNull().default(false),
    origCapacity: capacity("orig_capacity"),
    origTags: text("orig_tags").array().notNull().default(sql`'{}'::text[]`),
    origRoutingPlanId: integer("orig_routing_plan_id").references(() => routingPlans.id, { onDelete: "restrict" }),
    termEnabled: boolean("term_enabled").notNull().default(false),
    termCapacity: capacity("term_capacity"),
    termTags: text("term_tags").array().notNull().default(sql`'{}'::text[]`),
    termProtocol: varchar("term_protocol", { length: 64 }),
    termPort: varchar("term_port", { length: 64 }),
    termProxyMode: smallint("term_proxy_mode").notNull().default(1),
    balance: money("balance").notNull().default("0"),
    minBalance: money("min_balance").notNull().default("0"),
    maxBalance: money("max_balance").notNull().default("0"),
    vat: numeric("vat", { precision: 9, scale: 6 }).notNull().default("0"),
    balanceLowThreshold: money("balance_low_threshold"),
    balanceHighThreshold: money("balance_high_threshold"),
    totalCapacity: capacity("total_capacity"),
    destinationRateLimit: money("destination_rate_limit"),
    maxCallDuration: integer("max_call_duration"),
    invoicePeriod: invoicePeriod("invoice_period"),
    invoiceTemplateId: integer("invoice_template_id").references(() => invoiceTemplates.id, { onDelete: "restrict" }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("accounts_uuid_key").on(t.uuid),
    uniqueIndex("accounts_client_name_key").on(t.clientId, t.name),
    uniqueIndex("accounts_partition_external_id_key").on(t.partitionId, t.externalId),
    foreignKey({ name: "accounts_client_partition_fkey", columns: [t.clientId, t.partitionId], foreignColumns: [clients.id, clients.partitionId] }),
    index("accounts_client_id_idx").on(t.clientId, t.id),
    index("accounts_name_id_idx").on(t.name, t.id),
    index("accounts_auth_type_idx").on(t.authType),
    index("accounts_orig_routing_plan_id_idx").on(t.origRoutingPlanId),
    index("accounts_invoice_template_id_idx").on(t.invoiceTemplateId),
    // Identity search (accounts(filter: { ani, authName, techPrefix })) is exact and index-backed.
    index("accounts_ani_idx").on(t.ani),
    index("accounts_auth_name_idx").on(t.authName),
    index("accounts_tech_prefix_idx").on(t.techPrefix),
    // One account per ANI or auth name among the accounts identified by it: the switch must know whose call it is.
    uniqueIndex("accounts_ani_identity_key").on(t.ani).where(sql`${t.authType} = 'ani'`),
    uniqueIndex("accounts_auth_name_identity_key").on(t.authName).where(sql`${t.authType} = 'name'`),
    notBlank("accounts_name_not_blank", t.name),
    check(
      "accounts_identity_present",
      sql`case ${t.authType} when 'name' then ${t.authName} is not null when 'ani' then ${t.ani} is not null else cardinality(${t.ips}) > 0 end`,
    ),
    between("accounts_orig_capacity_range", t.origCapacity, 0, INT32_MAX),
    between("accounts_term_capacity_range", t.termCapacity, 0, INT32_MAX),
    between("accounts_total_capacity_range", t.totalCapacity, 0, INT32_MAX),
    between("accounts_term_proxy_mode_range", t.termProxyMode, 0, 7),
    moneyRange("accounts_balance_range", t.balance),
    moneyRange("accounts_min_balance_range", t.minBalance),
    moneyRange("accounts_max_balance_range", t.maxBalance),
    check("accounts_balance_limits_order", sql`${t.maxBalance} >= ${t.minBalance}`),
    between("accounts_vat_range", t.vat, 0, 100),
    moneyRange("accounts_balance_low_threshold_range", t.balanceLowThreshold),
    moneyRange("accounts_balance_high_threshold_range", t.balanceHighThreshold),
    check("accounts_thresholds_order", sql`${t.balanceLowThreshold} < ${t.balanceHighThreshold}`),
    between("accounts_destination_rate_limit_range", t.destinationRateLimit, 0, "999999999.999999"),
    between("accounts_max_call_duration_range", t.maxCallDuration, 1, INT32_MAX),
  ],
);

/**
 * One row per address or network of an account's `ips`, kept in sync by a trigger on accounts (see the
 * custom migration `account_identity`). An array of inet cannot use a GiST index; this table can, so
 * "whose traffic is 192.0.2.10?" is an index scan, and an exclusion constraint on it refuses two IP
 * accounts whose networks overlap with the same tech prefix (`ipAuth` and `techPrefix` are copied here
 * because a constraint sees only its own table).
 */
export const accountIps = pgTable(
  "account_ips",
  {
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    net: inet("net").notNull(),
    /** The account's tech prefix, '' when it has none, so "no prefix" compares equal to "no prefix". */
    techPrefix: varchar("tech_prefix", { length: 64 }).notNull(),
    /** True when the account is identified by IP: only those may not overlap. */
    ipAuth: boolean("ip_auth").notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.net] }), index("account_ips_net_idx").using("gist", t.net.op("inet_ops"))],
);

/** An account's own rate tables per direction, in order; none means the client's are used. */
export const accountRateTables = pgTable(
  "account_rate_tables",
  {
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    direction: direction("direction").notNull(),
    rateTableId: integer("rate_table_id")
      .notNull()
      .references(() => rateTables.id, { onDelete: "restrict" }),
    position: smallint("position").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.direction, t.rateTableId] }),
    index("account_rate_tables_rate_table_idx").on(t.rateTableId),
  ],
);

/** Equipment an account may be used on. */
export const accountEquipment = pgTable(
  "account_equipment",
  {
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    equipmentId: integer("equipment_id")
      .notNull()
      .references(() => equipment.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.equipmentId] }), index("account_equipment_equipment_idx").on(t.equipmentId)],
);

/** Contacts that receive an account's invoices or balance notifications. */
export const accountContacts = pgTable(
  "account_contacts",
  {
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    purpose: contactPurpose("purpose").notNull(),
    contactId: integer("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "restrict" }),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.purpose, t.contactId] }),
    index("account_contacts_contact_idx").on(t.contactId),
  ],
);

export const balanceTransactionKind = pgEnum("balance_transaction_kind", ["payment", "correction"]);

/**
 * Append-only history of an account's balance: every payment and correction with the balance it left.
 * `clientId` is the account's (which never changes), so a client's history and partition scoping need
 * no join.
 */
export const balanceTransactions = pgTable(
  "balance_transactions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "restrict" }),
    clientId: integer("client_id")
      .notNull()
      .references(() => clients.id, { onDelete: "restrict" }),
    kind: balanceTransactionKind("kind").notNull(),
    amount: money("amount").notNull(),
    balanceAfter: money("balance_after").notNull(),
    /** A payment's notes or a correction's reason. */
    notes: text("notes"),
    /** The API key that made it; null outside a request. */
    actor: varchar("actor", { length: 64 }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date", precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    // Newest first, per account, per client and overall: each list's keyset order has its index.
    index("balance_transactions_account_created_idx").on(t.accountId, t.createdAt, t.id),
    index("balance_transactions_client_created_idx").on(t.clientId, t.createdAt, t.id),
    index("balance_transactions_created_idx").on(t.createdAt, t.id),
    moneyRange("balance_transactions_amount_range", t.amount),
    moneyRange("balance_transactions_balance_after_range", t.balanceAfter),
    check("balance_transactions_amount_not_zero", sql`${t.amount} <> 0`),
    check("balance_transactions_payment_positive", sql`${t.kind} <> 'payment' or ${t.amount} > 0`),
  ],
);

/**
 * Idempotency keys of balance mutations (Stripe's rule), per partition: the fingerprint of the first
 * request's input and the transaction it created. Kept at least 24 hours; older ones are deleted by
 * later requests (see balance.service.ts).
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    partitionId: integer("partition_id")
      .notNull()
      .references(() => partitions.id, { onDelete: "cascade" }),
    key: varchar("key", { length: 255 }).notNull(),
    /** SHA-256 (hex) of the mutation name and its normalized input. */
    fingerprint: char("fingerprint", { length: 64 }).notNull(),
    balanceTransactionId: integer("balance_transaction_id").references(() => balanceTransactions.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date", precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.partitionId, t.key] }),
    index("idempotency_keys_created_at_idx").on(t.createdAt),
    index("idempotency_keys_balance_transaction_idx").on(t.balanceTransactionId),
  ],
);

export const auditAction = pgEnum("audit_action", ["create", "update", "delete"]);

/** Append-only record of every successful change: who, what, before and after; written in the change's transaction. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    occurredAt: timestamp("occurred_at", { withTimezone: true, mode: "date", precision: 3 }).notNull().defaultNow(),
    /** The API key that made the change; null before authentication existed or for internal jobs. */
    actor: varchar("actor", { length: 64 }),
    action: auditAction("action").notNull(),
    objectType: varchar("object_type", { length: 64 }).notNull(),
    objectId: integer("object_id").notNull(),
    /** Partition the object belongs to, when it belongs to one (for partition-scoped reads). */
    partitionId: integer("partition_id"),
    before: jsonb("before"),
    after: jsonb("after"),
  },
  (t) => [
    index("audit_events_object_idx").on(t.objectType, t.objectId, t.id),
    index("audit_events_partition_idx").on(t.partitionId, t.id),
  ],
);

/** Events for other systems (e.g. a mailer sending rate notifications), consumed and marked processed by them. */
export const notificationOutbox = pgTable(
  "notification_outbox",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date", precision: 3 }).notNull().defaultNow(),
    eventType: varchar("event_type", { length: 64 }).notNull(),
    payload: jsonb("payload").notNull(),
    processedAt: timestamp("processed_at", { withTimezone: true, mode: "date", precision: 3 }),
  },
  (t) => [index("notification_outbox_pending_idx").on(t.id).where(sql`${t.processedAt} is null`)],
);

export const apiKeyRole = pgEnum("api_key_role", ["read_only", "operator", "admin"]);

/**
 * API keys. Only a SHA-256 hash of the key is stored (keys are 256 random bits, so a slow hash adds
 * nothing); the prefix identifies a key in lists and logs without revealing it.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    name: varchar("name", { length: 128 }).notNull(),
    role: apiKeyRole("role").notNull(),
    /** The only partition the key may see and change; null for all. */
    partitionId: integer("partition_id").references(() => partitions.id, { onDelete: "restrict" }),
    /** Client addresses the key is accepted from; empty for any. */
    allowedIps: inet("allowed_ips").array().notNull().default(sql`'{}'::inet[]`),
    keyHash: char("key_hash", { length: 64 }).notNull(),
    keyPrefix: varchar("key_prefix", { length: 16 }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date", precision: 3 }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date", precision: 3 }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("api_keys_key_hash_key").on(t.keyHash),
    index("api_keys_partition_id_idx").on(t.partitionId),
    notBlank("api_keys_name_not_blank", t.name),
  ],
);

export type PartitionRow = typeof partitions.$inferSelect;
export type CurrencyRow = typeof currencies.$inferSelect;
export type ClientRow = typeof clients.$inferSelect;
export type TimeProfileRow = typeof timeProfiles.$inferSelect;
export type TimeProfilePeriodRow = typeof timeProfilePeriods.$inferSelect;
export type RoutingPlanRow = typeof routingPlans.$inferSelect;
export type PaymentTermRow = typeof paymentTerms.$inferSelect;
export type InvoiceTemplateRow = typeof invoiceTemplates.$inferSelect;
export type EquipmentRow = typeof equipment.$inferSelect;
export type LowBalanceProfileRow = typeof lowBalanceProfiles.$inferSelect;
export type CodeDeckRow = typeof codeDecks.$inferSelect;
export type CodeRow = typeof codes.$inferSelect;
export type RateTableRow = typeof rateTables.$inferSelect;
export type SpecialRateRow = typeof specialRates.$inferSelect;
export type ClientTemplateRow = typeof clientTemplates.$inferSelect;
export type ContactRow = typeof contacts.$inferSelect;
export type AccountRow = typeof accounts.$inferSelect;
export type AuditEventRow = typeof auditEvents.$inferSelect;
export type BalanceTransactionRow = typeof balanceTransactions.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;
