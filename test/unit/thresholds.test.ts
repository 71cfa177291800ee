import { describe, expect, it } from "vitest";
import { ExactDecimal } from "../../src/decimal.js";
import { thresholdCrossed, type Thresholds } from "../../src/modules/balance/thresholds.js";

const t: Thresholds = { balanceLowThreshold: "10", balanceHighThreshold: "100" };
const cross = (before: string, after: string, thresholds = t) => thresholdCrossed(new ExactDecimal(before), new ExactDecimal(after), thresholds)?.event;

describe("thresholdCrossed", () => {
  it.each([
    ["10", "9.999999", "account.balance_low"],
    ["50", "-50", "account.balance_low"],
    ["10.000001", "10", undefined],
    ["9", "5", undefined],
    ["5", "10", undefined],
    ["100", "100.000001", "account.balance_high"],
    ["-5", "1000", "account.balance_high"],
    ["99.999999", "100", undefined],
    ["101", "200", undefined],
    ["200", "50", undefined],
    ["200", "5", "account.balance_low"],
  ])("from %s to %s: %s", (before, after, event) => {
    expect(cross(before, after)).toBe(event);
  });

  it("ignores thresholds that are not set, and reports the one crossed", () => {
    expect(cross("10", "-10", { balanceLowThreshold: null, balanceHighThreshold: null })).toBeUndefined();
    expect(thresholdCrossed(new ExactDecimal("0"), new ExactDecimal("-0.000001"), { balanceLowThreshold: "0", balanceHighThreshold: null })).toEqual({
      event: "account.balance_low",
      threshold: "0",
    });
  });
});
