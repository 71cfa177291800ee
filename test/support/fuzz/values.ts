import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLNamedInputType,
} from "graphql";
import { leafName, type Target } from "./walk.js";

/** Ids of fixture rows by entity, spelled as ID fields name them ("client", "rateTable", ...). */
export type FixtureIds = Record<string, string>;

export interface Fixtures {
  /** Rows that valid arguments reference. */
  referenced: FixtureIds;
  /**
   * Rows that `...Update(id)` changes, apart from the referenced ones: an accepted odd value (a null that
   * clears a rate table's code deck) must not break the valid arguments of the operations after it.
   */
  updated: FixtureIds;
}

/** A case value meaning "leave the field or argument out". */
export const OMIT = Symbol("omitted");

/**
 * "refuse": the value is wrong, and the answer must be a userError on its path or a top-level error naming it.
 * "either": the value is odd but may be legitimate, so success is allowed too, and so is a userError of a rule
 * with another field; a top-level error must still name it.
 */
export type Verdict = "refuse" | "either";

export interface Hostile {
  label: string;
  value: unknown;
  verdict: Verdict;
}

/** Marks an optional field that a valid input needs, with the value the generic rules give it. */
const GENERATED = Symbol("generated");

/**
 * Where the generic valid values (first enum value, "x"-like text) would break a cross-field rule, and the
 * optional fields such a rule needs. Keyed by "InputType.field". A literal value here must not be a list
 * (list items are generated from the same key).
 */
const OVERRIDES: Record<string, unknown> = {
  // authType is required on create; IP needs only `ips`, where ANI (the first value) would need `ani`.
  "AccountIdentificationInput.authType": "IP",
  "AccountIdentificationInput.ips": GENERATED,
  // A rate names its codes by `code` or `codeName`; a quote rates by account or rate table.
  "RateCreateInput.code": GENERATED,
  "RateQuoteInput.rateTableId": GENERATED,
};

/** Of each group a valid input has exactly one; fuzzing one member drops the others. */
const ONE_OF = [
  ["RateCreateInput.code", "RateCreateInput.codeName"],
  ["RateQuoteInput.accountId", "RateQuoteInput.rateTableId"],
];

/** Valid text by field name, for fields with a format; any other text field gets a fresh "fzN". */
const VALID_TEXT: [RegExp, string][] = [
  // No "s" on purpose: issue 11 finding 11 (the broken e-mail CHECK) is fuzzed by the battery, not the baseline.
  [/email/i, "noc@fuzz.example"],
  [/timezone/i, "UTC"],
  [/^timeFrom$/, "00:00"],
  [/^timeTill$/, "23:59"],
  [/^dstNumber$/, "4915123456"],
  [/^codeName$/, "Germany Mobile"],
  [/^(code|codePrefix)$/, "49"],
  [/^ips$/, "192.0.2.1"],
];

/** ID fields whose name does not end with the entity they reference. */
const ID_ALIASES: Record<string, string> = { sendInvoicesTo: "contact", sendBalanceNotificationsTo: "contact" };

/**
 * Valid argument values, so that in each case only the fuzzed value is wrong. Text and moments are fresh
 * per call, so valid creates never collide on a unique name or rate version.
 */
export class ValidValues {
  private serial = 0;

  constructor(private readonly fixtures: Fixtures) {}

  /** The arguments of an operation: its required ones, valid. */
  arguments(operation: { name: string; args: readonly { name: string; type: GraphQLInputType }[] }): Record<string, unknown> {
    const args: Record<string, unknown> = {};
    for (const arg of operation.args) if (isNonNullType(arg.type)) args[arg.name] = this.value(arg.type, arg.name, operation.name);
    return args;
  }

  /**
   * The arguments of a target's operation with the value at its path replaced (OMIT removes it). Objects
   * and lists on the way are created valid where the baseline has none.
   */
  casing(target: Target, value: unknown): Record<string, unknown> {
    const op = target.operation;
    const args = this.arguments(op);
    let holder: Record<string, unknown> = args;
    let type: GraphQLInputType = op.args.find((a) => a.name === target.path[0])!.type;
    let owner = op.name;
    for (const [i, step] of target.path.entries()) {
      if (i === target.path.length - 1) break;
      holder[step] ??= this.value(type, step, owner);
      holder = holder[step] as Record<string, unknown>;
      const inner = getNullableType(type);
      const next = target.path[i + 1]!;
      if (isListType(inner)) type = inner.ofType;
      else {
        owner = (inner as GraphQLInputObjectType).name;
        type = (inner as GraphQLInputObjectType).getFields()[next]!.type;
      }
    }
    const last = target.path.at(-1)!;
    const key = `${target.parent}.${last}`;
    for (const other of ONE_OF.find((group) => group.includes(key)) ?? []) delete holder[other.split(".")[1]!];
    if (value === OMIT) delete holder[last];
    else holder[last] = value;
    return args;
  }

