import { and, asc, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { queryRows } from "../../db/query-rows.js";
import { accountRateTables, accounts, clientRateTables, rateTables } from "../../db/schema.js";
import { visibleIn } from "../../scope.js";
import { badUserInput } from "../../errors.js";
import { parseId } from "../../validation.js";
import { charge } from "./charge.js";
import { RateQuoteMiss, RatingDirection, type RateQuote, type RateQuoteInput } from "./rating.type.js";
import { inIdArray } from "../../db/id-array.js";

export const MAX_QUOTES_PER_CALL = 1_000;
const MAX_NUMBER_LENGTH = 64;
/** Parent chains longer than this are cut: real hierarchies are a few levels deep, and it bounds a bad one. */
const MAX_PARENT_DEPTH = 16;
const DEFAULT_TAG = "@";

type Direction = "origination" | "termination";

/** One call to price, after its arguments were checked. */
interface Call {
  accountId?: number;
  rateTableId?: number;
  direction: Direction;
  number: string;
  at: Date;
  volume: number;
  tag: string;
}

/** Malformed arguments are the caller's bug: a top-level BAD_USER_INPUT naming the input. */
function readCall(input: RateQuoteInput, argument: string): Call {
  const fail = (problem: string) => badUserInput(`${argument}: ${problem}`, argument);
  if ((input.accountId == null) === (input.rateTableId == null)) throw fail("give exactly one of accountId and rateTableId");
  if (!Number.isInteger(input.volume) || input.volume < 0) throw fail("volume must be 0 or more seconds");
  const number = input.dstNumber.trim();
  if (number.length === 0 || number.length > MAX_NUMBER_LENGTH || /\s/.test(number)) {
    throw fail(`dstNumber must be 1 to ${MAX_NUMBER_LENGTH} characters without spaces`);
  }
  const tag = input.tag ?? DEFAULT_TAG;
  if (tag.trim().length === 0 || tag.length > 64) throw fail("tag must be 1 to 64 characters");
  if (Number.isNaN(input.at.getTime())) throw fail("at is not a valid moment");
  // An id that cannot exist is reported like a missing one; 0 names nothing.
  const id = (value: string | null | undefined) => (value == null ? undefined : (parseId(value) ?? 0));
  return {
    accountId: id(input.accountId),
    rateTableId: id(input.rateTableId),
    direction: input.direction === RatingDirection.TERMINATION ? "termination" : "origination",
    number,
    at: input.at,
    volume: input.volume,
    tag,
  };
}

/** The number as rated and the rate tables, in order, that rate it. */
interface Route {
  number: string;
  tables: number[];
}

const isRoute = (r: Route | RateQuoteMiss): r is Route => typeof r === "object";

/** Which rate tables, in order, rate each call, or why none do. Accounts fall back to their client's tables. */
async function routesOf(db: Db, calls: Call[]): Promise<(Route | RateQuoteMiss)[]> {
  const accountIds = [...new Set(calls.flatMap((c) => (c.accountId ? [c.accountId] : [])))];
  const found = accountIds.length
    ? await db
        .select({ id: accounts.id, clientId: accounts.clientId, techPrefix: accounts.techPrefix, orig: accounts.origEnabled, term: accounts.termEnabled })
        .from(accounts)
        .where(and(inIdArray(accounts.id, accountIds), visibleIn(accounts)))
    : [];
  const byId = new Map(found.map((a) => [a.id, a]));
  const clientIds = [...new Set(found.map((a) => a.clientId))];
  const own = found.length
    ? await db.select().from(accountRateTables).where(inIdArray(accountRateTables.accountId, byId.keys())).orderBy(asc(accountRateTables.position))
    : [];
  const inherited = clientIds.length
    ? await db.select().from(clientRateTables).where(inIdArray(clientRateTables.clientId, clientIds)).orderBy(asc(clientRateTables.position))
    : [];

  return calls.map((call): Route | RateQuoteMiss => {
    if (call.rateTableId !== undefined) return { number: call.number, tables: [call.rateTableId] };
    const account = byId.get(call.accountId!);
    if (!account) return RateQuoteMiss.ACCOUNT_NOT_FOUND;
    if (!(call.direction === "origination" ? account.orig : account.term)) return RateQuoteMiss.DIRECTION_DISABLED;
    const number = account.techPrefix && call.number.startsWith(account.techPrefix) ? call.number.slice(account.techPrefix.length) : call.number;
    const ownTables = own.filter((l) => l.accountId === account.id && l.direction === call.direction).map((l) => l.rateTableId);
    const tables = ownTables.length
      ? ownTables
      : inherited.filter((l) => l.clientId === account.clientId && l.direction === call.direction).map((l) => l.rateTableId);
    return tables.length ? { number, tables } : RateQuoteMiss.NO_RATE_TABLES;
  });
}

/** Each table with its parents (depth 0 = itself), in one recursive statement; absent tables are left out. */
async function chainsOf(db: Db, tableIds: number[]): Promise<Map<number, { id: number; depth: number }[]>> {
  const chains = new Map<number, { id: number; depth: number }[]>();
  if (tableIds.length === 0) return chains;
  const rows = await queryRows<{ root: number; id: number; depth: number }>(
    db,
    sql`with recursive chain(root, id, parent, depth) as (
          select id, id, parent_rate_table_id, 0 from rate_tables
          where id = any(${sql.param(tableIds)}::int[]) and ${visibleIn(rateTables) ?? sql`true`}
          union all
          select c.root, t.id, t.parent_rate_table_id, c.depth + 1
          from chain c join rate_tables t on t.id = c.parent
          where c.depth < ${MAX_PARENT_DEPTH}
        )
        select root::int as root, id::int as id, depth::int as depth from chain`,
  );
  for (const row of rows) chains.set(row.root, [...(chains.get(row.root) ?? []), { id: row.id, depth: row.depth }]);
  return chains;
}

interface Match {
  idx: number;
  rate_id: number;
  code: string;
  value: string;
  setup_fee: string;
  min_volume: number;
  pay_interval: number;
  grace_volume: number;
}

/**
 * The rate of every call in one statement. Candidates: every prefix of the number in every table of the
 * call (with their parents), active and in effect at the call's moment, admitting its length, with a time
 * profile covering it, tagged with the call's tag or "@". The winner, in order of precedence: the call's
 * own tag over "@"; the longest code; the earlier table in the account's list; the child over its parent
 * (so a longer parent code still beats a shorter child code); a specific time profile over "all time".
 */
async function bestRates(db: Db, calls: { idx: number; number: string; at: Date; tag: string }[], sources: number[][]): Promise<Map<number, Match>> {
  const [srcIdx, srcTable, srcList, srcDepth] = sources;
  const rows = await queryRows<Match>(
    db,
    sql`with recursive src as (
          select * from unnest(${sql.param(srcIdx)}::int[], ${sql.param(srcTable)}::int[], ${sql.param(srcList)}::int[], ${sql.param(srcDepth)}::int[])
            as s(idx, table_id, list_index, depth)
        ), inp as (
          -- Moments travel as text[]: postgres.js cannot bind a timestamptz[] parameter (it sends the array as one string).
          select idx, number, at::timestamptz as at, tag
          from unnest(${sql.param(calls.map((c) => c.idx))}::int[], ${sql.param(calls.map((c) => c.number))}::text[],
                      ${sql.param(calls.map((c) => c.at.toISOString()))}::text[], ${sql.param(calls.map((c) => c.tag))}::text[])
            as i(idx, number, at, tag)
        ), lens(table_id, len) as (
          -- The distinct code lengths of each table: a loose scan, one index probe per length.
          select t, (select min(length(code)) from rates where rate_table_id = t)
          from unnest(array(select distinct table_id from src)) t
          union all
          select table_id, (select min(length(code)) from rates where rate_table_id = lens.table_id and length(code) > lens.len)
          from lens where len is not null
        ), pre as (
          -- The prefixes of each number worth probing in each table: those as long as one of its codes.
          select s.idx, s.table_id, left(i.number, l.len) as code
          from src s join inp i on i.idx = s.idx join lens l on l.table_id = s.table_id
          where l.len <= length(i.number)
        )
        select distinct on (i.idx) i.idx::int as idx, r.id::int as rate_id, r.code, r.value::text as value, r.setup_fee::text as setup_fee,
               r.min_volume::int as min_volume, r.pay_interval::int as pay_interval, r.grace_volume::int as grace_volume
        from inp i
        join src s on s.idx = i.idx
        join pre p on p.idx = i.idx and p.table_id = s.table_id
        -- Everything about one candidate is decided inside one probe of the version index per (call,
        -- table, prefix); OFFSET 0 keeps the planner from flattening it into a join over all rates.
        cross join lateral (
          select r.*, w.specific
          from rates r
          join time_profiles tp on tp.id = r.time_profile_id
          cross join lateral (
            select count(*) > 0 as specific,
                   coalesce(bool_or(extract(isodow from i.at at time zone tp.timezone) between pp.weekday_from and pp.weekday_till
                     and (i.at at time zone tp.timezone)::time between pp.time_from and pp.time_till), false) as covers
            from time_profile_periods pp where pp.time_profile_id = tp.id
          ) w
          where r.rate_table_id = s.table_id and r.code = p.code and r.tag in (i.tag, ${DEFAULT_TAG})
            and r.status = 'active' and r.effective_from <= i.at and (r.end_date is null or r.end_date > i.at)
            and (r.min_dst_length is null or length(i.number) >= r.min_dst_length)
            and (r.max_dst_length is null or length(i.number) <= r.max_dst_length)
            and (not w.specific or w.covers)
            and not exists (
              select 1 from rates later
              where later.rate_table_id = r.rate_table_id and later.code = r.code and later.tag = r.tag
                and later.time_profile_id = r.time_profile_id and later.status = 'active'
                and later.effective_from > r.effective_from and later.effective_from <= i.at
            )
          offset 0
        ) r
        order by i.idx, (r.tag = i.tag) desc, length(r.code) desc, s.list_index, s.depth, r.specific desc, r.id`,
  );
  return new Map(rows.map((r) => [r.idx, r]));
}

/**
 * Prices calls in a bounded number of statements however many there are: accounts, their and their
 * clients' rate tables, the parent chains, and one statement choosing every call's rate.
 */
export async function quoteCalls(db: Db, inputs: RateQuoteInput[], argument: (i: number) => string): Promise<RateQuote[]> {
  if (inputs.length > MAX_QUOTES_PER_CALL) throw badUserInput(`at most ${MAX_QUOTES_PER_CALL} calls per request (got ${inputs.length})`, "inputs");
  const calls = inputs.map((input, i) => readCall(input, argument(i)));
  const routed = await routesOf(db, calls);
  const chains = await chainsOf(db, [...new Set(routed.filter(isRoute).flatMap((r) => r.tables))]);
  // A rate table id that does not exist is only known once the chains are loaded.
  const routes = routed.map((r, idx) =>
    isRoute(r) && calls[idx]!.rateTableId !== undefined && !chains.has(calls[idx]!.rateTableId!) ? RateQuoteMiss.RATE_TABLE_NOT_FOUND : r,
  );

  // One row per (call, table), flattened into columns for unnest.
  const sources: number[][] = [[], [], [], []];
  routes.forEach((route, idx) => {
    if (!isRoute(route)) return;
    route.tables.forEach((root, listIndex) => {
      for (const { id, depth } of chains.get(root) ?? []) [idx, id, listIndex, depth].forEach((v, col) => sources[col]!.push(v));
    });
  });
  const priced = routes.flatMap((route, idx) => (isRoute(route) ? [{ ...calls[idx]!, idx, number: route.number }] : []));
  const matches = priced.length ? await bestRates(db, priced, sources) : new Map<number, Match>();

  return calls.map((call, idx): RateQuote => {
    const route = routes[idx]!;
    const number = isRoute(route) ? route.number : call.number;
    const match = matches.get(idx);
    if (!isRoute(route) || !match) {
      return { dstNumber: number, rate: null, rateId: null, code: null, billedVolume: null, cost: null, reason: isRoute(route) ? RateQuoteMiss.NO_MATCHING_RATE : route };
    }
    const { billedVolume, cost } = charge(
      { value: match.value, setupFee: match.setup_fee, minVolume: match.min_volume, payInterval: match.pay_interval, graceVolume: match.grace_volume },
      call.volume,
    );
    return { dstNumber: number, rate: null, rateId: match.rate_id, code: match.code, billedVolume, cost, reason: null };
  });
}
