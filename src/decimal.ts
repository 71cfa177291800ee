import { Decimal } from "decimal.js";

/** Exact decimal arithmetic for money: 40 significant digits and half-up rounding where rounding is asked for. */
export const ExactDecimal = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type ExactDecimal = InstanceType<typeof ExactDecimal>;

/**
 * Money columns are numeric(15,6): 9 integer digits (the documented ±999,999,999) and 6 decimals,
 * so the largest value is 999999999.999999 and every accepted value is stored exactly.
 */
export const MONEY_SCALE = 6;
export const MONEY_LIMIT = "999999999.999999";

export interface DecimalBounds {
  min: string;
  max: string;
  scale: number;
}

export const MONEY_BOUNDS: DecimalBounds = { min: `-${MONEY_LIMIT}`, max: MONEY_LIMIT, scale: MONEY_SCALE };

export type DecimalCheck =
  | { ok: true; value: string }
  | { ok: false; code: "INVALID" | "OUT_OF_RANGE"; message: string };

const DECIMAL_PATTERN = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * Validates a decimal given as text, without ever rounding: too many fraction digits is an error,
 * not a silent loss. Returns the canonical form (no exponent, no redundant zeros).
 */
export function checkDecimal(raw: string, bounds: DecimalBounds): DecimalCheck {
  const text = raw.trim();
  if (!DECIMAL_PATTERN.test(text)) {
    return { ok: false, code: "INVALID", message: `"${truncate(raw)}" is not a decimal number (expected e.g. "12.5")` };
  }
  const value = new ExactDecimal(text);
  if (value.decimalPlaces() > bounds.scale) {
    return {
      ok: false,
      code: "INVALID",
      message: `has more than ${bounds.scale} decimal places; values are stored exactly and never rounded`,
    };
  }
  if (value.lessThan(bounds.min) || value.greaterThan(bounds.max)) {
    return { ok: false, code: "OUT_OF_RANGE", message: `must be between ${bounds.min} and ${bounds.max}` };
  }
  return { ok: true, value: canonicalDecimal(value) };
}

/** "10.500000" -> "10.5", "-0" -> "0": one spelling per value, never exponent notation. */
export function canonicalDecimal(value: string | ExactDecimal): string {
  const d = typeof value === "string" ? new ExactDecimal(value) : value;
  return d.isZero() ? "0" : d.toFixed();
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