  /** A valid value of a type, for the field or argument `name` of `owner` (an input type or an operation). */
  value(type: GraphQLInputType, name: string, owner: string): unknown {
    const override = OVERRIDES[`${owner}.${name}`];
    if (override !== undefined && override !== GENERATED) return structuredClone(override);
    const inner = getNullableType(type);
    if (isListType(inner)) return [this.value(inner.ofType, name, owner)];
    if (isInputObjectType(inner)) return this.object(inner);
    if (isEnumType(inner)) return inner.getValues()[0]!.name;
    switch (inner.name) {
      case "String":
        return VALID_TEXT.find(([pattern]) => pattern.test(name))?.[1] ?? `fz${++this.serial}`;
      case "ID":
        return this.id(name, owner);
      case "Int":
      case "Float":
        return 1;
      case "Boolean":
        return true;
      case "Decimal":
        return "1";
      case "DateTime":
        return new Date(Date.UTC(2026, 0, 1) + ++this.serial * 60_000).toISOString();
      default:
        throw new Error(`no valid value for scalar ${inner.name} (${owner}.${name}): add one to the fuzz suite`);
    }
  }

  private object(type: GraphQLInputObjectType): Record<string, unknown> {
    const object: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      const needed = (isNonNullType(field.type) && field.defaultValue === undefined) || `${type.name}.${field.name}` in OVERRIDES;
      if (needed) object[field.name] = this.value(field.type, field.name, type.name);
    }
    return object;
  }

  /** A fixture id for an ID field: `id` names the operation's entity, `xxxId(s)` the longest entity xxx ends with. */
  private id(name: string, owner: string): string {
    const stem = (name === "id" ? owner.replace(/(Create|Update|Delete|Revoke)$/, "") : (ID_ALIASES[name] ?? name.replace(/Ids?$/, ""))).toLowerCase();
    const { referenced, updated } = this.fixtures;
    const entity = Object.keys(referenced)
      .filter((e) => stem.endsWith(e.toLowerCase()))
      .sort((a, b) => b.length - a.length)[0];
    if (!entity) throw new Error(`no fixture id for ${owner}.${name}: add the entity to the fuzz fixtures`);
    return (name === "id" && owner.endsWith("Update") ? updated[entity] : undefined) ?? referenced[entity]!;
  }
}

const NUL_AND_SURROGATES: Hostile[] = [
  { label: "NUL", value: "a\u0000b", verdict: "refuse" },
  { label: "lone high surrogate", value: "\ud800", verdict: "refuse" },
  { label: "lone low surrogate", value: "a\udfffb", verdict: "refuse" },
];

const wrongTypes = (...values: unknown[]): Hostile[] => values.map((value) => ({ label: `JSON ${JSON.stringify(value)}`, value, verdict: "refuse" }));
const refuse = (...values: unknown[]): Hostile[] => values.map((value) => ({ label: JSON.stringify(value).slice(0, 40), value, verdict: "refuse" }));
const either = (...values: unknown[]): Hostile[] => values.map((value) => ({ label: JSON.stringify(value).slice(0, 40), value, verdict: "either" }));

const NOT_IDS = ["abc", "-1", "1.5", "99999999999999999999", "0", "", 0];

/** What the target is, for the values whose verdict depends on it. */
export interface Setting {
  query: boolean;
  /** Tampered real cursors of the target's list, for `after`/`before`. */
  cursors: Hostile[];
}

