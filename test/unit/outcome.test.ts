import { describe, expect, it } from "vitest";
import { outcomeOf } from "../../src/request-logging.js";

describe("outcomeOf", () => {
  it.each([
    [200, [], { currencies: { nodes: [] } }, "ok"],
    [200, [], { clientCreate: { client: { id: "1" }, userErrors: [] } }, "ok"],
    [200, [], { clientCreate: { client: null, userErrors: [{ code: "REQUIRED" }] } }, "user_error"],
    [200, [], { a: { userErrors: [] }, b: { userErrors: [{ code: "TAKEN" }] } }, "user_error"],
    [200, [], null, "ok"],
    [200, ["BAD_USER_INPUT"], { currencies: null }, "client_error"],
    [200, ["FORBIDDEN"], { clientCreate: null }, "client_error"],
    [400, ["GRAPHQL_VALIDATION_FAILED"], undefined, "client_error"],
    [401, [], undefined, "client_error"],
    [200, ["INTERNAL_SERVER_ERROR"], { client: null }, "server_error"],
    [200, ["BAD_USER_INPUT", "INTERNAL_SERVER_ERROR"], { client: null }, "server_error"],
    [200, ["UNAVAILABLE"], { client: null }, "server_error"],
    [200, ["toString"], undefined, "server_error"],
    [500, [], undefined, "server_error"],
  ] as const)("status %i, codes %j, data %j: %s", (status, codes, data, outcome) => {
    expect(outcomeOf(status, [...codes], data)).toBe(outcome);
  });
});
