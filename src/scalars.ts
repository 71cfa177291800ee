import { GraphQLScalarType, Kind } from "graphql";
import { ExactDecimal, canonicalDecimal } from "./decimal.js";

export { DateTimeResolver as DateTimeScalar } from "graphql-scalars";

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
