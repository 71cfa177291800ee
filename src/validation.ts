import { isIP } from "node:net";
import { UserErrorCode, type UserErrorList } from "./errors.js";
import { checkDecimal, type DecimalBounds } from "./decimal.js";
import { EMAIL_PATTERN } from "./db/schema.js";

/**
 * Field checks shared by every mutation. Each records a userError on `path` and returns the cleaned
 * value, or undefined when the value was absent or invalid, so callers can collect every error at once.
 */

/** Required text: trimmed, not blank, at most `max` characters. */
export function requiredText(errors: UserErrorList, path: string[], value: string | null | undefined, max: number) {
  if (value == null || value.trim() === "") {
    errors.add(path, UserErrorCode.REQUIRED, "must not be empty");
    return undefined;
  }
  return optionalText(errors, path, value, max) ?? undefined;
}

/** Optional text: trimmed; empty becomes null; at most `max` characters. */
export function optionalText(errors: UserErrorList, path: string[], value: string | null | undefined, max: number) {
  if (value == null) return value;
  const trimmed = value.trim();
  if (trimmed.length > max) {
    errors.add(path, UserErrorCode.TOO_LONG, `must be at most ${max} characters (got ${trimmed.length})`);
    return undefined;
  }
  return trimmed === "" ? null : trimmed;
}

/** Decimal within bounds, never rounded; returns its canonical text. */
export function decimalField(errors: UserErrorList, path: string[], value: string, bounds: DecimalBounds) {
  const result = checkDecimal(value, bounds);
  if (!result.ok) {
    errors.add(path, UserErrorCode[result.code], result.message);
    return undefined;
  }
  return result.value;
}

/** Integer within [min, max]. */
export function intInRange(errors: UserErrorList, path: string[], value: number, min: number, max: number) {
  if (value < min || value > max) {
    errors.add(path, UserErrorCode.OUT_OF_RANGE, `must be between ${min} and ${max}`);
    return undefined;
  }
  return value;
}

/** Tags: each trimmed, non-empty, at most 64 characters; duplicates dropped, order kept. */
export function tagList(errors: UserErrorList, path: string[], tags: readonly string[]) {
  const cleaned: string[] = [];
  let valid = true;
  tags.forEach((tag, i) => {
    const value = requiredText(errors, [...path, String(i)], tag, 64);
    if (value === undefined) valid = false;
    else if (!cleaned.includes(value)) cleaned.push(value);
  });
  return valid ? cleaned : undefined;
}

/** Parses an ID argument into a database id; anything else cannot name an existing row. */
export function parseId(id: string | number): number | undefined {
  const text = String(id);
  if (!/^\d{1,10}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= 2_147_483_647 ? n : undefined;
}

/** Parses one input value into its column value, recording a userError on `path` when it is invalid. */
export type Parser<In, Out> = (errors: UserErrorList, path: string[], value: In) => Out | undefined;

/**
 * How one input field maps to a column. `nullable` fields accept an explicit null (clearing the column);
 * for the others null is refused. An omitted field is left alone, so the same rules serve a create
 * (the column keeps its default) and a partial update (the column keeps its value).
 */
export interface FieldRule {
  column: string;
  parse: Parser<never, unknown>;
  nullable?: boolean;
}

/** Applies field rules to an input object; returns the column changes it asks for. */
export function collectChanges<I extends object>(
  errors: UserErrorList,
  path: string[],
  input: I | null | undefined,
  rules: { [K in keyof I]?: FieldRule },
): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  if (!input) return changes;
  for (const [key, rule] of Object.entries(rules) as [string, FieldRule][]) {
    const value = (input as Record<string, unknown>)[key];
    if (value === undefined) continue;
    const fieldPath = [...path, key];
    if (value === null) {
      if (rule.nullable) changes[rule.column] = null;
      else errors.add(fieldPath, UserErrorCode.REQUIRED, "cannot be null; omit the field to leave it unchanged");
      continue;
    }
    const parsed = rule.parse(errors, fieldPath, value as never);
    if (parsed !== undefined) changes[rule.column] = parsed;
  }
  return changes;
}

