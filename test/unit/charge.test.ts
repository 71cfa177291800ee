import { describe, expect, it } from "vitest";
import { charge, type ChargeTerms } from "../../src/modules/rating/charge.js";

const terms = (t: Partial<ChargeTerms>): ChargeTerms => ({ value: "0", setupFee: "0", minVolume: 1, payInterval: 1, graceVolume: 0, ...t });

describe("charge (DOMAIN.md 4.1 worked examples)", () => {
  it.each([
    // 1. 60/60, r = 0.0100
    [terms({ value: "0.01", minVolume: 60, payInterval: 60 }), 5, 60, "0.01"],
    [terms({ value: "0.01", minVolume: 60, payInterval: 60 }), 60, 60, "0.01"],
    [terms({ value: "0.01", minVolume: 60, payInterval: 60 }), 61, 120, "0.02"],
    // 2. 1/1, r = 0.0100 (0.0101667 and 0.0008333 at 6 decimals, half-up)
    [terms({ value: "0.01" }), 61, 61, "0.010167"],
    [terms({ value: "0.01" }), 5, 5, "0.000833"],
    [terms({ value: "0.01" }), 0, 0, "0"],
    // 3. 30/6 with grace 3, r = 0.0600, setup 0.0050
    [terms({ value: "0.06", setupFee: "0.005", minVolume: 30, payInterval: 6, graceVolume: 3 }), 2, 0, "0"],
    [terms({ value: "0.06", setupFee: "0.005", minVolume: 30, payInterval: 6, graceVolume: 3 }), 3, 30, "0.035"],
    [terms({ value: "0.06", setupFee: "0.005", minVolume: 30, payInterval: 6, graceVolume: 3 }), 31, 36, "0.041"],
    [terms({ value: "0.06", setupFee: "0.005", minVolume: 30, payInterval: 6, graceVolume: 3 }), 95, 96, "0.101"],
  ])("%o for %i s bills %i s and costs %s", (t, volume, billed, cost) => {
    expect(charge(t, volume)).toEqual({ billedVolume: billed, cost });
  });

  it("charges nothing, setup fee included, for a call of 0 s or below the grace volume", () => {
    expect(charge(terms({ value: "1", setupFee: "0.5", graceVolume: 10 }), 9)).toEqual({ billedVolume: 0, cost: "0" });
    expect(charge(terms({ value: "1", setupFee: "0.5" }), -4)).toEqual({ billedVolume: 0, cost: "0" });
    expect(charge(terms({ value: "1", setupFee: "0.5", graceVolume: 10 }), 10)).toEqual({ billedVolume: 10, cost: "0.666667" });
  });

  it("rounds half-up at the sixth decimal and stays exact for extreme prices", () => {
    expect(charge(terms({ value: "0.0000003" }), 60).cost).toBe("0");
    expect(charge(terms({ value: "0.00003" }), 1).cost).toBe("0.000001");
    expect(charge(terms({ value: "-0.00003" }), 1).cost).toBe("-0.000001");
    expect(charge(terms({ value: "999999999.999999", setupFee: "999999999.999999" }), 2_147_483_647).cost).toBe(
      "35791395116666630.875272", // checked independently with Python decimal
    );
  });
});
