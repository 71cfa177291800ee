import { describe, expect, it } from "vitest";
import { expandCodes, MAX_EXPANDED_CODES } from "../../src/modules/rate/code-expression.js";

describe("expandCodes", () => {
  it.each([
    ["44", ["44"]],
    ["44301,44303", ["44301", "44303"]],
    [" 44301 - 44303 ".replace(/ - /, "-"), ["44301", "44302", "44303"]],
    ["443(0-2)1", ["44301", "44311", "44321"]],
    ["4(1-2)(8-9)", ["418", "419", "428", "429"]],
    ["44,4420-4422,443(0-1)1,44", ["44", "4420", "4421", "4422", "44301", "44311"]],
    ["0098-0101", ["0098", "0099", "0100", "0101"]],
    ["cpu_fix", ["cpu_fix"]],
  ])("expands %j", (expression, codes) => {
    expect(expandCodes(expression)).toEqual({ ok: true, codes });
  });

  it.each([
    ["", /empty item/],
    ["44,,45", /empty item/],
    ["4430-443", /same number of digits/],
    ["4499-4410", /backwards/],
    ["44(5-1)", /backwards/],
    ["44 30", /is not a code/],
    ["44-", /is not a code/],
    ["1".repeat(33), /is not a code/],
    ["10000-99999", new RegExp(`more than ${MAX_EXPANDED_CODES}`)],
    ["(0-9)(0-9)(0-9)(0-9)(0-9)", new RegExp(`more than ${MAX_EXPANDED_CODES}`)],
  ])("refuses %j", (expression, message) => {
    const result = expandCodes(expression);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it("accepts exactly the maximum number of codes", () => {
    const result = expandCodes(`10000-${10000 + MAX_EXPANDED_CODES - 1}`);
    expect(result.ok && result.codes.length).toBe(MAX_EXPANDED_CODES);
  });
});
