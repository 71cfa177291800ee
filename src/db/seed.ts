import { count, sql } from "drizzle-orm";
import type { Db } from "./client.js";
import { partitions } from "./schema.js";

/** How much demo data to generate. */
export interface SeedSize {
  partitions: number;
  clientsPerPartition: number;
  accountsPerClient: number;
  rateTables: number;
  /** Codes per country in the deck (about 40 countries). */
  codesPerCountry: number;
  /** Codes priced in each rate table; 10% of them also get a second, future version. */
  ratesPerTable: number;
}

/** `npm run db:seed`: ~200 clients, ~2,000 accounts, 20 rate tables, ~48,000 codes, ~220,000 rates. */
export const FULL_DEMO: SeedSize = {
  partitions: 4,
  clientsPerPartition: 50,
  accountsPerClient: 10,
  rateTables: 20,
  codesPerCountry: 1200,
  ratesPerTable: 10_000,
};

/** What the embedded database loads on its first start, so Sandbox has something to show. */
export const SMALL_DEMO: SeedSize = {
  partitions: 2,
  clientsPerPartition: 10,
  accountsPerClient: 5,
  rateTables: 4,
  codesPerCountry: 50,
  ratesPerTable: 1_000,
};

/** Country prefixes and names the demo code deck is built from. */
const COUNTRIES: [string, string][] = [
  ["1", "United States"], ["44", "United Kingdom"], ["49", "Germany"], ["33", "France"], ["34", "Spain"],
  ["39", "Italy"], ["31", "Netherlands"], ["32", "Belgium"], ["41", "Switzerland"], ["43", "Austria"],
  ["45", "Denmark"], ["46", "Sweden"], ["47", "Norway"], ["48", "Poland"], ["351", "Portugal"],
  ["353", "Ireland"], ["358", "Finland"], ["370", "Lithuania"], ["380", "Ukraine"], ["420", "Czechia"],
  ["30", "Greece"], ["36", "Hungary"], ["40", "Romania"], ["90", "Turkey"], ["972", "Israel"],
  ["971", "United Arab Emirates"], ["91", "India"], ["86", "China"], ["81", "Japan"], ["82", "South Korea"],
  ["66", "Thailand"], ["63", "Philippines"], ["62", "Indonesia"], ["61", "Australia"], ["64", "New Zealand"],
  ["55", "Brazil"], ["52", "Mexico"], ["54", "Argentina"], ["27", "South Africa"], ["234", "Nigeria"],
];

/** True when the database holds no partition yet, i.e. nothing a seed could collide with. */
export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(partitions);
  return (row?.n ?? 0) === 0;
}

/**
 * Loads a realistic demo data set in one transaction, generated inside Postgres (generate_series) so
 * hundreds of thousands of rates take seconds. Meant for an empty database.
 */
