import { UserErrorCode, type UserErrorList } from "./errors.js";
import { checkDecimal, type DecimalBounds } from "./decimal.js";

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

/** A field that may be omitted in a partial update but not set to null. */
export function notNull<T>(errors: UserErrorList, path: string[], value: T | null | undefined): value is T {
  if (value === null) {
    errors.add(path, UserErrorCode.REQUIRED, "cannot be null; omit the field to leave it unchanged");
    return false;
  }
  return value !== undefined;
}

/** Parses an ID argument into a database id; anything else cannot name an existing row. */
export function parseId(id: string | number): number | undefined {
  const text = String(id);
  if (!/^\d{1,10}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= 2_147_483_647 ? n : undefined;
}
