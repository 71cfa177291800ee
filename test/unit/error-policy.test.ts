import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { formatError } from "../../src/graphql/error-policy.js";

/** formatError sees an error as Apollo hands it over: formatted, plus the original (a resolver's error wrapped). */
function format(error: GraphQLError, production = true) {
  return formatError(production)({ message: error.message, extensions: error.extensions, path: ["x"] }, error);
}

const resolverError = (original: Error) => new GraphQLError(original.message, { originalError: original, path: ["x"] });
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe("the error policy", () => {
  it("calls a lost database UNAVAILABLE and a cancelled statement QUERY_TIMEOUT, without the driver's message", () => {
    expect(format(resolverError(pgError("ECONNREFUSED", "connect ECONNREFUSED 10.0.0.5:5432")))).toEqual({
      message: "The database is unavailable; retry shortly.",
      path: ["x"],
      extensions: { code: "UNAVAILABLE" },
    });
    const timeout = format(resolverError(new Error("Failed query: select ...", { cause: pgError("57014", "canceling statement due to statement timeout") })));
    expect(timeout.extensions).toEqual({ code: "QUERY_TIMEOUT" });
    expect(timeout.message).not.toMatch(/select|canceling/);
  });

  it("keeps a client code, and gives BAD_REQUEST to a 4xx error Apollo raised without one", () => {
    const limited = new GraphQLError("slow down", { extensions: { code: "RATE_LIMITED" } });
    expect(format(limited)).toMatchObject({ message: "slow down", extensions: { code: "RATE_LIMITED" } });
    const mismatch = new GraphQLError("provided sha does not match query", { extensions: { http: { status: 400 } } });
    expect(format(mismatch)).toMatchObject({ message: "provided sha does not match query", extensions: { code: "BAD_REQUEST" } });
  });

  it("masks anything else in production, keeping only a correlation id, and shows it in development", () => {
    const fault = new GraphQLError("Failed query: select secret", { extensions: { code: "INTERNAL_SERVER_ERROR", correlationId: "req-1" } });
    expect(format(fault)).toEqual({ message: "Internal server error", path: ["x"], extensions: { code: "INTERNAL_SERVER_ERROR", correlationId: "req-1" } });
    expect(format(fault, false).message).toBe("Failed query: select secret");
  });
});
