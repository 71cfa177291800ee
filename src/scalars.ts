import { GraphQLScalarType, Kind, type ValueNode } from "graphql";
import { DateTimeResolver } from "graphql-scalars";
import { ExactDecimal, canonicalDecimal } from "./decimal.js";

/** Moments every column and both drivers represent the same way: ISO 8601 four-digit years. */
const EARLIEST = Date.parse("0001-01-01T00:00:00Z");
const LATEST = Date.parse("9999-12-31T23:59:59.999Z");

function inRange(value: Date): Date {
  const time = value.getTime();
  if (time < EARLIEST || time > LATEST) {
    throw new TypeError("DateTime must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z");
  }
  return value;
}

/**
 * graphql-scalars' RFC 3339 DateTime, limited to years 0001 to 9999: Postgres refuses year 0000 (which
 * JavaScript's Date accepts), and years past 9999 have no ISO 8601 spelling that both sides agree on.
 */
export const DateTimeScalar = new GraphQLScalarType<Date, Date | string>({
  ...DateTimeResolver.toConfig(),
  description: `${DateTimeResolver.description ?? "A date-time string at UTC."} Years 0001 to 9999.`,
  parseValue: (value: unknown) => inRange(DateTimeResolver.parseValue(value) as Date),
  parseLiteral: (ast: ValueNode, variables) => inRange(DateTimeResolver.parseLiteral(ast, variables) as Date),
});

/**
 * Exact decimal, sent and received as a string so no float ever touches money.
 * Input strings are checked by the mutation that receives them, so a bad value comes back as a
 * userError on its field; a JSON float is refused outright because it may already have lost digits.
 */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: "Decimal",
  description:
    'An exact decimal number as a string, e.g. "0.000001" or "-999999999.5". Never a float. ' +
    "Integers may also be sent as JSON numbers. Invalid or out-of-range values are reported as userErrors.",
  serialize(value) {
    if (typeof value === "string" || typeof value === "number" || value instanceof ExactDecimal) {
      return canonicalDecimal(new ExactDecimal(value));
    }
    throw new TypeError(`Decimal cannot represent ${typeof value}`);
  },
  parseValue(value) {
    if (typeof value === "string") return value;
    if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
    throw new TypeError("Decimal must be a string (or a JSON integer) to stay exact");
  },
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT) return ast.value;
    throw new TypeError("Decimal must be a string literal (or an integer) to stay exact");
  },
});