export async function seedDemo(db: Db, size: SeedSize): Promise<void> {
  const n = (value: number) => sql.raw(String(Math.trunc(value)));
  const countryCodes = sql.param(COUNTRIES.map(([code]) => code));
  const countryNames = sql.param(COUNTRIES.map(([, name]) => name));
  await db.transaction(async (tx) => {
    const run = (statement: ReturnType<typeof sql>) => tx.execute(statement);
    await run(sql`insert into partitions (name) select 'Reseller ' || chr(64 + g) from generate_series(1, ${n(size.partitions)}) g`);
    await run(sql`insert into routing_plans (name, notes) values
      ('LCR', 'Least cost routing'), ('Premium quality', 'Direct routes only'), ('Mobile only', null),
      ('Backup', 'Second choice routes'), ('Test routes', null)`);
    await run(sql`insert into payment_terms (name, period_days, grace_period_days) values
      ('Weekly, 7 days to pay', 7, 7), ('Biweekly, 10 days to pay', 14, 10), ('Monthly, 30 days to pay', 30, 30)`);
    await run(sql`insert into invoice_templates (name, notes) values ('Standard PDF', null), ('Detailed XLS', 'With per-destination totals')`);
    await run(sql`insert into equipment (name, notes) values ('SBC Frankfurt', null), ('SBC Ashburn', null), ('Softswitch Kyiv', 'Legacy')`);
    await run(sql`insert into low_balance_profiles (partition_id, name, threshold, max_notifications, check_period_hours)
      select id, 'Default low balance', 100, 3, 24 from partitions`);
    await run(sql`insert into code_decks (name, notes) values ('A-Z World', 'Demo deck: country prefixes with generated area codes')`);
    // Each country: its bare prefix, then area codes named Mobile / Fixed / Premium / Special.
    await run(sql`insert into codes (code_deck_id, code, name, country)
      select d.id, c.prefix || case when g = 0 then '' else lpad(g::text, 4, '0') end,
             c.country || case when g = 0 then '' else ' ' || (array['Mobile','Fixed','Premium','Special'])[1 + g % 4] end,
             c.country
      from code_decks d
      cross join unnest(${countryCodes}::text[], ${countryNames}::text[]) as c(prefix, country)
      cross join generate_series(0, ${n(size.codesPerCountry - 1)}) g`);
    await run(sql`insert into rate_tables (partition_id, currency_id, name, code_deck_id, tag, notes)
      select p.id, (select id from currencies where code = (array['USD','EUR'])[1 + t % 2]),
             (array['Retail','Wholesale','Premium','Carrier'])[1 + t % 4] || ' ' || t,
             (select id from code_decks limit 1), '@', null
      from generate_series(1, ${n(size.rateTables)}) t
      join partitions p on p.id = (select id from partitions order by id offset (t % ${n(size.partitions)}) limit 1)`);
    // Current prices from 2026-01-01, then a future version for every tenth code.
    await run(sql`insert into rates (rate_table_id, code, effective_from, value, min_volume, pay_interval, setup_fee, grace_volume, time_profile_id)
      select rt.id, c.code, timestamptz '2026-01-01 00:00:00+00',
             round((0.001 + random() * 0.3)::numeric, 4), (array[1, 30, 60])[1 + c.rn % 3], (array[1, 6, 60])[1 + c.rn % 3],
             case when c.rn % 7 = 0 then 0.01 else 0 end, case when c.rn % 5 = 0 then 3 else 0 end,
             (select id from time_profiles where name = 'All time')
      from rate_tables rt
      cross join lateral (
        select code, row_number() over (order by code) as rn from codes
        where code_deck_id = rt.code_deck_id order by md5(code || rt.id) limit ${n(size.ratesPerTable)}
      ) c`);
    await run(sql`insert into rates (rate_table_id, code, effective_from, value, time_profile_id)
      select rate_table_id, code, timestamptz '2027-01-01 00:00:00+00', round((value * 1.05)::numeric, 4), time_profile_id
      from rates where id % 10 = 0`);
    // One special rate per table (Germany Premium, mid-2026) and the regular rates it generates.
    await run(sql`insert into special_rates (rate_table_id, code_name, effective_from, value, time_profile_id, notes)
      select id, 'Germany Premium', timestamptz '2026-06-01 00:00:00+00', 0.25, (select id from time_profiles where name = 'All time'),
             'Demo special rate'
      from rate_tables`);
    await run(sql`insert into rates (rate_table_id, code, special_rate_id, effective_from, value, time_profile_id)
      select sr.rate_table_id, c.code, sr.id, sr.effective_from, sr.value, sr.time_profile_id
      from special_rates sr join rate_tables rt on rt.id = sr.rate_table_id
      join codes c on c.code_deck_id = rt.code_deck_id and c.name = sr.code_name`);
    await run(sql`insert into clients (partition_id, currency_id, name, credit_limit, tags, routing_plan_id, payment_term_id)
      select p.id, (select id from currencies where code = (array['USD','EUR','GBP'])[1 + g % 3]),
             (array['Atlas','Nova','Orbit','Pioneer','Zenith','Vertex','Summit','Harbor'])[1 + g % 8] || ' '
               || (array['Telecom','Networks','Voice','Communications','Carrier'])[1 + g % 5] || ' ' || p.id || '-' || g,
             (g % 10) * 100, case when g % 3 = 0 then array['vip'] else array[]::text[] end,
             (select id from routing_plans order by id offset g % 5 limit 1),
             (select id from payment_terms order by id offset g % 3 limit 1)
      from partitions p cross join generate_series(1, ${n(size.clientsPerPartition)}) g`);
    await run(sql`insert into client_rate_tables (client_id, direction, rate_table_id, position)
      select c.id, 'origination', rt.id, 0 from clients c
      join lateral (select id from rate_tables where partition_id = c.partition_id order by id offset c.id % 2 limit 1) rt on true`);
    await run(sql`insert into contacts (client_id, name, email)
      select c.id, (array['Billing','NOC'])[g], lower((array['billing','noc'])[g]) || '+' || c.id || '@example.com'
      from clients c cross join generate_series(1, 2) g`);
    await run(sql`insert into client_templates (partition_id, name, tags, credit_limit, routing_plan_id, capacity, low_balance_profile_id)
      select p.id, t.name, t.tags, t.credit, (select id from routing_plans order by id limit 1), t.capacity,
             (select id from low_balance_profiles where partition_id = p.id limit 1)
      from partitions p cross join (values ('Prepaid retail', array['retail'], 0, 30), ('Postpaid wholesale', array['wholesale'], 5000, 300))
        as t(name, tags, credit, capacity)`);
    await run(sql`insert into client_template_rate_tables (client_template_id, rate_table_id, position)
      select ct.id, rt.id, 0 from client_templates ct
      join lateral (select id from rate_tables where partition_id = ct.partition_id order by id limit 1) rt on true`);
    // Accounts cycle through the three identification methods; every third terminates too.
    await run(sql`insert into accounts (client_id, partition_id, name, auth_type, auth_name, ani, ips, tech_prefix, orig_enabled, orig_capacity,
        term_enabled, term_capacity, term_protocol, min_balance, max_balance, vat, balance_low_threshold, balance_high_threshold,
        total_capacity, timezone, invoice_period, invoice_template_id)
      select c.id, c.partition_id, 'acc-' || c.id || '-' || g,
             (array['ip','name','ani']::auth_type[])[1 + g % 3],
             case when g % 3 = 1 then 'user' || c.id || '_' || g end,
             case when g % 3 = 2 then '3805' || lpad((c.id * 100 + g)::text, 7, '0') end,
             case when g % 3 = 0 then array[('10.' || (c.id / 250) % 250 || '.' || c.id % 250 || '.' || g)::inet] else array[]::inet[] end,
             case when g % 4 = 0 then lpad(g::text, 3, '0') || '#' end,
             true, 30 + g, g % 3 = 0, case when g % 3 = 0 then 60 end, case when g % 3 = 0 then 'SIP' end,
             -100, 10000, (array[0, 20, 7.5])[1 + g % 3], 50, 5000, 100,
             (array['UTC','Europe/Kyiv','Europe/Berlin','America/New_York'])[1 + g % 4],
             (array['monthly','weekly','daily']::invoice_period[])[1 + g % 3], (select id from invoice_templates order by id limit 1)
      from clients c cross join generate_series(1, ${n(size.accountsPerClient)}) g`);
    await run(sql`insert into account_rate_tables (account_id, direction, rate_table_id, position)
      select a.id, 'origination', rt.id, 0 from accounts a join clients c on c.id = a.client_id
      join lateral (select id from rate_tables where partition_id = c.partition_id order by id desc limit 1) rt on true
      where a.id % 2 = 0`);
    await run(sql`insert into account_equipment (account_id, equipment_id)
      select a.id, (select id from equipment order by id offset a.id % 3 limit 1) from accounts a`);
    await run(sql`insert into account_contacts (account_id, purpose, contact_id)
      select a.id, 'invoices', (select id from contacts where client_id = a.client_id order by id limit 1) from accounts a`);
  });
}