/** Hostile values for one scalar or enum, by type and (for formats) by field name. */
function scalarBattery(type: GraphQLNamedInputType, target: Target, setting: Setting): Hostile[] {
  const name = leafName(target.path);
  if (isEnumType(type)) {
    return [...wrongTypes(1, true), ...refuse("NOPE", "", type.getValues()[0]!.name.toLowerCase())];
  }
  switch (type.name) {
    case "String":
      return withoutRepeats([...wrongTypes(1, true, {}, ["x"]), ...NUL_AND_SURROGATES, ...either(""), long(target, setting), ...textByName(name, setting)]);
    case "ID":
      // An id that cannot name a row is refused by a mutation; a query may answer it with nothing.
      return [...wrongTypes(1.5, true, {}, ["1"]), ...NUL_AND_SURROGATES, ...(setting.query ? either : refuse)(...NOT_IDS)];
    case "Int":
    case "Float":
      return [...wrongTypes("1", 1.5, true, {}, [1]), ...refuse(2147483648, -2147483649, 1e20), ...either(-1, 0, 2147483647)];
    case "Boolean":
      return wrongTypes("true", 1, {});
    case "Decimal":
      return [
        ...wrongTypes(1.5, true, {}, 1e20),
        ...NUL_AND_SURROGATES,
        ...refuse("1e5", "NaN", "Infinity", "-Infinity", "--1", "", "0x10", "1,5", "0.0000001", "1e400", `1${"0".repeat(400)}`),
        ...either(" 1", "1 ", "-0", 1),
      ];
    case "DateTime":
      return [
        ...wrongTypes(1.5, true, {}),
        ...NUL_AND_SURROGATES,
        ...refuse("2026-02-30T00:00:00Z", "0000-01-01T00:00:00Z", "99999-01-01T00:00:00Z", "not a date", "", "2026-01-01T24:00:01Z"),
        ...either("9999-12-31T23:59:59.999Z", "1970-01-01T00:00:00Z"),
      ];
    default:
      return wrongTypes(true, {});
  }
}

/** 10,000 characters: filters and cursors are bounded; a mutation's text field may allow that many (notes do). */
function long(target: Target, setting: Setting): Hostile {
  const bounded = setting.query && (target.path[0] === "filter" || /^(after|before)$/.test(target.path[0]!));
  return { label: "10,000 characters", value: "x".repeat(10_000), verdict: bounded ? "refuse" : "either" };
}

/** One case per value: a later one (a format's stricter verdict on "") replaces an earlier one. */
function withoutRepeats(values: Hostile[]): Hostile[] {
  return [...new Map(values.map((h) => [JSON.stringify(h.value), h])).values()];
}

/** Extra values for text fields with a format, chosen by field name. */
function textByName(name: string, setting: Setting): Hostile[] {
  if (/email/i.test(name)) return [...refuse("not-an-email", "a@b"), ...either("sales@fuzz.example")];
  if (/timezone/i.test(name)) return refuse("Mars/Olympus", "", " ", "UTC\n");
  if (/^time(From|Till)$/.test(name)) return refuse("24:00", "12:60", "7");
  if (/^(ips|allowedIps)$/i.test(name)) return [...refuse("fe80::1%eth0", "1.2.3.4/33", "256.1.1.1", "::1/129", "1.2.3.4/", "1.2.3.4/-1"), ...either("::1", "10.0.0.0/8")];
  if (/^(after|before)$/.test(name)) return [...refuse("abc", "eyJ9", "W10"), ...setting.cursors];
  if (/^code$/.test(name) && !setting.query) return either("9-1", "10000000-99999999", "4(9", "(0-9)(0-9)(0-9)(0-9)(0-9)");
  return [];
}

/** The battery for one target: missing and null, wrong JSON types, and the hostile values of its type. */
export function battery(target: Target, setting: Setting, valid: ValidValues): Hostile[] {
  const cases: Hostile[] = isNonNullType(target.type)
    ? [
        { label: "omitted", value: OMIT, verdict: "refuse" },
        { label: "null", value: null, verdict: "refuse" },
      ]
    : [{ label: "null", value: null, verdict: "either" }];
  const inner = getNullableType(target.type);
  if (isListType(inner)) {
    const item = getNamedType(inner.ofType);
    const one = valid.value(inner.ofType, leafName(target.path), target.parent ?? target.operation.name);
    cases.push({ label: "5,000 items", value: Array.from({ length: 5000 }, () => structuredClone(one)), verdict: "either" }, ...either([]));
    if (isNonNullType(inner.ofType)) cases.push(...refuse([null]));
    // Items of input objects are fuzzed field by field as targets of their own.
    if (isInputObjectType(item)) cases.push(...wrongTypes("x", 1, [[one]]));
    else cases.push(...scalarBattery(item, target, setting).map((c) => ({ ...c, label: `item ${c.label}`, value: [c.value] })));
  } else if (isInputObjectType(inner)) {
    const hasRequired = Object.values(inner.getFields()).some((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    cases.push(...wrongTypes("x", 1, []), { label: "{}", value: {}, verdict: hasRequired ? "refuse" : "either" });
    cases.push({ label: "unknown field", value: { ...(valid.value(inner, leafName(target.path), target.parent ?? target.operation.name) as object), fuzzUnknownField: 1 }, verdict: "refuse" });
  } else {
    cases.push(...scalarBattery(inner, target, setting));
  }
  return cases;
}
