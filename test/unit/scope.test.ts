import { describe, expect, it } from "vitest";
import { rateTables } from "../../src/db/schema.js";
import { runAsSystem, runInRequest } from "../../src/request-state.js";
import { visibleIn } from "../../src/scope.js";

describe("partition scoping fails closed", () => {
  it("refuses to scope work that runs outside any request", () => {
    expect(() => visibleIn(rateTables)).toThrow(/partition scope unknown/);
  });

  it("refuses to scope a request whose API key has not been accepted yet", () => {
    expect(() => runInRequest({ statements: 0, partitionId: undefined, bodyBytes: 0 }, () => visibleIn(rateTables))).toThrow(/partition scope unknown/);
  });

  it("scopes a confined key to its partition, and sees all for an unconfined key or explicit system work", () => {
    expect(runInRequest({ statements: 0, partitionId: 7, bodyBytes: 0 }, () => visibleIn(rateTables))).toBeDefined();
    expect(runInRequest({ statements: 0, partitionId: null, bodyBytes: 0 }, () => visibleIn(rateTables))).toBeUndefined();
    expect(runAsSystem(() => visibleIn(rateTables))).toBeUndefined();
  });
});