const EMAIL = new RegExp(EMAIL_PATTERN);

/** Parsers for the common field kinds, to build FieldRules with. */
export const parse = {
  text: (max: number): Parser<string, string> => (errors, path, value) => requiredText(errors, path, value, max),
  /** Optional text: blank becomes null. */
  optionalText: (max: number): Parser<string, string | null> => (errors, path, value) => optionalText(errors, path, value, max),
  int: (min: number, max: number): Parser<number, number> => (errors, path, value) => intInRange(errors, path, value, min, max),
  decimal: (bounds: DecimalBounds): Parser<string, string> => (errors, path, value) => decimalField(errors, path, value, bounds),
  tags: (): Parser<string[], string[]> => (errors, path, value) => tagList(errors, path, value),
  same: <T>(): Parser<T, T> => (_errors, _path, value) => value,
  id: (what: string): Parser<string, number> => (errors, path, value) => {
    const id = parseId(value);
    if (id === undefined) errors.add(path, UserErrorCode.NOT_FOUND, `no ${what} with this id`);
    return id;
  },
  ids: (what: string): Parser<string[], number[]> => (errors, path, values) => {
    const ids = values.map((v, i) => parse.id(what)(errors, [...path, String(i)], v));
    if (ids.some((id) => id === undefined)) return undefined;
    return [...new Set(ids as number[])];
  },
  timezone: (): Parser<string, string> => (errors, path, value) => {
    if (isTimezone(value)) return value;
    errors.add(path, UserErrorCode.INVALID, `"${value.slice(0, 64)}" is not a known IANA timezone (e.g. "Europe/Kyiv" or "UTC")`);
    return undefined;
  },
  email: (): Parser<string, string> => (errors, path, value) => {
    const email = requiredText(errors, path, value, 255);
    if (email === undefined || EMAIL.test(email)) return email;
    errors.add(path, UserErrorCode.INVALID, `"${email.slice(0, 64)}" is not an e-mail address`);
    return undefined;
  },
  /** "HH:MM", "HH:MM:SS" or "HH:MM:SS.ffffff", 00:00 to 23:59:59.999999. */
  timeOfDay: (): Parser<string, string> => (errors, path, value) => {
    const match = /^([01]\d|2[0-3]):([0-5]\d)(:[0-5]\d(\.\d{1,6})?)?$/.exec(value.trim());
    if (match) return match[3] ? value.trim() : `${value.trim()}:00`;
    errors.add(path, UserErrorCode.INVALID, `"${value.slice(0, 20)}" is not a time of day (HH:MM or HH:MM:SS)`);
    return undefined;
  },
  ips: (): Parser<string[], string[]> => (errors, path, values) => {
    let valid = true;
    values.forEach((v, i) => {
      if (!isIpOrCidr(v.trim())) {
        errors.add([...path, String(i)], UserErrorCode.INVALID, `"${v.slice(0, 64)}" is not an IP address or CIDR network`);
        valid = false;
      }
    });
    return valid ? [...new Set(values.map((v) => v.trim()))] : undefined;
  },
};

/** An optional list of ids in an input: omitted stays undefined (leave as is), null clears ([]). */
export function idList(errors: UserErrorList, path: string[], what: string, ids: string[] | null | undefined): number[] | undefined {
  if (ids === undefined) return undefined;
  return ids === null ? [] : (parse.ids(what)(errors, path, ids) ?? []);
}

/** True for IANA zone names the runtime knows (Intl throws RangeError for others). */
export function isTimezone(name: string): boolean {
  if (name.length === 0 || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * An IPv4/IPv6 address, optionally with a prefix length that fits its family: exactly what Postgres
 * `inet` takes. Node's isIP also accepts an IPv6 zone ("fe80::1%eth0"), which inet refuses.
 */
export function isIpOrCidr(text: string): boolean {
  const [address, prefix, extra] = text.split("/");
  if (extra !== undefined || !address || address.includes("%")) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}
