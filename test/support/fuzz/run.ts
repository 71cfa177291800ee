import {
  getNamedType,
  getNullableType,
  GraphQLString,
  isEnumType,
  isInputObjectType,
  isListType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from "graphql";
import { sql } from "drizzle-orm";
import type { Db } from "../../../src/db/client.js";
import { queryRows } from "../../../src/db/query-rows.js";
import type { TestGateway } from "../gateway.js";
import { battery, OMIT, ValidValues, type Fixtures, type Hostile } from "./values.js";
import { leafName, walkTargets, type Target } from "./walk.js";

/** One request: a hostile value at one target, sent as a variable or (literal) inline in the document. */
export interface FuzzCase extends Hostile {
  target: Target;
  literal?: boolean;
}

interface GraphQLErrorJson {
  message: string;
  locations?: { line: number; column: number }[];
  extensions?: Record<string, unknown>;
}

export interface Answer {
  status: number;
  body: string;
  json?: { data?: Record<string, unknown> | null; errors?: GraphQLErrorJson[] };
}

/** One broken expectation, with what came back, for the grouped report. */
export interface Failure {
  problem: string;
  status: number;
  code: string;
  /** The first error's message; empty when the problem is not an error. */
  message: string;
  /** What else came back (data, userErrors, row counts). */
  detail: string;
  where: string;
}

export interface FuzzOptions {
  /** Narrows the cases (e.g. a sample); all of them by default. */
  select?: (cases: FuzzCase[]) => FuzzCase[];
  /** Also fail on SQL, stacks or internal messages in any answer (production mode). */
  leaks?: boolean;
  /** How many cases per operation also go as inline literals. */
  literals?: number;
}

/** What must never reach a client in production: SQL, driver messages, stack frames, source paths. */
const LEAKS: [string, RegExp][] = [
  ["SQL", /\b(select\s.{0,300}?\sfrom|insert into|delete from|update\s+"?\w+"?\s+set)\s/i],
  ["driver message", /Failed query|params:|Context creation failed/i],
  ["stack", / {4}at |\\n\s+at |stacktrace/],
  ["source path", /node_modules|\.ts:\d+|\/src\//],
];

/**
 * Sends the battery of every target of the schema, operation by operation, and returns every broken
 * expectation: HTTP 5xx, INTERNAL_SERVER_ERROR or no code, an error or userError that does not name the fuzzed
 * value, a refused value that was accepted, and row counts changed by cases that must all be refused.
 */
export async function fuzz(gw: TestGateway, schema: GraphQLSchema, fixtures: Fixtures, options: FuzzOptions = {}) {
  const valid = new ValidValues(fixtures);
  const failures: Failure[] = [];
  let requests = 0;
  const byOperation = new Map<string, Target[]>();
  for (const target of walkTargets(schema)) byOperation.set(target.operation.name, [...(byOperation.get(target.operation.name) ?? []), target]);

  for (const targets of byOperation.values()) {
    const op = targets[0]!.operation;
    const kind = targets[0]!.kind;
    await checkBaseline(gw, kind, op, valid, failures);
    const setting = { query: kind === "query", cursors: await tamperedCursors(gw, op) };
    let cases: FuzzCase[] = targets.flatMap((target) => battery(target, setting, valid).map((h) => ({ ...h, target })));
    cases.push(...pick(cases.filter((c) => c.verdict === "refuse"), options.literals ?? 0, op.name).map((c) => ({ ...c, literal: true })));
    if (options.select) cases = options.select(cases);

    const send = async (c: FuzzCase) => {
      const { query, variables, span } = requestOf(c, valid, kind, op);
      const response = await gw.post({ query, variables });
      const body = await response.text();
      requests++;
      failures.push(...judge(c, { status: response.status, body, json: parseJson(body) }, span, options.leaks ?? false));
    };
    // One at a time, so a run is repeatable (no races between cases). Cases that must all be refused run as
    // one batch between two row counts: none may write anything.
    const before = await rowCounts(gw.database.db);
    for (const c of cases.filter((c) => c.verdict === "refuse")) await send(c);
    const after = await rowCounts(gw.database.db);
    for (const [table, count] of Object.entries(after)) {
      if (count !== before[table]) {
        failures.push({ problem: "row count changed by refused cases", status: 0, code: "", message: "", detail: `${table}: ${before[table]} -> ${count}`, where: op.name });
      }
    }
    for (const c of cases.filter((c) => c.verdict === "either")) await send(c);
  }
  return { failures, requests };
}

/** The operation with valid arguments only must succeed, else the fuzz cases would fail on the baseline. */
async function checkBaseline(gw: TestGateway, kind: string, op: GraphQLField<unknown, unknown>, valid: ValidValues, failures: Failure[]) {
  // A delete with a valid id would remove a fixture row the other cases reference.
  if (isObjectType(getNamedType(op.type)) && "deletedId" in (getNamedType(op.type) as { getFields(): object }).getFields()) return;
  const variables = valid.arguments(op);
  const answer = parseJson(await (await gw.post({ query: withVariables(kind, op), variables })).text());
  const payload = answer?.data?.[op.name] as { userErrors?: unknown[] } | null | undefined;
  if (!answer || answer.errors?.length || payload?.userErrors?.length) {
    failures.push({
      problem: "valid baseline refused (fix the fuzz fixtures or valid values)",
      status: 0,
      code: "",
      message: "",
      detail: JSON.stringify(answer?.errors ?? payload?.userErrors).slice(0, 300),
      where: `${op.name} ${JSON.stringify(variables).slice(0, 200)}`,
    });
  }
}

/**
 * A real cursor of a list with each part replaced by NUL text, an unsafe number or a long text: opaque to
 * clients, but a client can send it back altered. None when the operation takes no cursor or the list is empty.
 */
async function tamperedCursors(gw: TestGateway, op: GraphQLField<unknown, unknown>): Promise<Hostile[]> {
  if (!op.args.some((a) => a.name === "after")) return [];
  const answer = parseJson(await (await gw.post({ query: `{ ${op.name}(first: 1) { pageInfo { endCursor } } }` })).text());
  const cursor = (answer?.data?.[op.name] as { pageInfo?: { endCursor?: string } } | undefined)?.pageInfo?.endCursor;
  if (!cursor) return [];
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return [];
  }
  if (!Array.isArray(parts)) return [];
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  // Which parts the server reads is its own business (an id-ordered list may ignore the sort key), so an
  // altered cursor may be accepted; what it must not do is pass the part to SQL unchecked.
  return parts.flatMap((_, i) =>
    ["a\u0000b", 1e300, "x".repeat(300)].map((value) => ({
      label: `cursor part ${i} = ${JSON.stringify(value).slice(0, 8)}`,
      value: encode(parts.map((p: unknown, j: number) => (j === i ? value : p))),
      verdict: "either" as const,
    })),
  );
}

/** Stands in for the hostile value while an inline document is printed, to find where the value lands. */
const MARK = "\u0001fuzz\u0001";

/** The operation with every argument passed as a variable of its declared type. */
function withVariables(kind: string, op: GraphQLField<unknown, unknown>): string {
  const definitions = op.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(", ");
  const uses = op.args.map((a) => `${a.name}: $${a.name}`).join(", ");
  return `${kind}(${definitions}) { ${op.name}(${uses}) ${selectionOf(op.type)} }`;
}

function requestOf(c: FuzzCase, valid: ValidValues, kind: string, op: GraphQLField<unknown, unknown>) {
  if (!c.literal) return { query: withVariables(kind, op), variables: valid.casing(c.target, c.value) };
  const selection = selectionOf(op.type);
  const args = valid.casing(c.target, c.value === OMIT ? OMIT : MARK);
  const printed = op.args.filter((a) => a.name in args).map((a) => `${a.name}: ${literal(args[a.name], a.type)}`);
  let query = `${kind} { ${op.name}${printed.length ? `(${printed.join(", ")})` : ""} ${selection} }`;
  const at = query.indexOf(JSON.stringify(MARK));
  if (at < 0) return { query, variables: {} };
  const hostile = literal(c.value, c.target.type);
  query = query.slice(0, at) + hostile + query.slice(at + JSON.stringify(MARK).length);
  return { query, variables: {}, span: [at, at + hostile.length] as const };
}

/** `__typename`, plus userErrors of a payload and totalCount of a connection (so its count query runs too). */
function selectionOf(type: GraphQLOutputType): string {
  const named = getNamedType(type);
  if (!isObjectType(named)) return "";
  const fields = named.getFields();
  return `{ __typename${fields.userErrors ? " userErrors { field code message }" : ""}${fields.totalCount ? " totalCount" : ""} }`;
}

/** A value as a GraphQL literal on one line: enum names bare, strings with JSON's escapes (which GraphQL shares). */
function literal(value: unknown, type: GraphQLInputType): string {
  const inner = getNullableType(type);
  if (value === null) return "null";
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, isListType(inner) ? inner.ofType : inner)).join(", ")}]`;
  if (typeof value === "object") {
    const fields = isInputObjectType(inner) ? inner.getFields() : {};
    return `{${Object.entries(value as object).map(([k, v]) => ` ${k}: ${literal(v, fields[k]?.type ?? GraphQLString)}`).join(",")} }`;
  }
  if (isListType(inner)) return literal(value, inner.ofType);
  if (isEnumType(inner) && typeof value === "string" && inner.getValue(value)) return value;
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/** The GraphQL answer in a body; undefined for anything else (an HTML error page, say). */
export function parseJson(body: string): Answer["json"] | undefined {
  try {
    const json = JSON.parse(body) as unknown;
    return json && typeof json === "object" && ("data" in json || "errors" in json) ? (json as Answer["json"]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An error names the fuzzed value when its message or extensions (stack trace aside) contain the argument or
 * input field name as a whole word, or, for an inline literal, one of its locations falls inside that literal.
 */
function namesTarget(error: GraphQLErrorJson, c: FuzzCase, span: readonly [number, number] | undefined): boolean {
  const word = new RegExp(`(^|[^A-Za-z0-9_])${leafName(c.target.path)}($|[^A-Za-z0-9_])`);
  const { stacktrace: _stack, ...extensions } = error.extensions ?? {};
  if (word.test(error.message) || word.test(JSON.stringify(extensions))) return true;
  return span !== undefined && (error.locations ?? []).some((l) => l.line === 1 && l.column - 1 >= span[0] && l.column - 1 < span[1]);
}

/** A userError names the fuzzed value when its field path starts with the value's path. */
const onPath = (field: unknown, path: string[]) => Array.isArray(field) && path.every((step, i) => field[i] === step);

/** What one answer broke, if anything (see fuzz()). */
export function judge(c: FuzzCase, answer: Answer, span: readonly [number, number] | undefined, leaks: boolean): Failure[] {
  const errors = answer.json?.errors ?? [];
  const first = errors[0];
  const fail = (problem: string, detail = ""): Failure => ({
    problem,
    status: answer.status,
    code: String(first?.extensions?.code ?? ""),
    message: (first?.message ?? "").slice(0, 300),
    detail: detail.slice(0, 300),
    where: `${c.target.operation.name}(${c.target.path.join(".")}) = ${c.label}${c.literal ? " [literal]" : ""}`,
  });
  const failures: Failure[] = [];
  if (leaks) for (const [what, pattern] of LEAKS) if (pattern.test(answer.body)) failures.push(fail(`answer leaks ${what}`, answer.body.match(pattern)![0]));
  if (answer.status >= 500) return [...failures, fail(`HTTP ${answer.status}`)];
  if (!answer.json) return [...failures, fail("answer is not GraphQL JSON", answer.body)];
  const unexpected = errors.find((e) => typeof e.extensions?.code !== "string" || e.extensions.code === "INTERNAL_SERVER_ERROR");
  if (unexpected) return [...failures, fail(unexpected.extensions?.code ? "INTERNAL_SERVER_ERROR" : "error without extensions.code")];
  if (errors.length) return errors.some((e) => namesTarget(e, c, span)) ? failures : [...failures, fail("top-level error does not name the argument or field")];
  const payload = answer.json.data?.[c.target.operation.name] as { userErrors?: { field: unknown; code: string; message: string }[] } | null | undefined;
  const userErrors = payload?.userErrors ?? [];
  // An odd but legitimate value may still break a rule with another field (0 as balanceHighThreshold is not
  // above the low threshold), so only a value that must be refused has to be named by a userError.
  if (userErrors.length) {
    if (c.verdict === "either" || userErrors.some((u) => onPath(u.field, c.target.path))) return failures;
    return [...failures, fail("userErrors do not name the field", JSON.stringify(userErrors.map((u) => [u.field?.toString(), u.code, u.message])))];
  }
  return c.verdict === "refuse" ? [...failures, fail("accepted a value it must refuse", JSON.stringify(answer.json.data).slice(0, 200))] : failures;
}

/** Same for every database here: all are migrated from the same drizzle folder. */
let tables: string[] | undefined;

/** Rows per table of the public schema, in one statement. */
async function rowCounts(db: Db): Promise<Record<string, number>> {
  tables ??= (await queryRows<{ name: string }>(db, sql`select tablename::text as name from pg_tables where schemaname = 'public' order by 1`)).map((t) => t.name);
  const [row] = await queryRows<Record<string, number>>(db, sql.raw(`select ${tables.map((t) => `(select count(*)::int from "${t}") as "${t}"`).join(", ")}`));
  return row!;
}

/** A deterministic sample of `n` items, seeded by a name, so every run sends the same cases. */
export function pick<T>(items: T[], n: number, seed: string): T[] {
  let state = [...seed].reduce((h, ch) => Math.imul(h ^ ch.charCodeAt(0), 16777619), 2166136261) >>> 0;
  const random = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
}

/**
 * Failures grouped by problem, status, code and the first words of the error message (values masked), biggest
 * group first, with examples of different values and operations.
 */
export function summarize(failures: Failure[], examples = 6): string {
  const groups = new Map<string, Failure[]>();
  for (const f of failures) {
    const head = f.message.replace(/"(?:[^"\\]|\\.)*"/g, '"…"').replace(/\d+/g, "#").split(/\s+/).slice(0, 4).join(" ");
    const key = `${f.problem} | HTTP ${f.status || "-"} | ${f.code || "-"}${head ? ` | ${head} …` : ""}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const varied = (list: Failure[]) => {
    const seen = new Set<string>();
    const label = (f: Failure) => f.where.split(" = ")[1] ?? f.where;
    const byLabel = list.filter((f) => !seen.has(label(f)) && seen.add(label(f)));
    return [...byLabel, ...list.filter((f) => !byLabel.includes(f))].slice(0, examples);
  };
  return [...groups.entries()]
    .sort((a, b) => b[1].length - a[1].length)
    .map(([key, list]) => `${list.length}x ${key}\n${varied(list).map((f) => `    ${f.where}: ${(f.message || f.detail).replace(/\s+/g, " ").slice(0, 160)}`).join("\n")}`)
    .join("\n");
}
