import { describe, expect, it } from "vitest";
import { canonicalDecimal, checkDecimal, MONEY_BOUNDS } from "../../src/decimal.js";
import { DecimalScalar } from "../../src/scalars.js";

describe("checkDecimal (money bounds)", () => {
  it.each([
    ["0.000001", "0.000001"],
    ["999999999.999999", "999999999.999999"],
    ["-999999999.999999", "-999999999.999999"],
    ["+12.50", "12.5"],
    [" 7 ", "7"],
    ["-0", "0"],
    ["0010.000", "10"],
    [".5", "0.5"],
    ["5.", "5"],
  ])("accepts %j as %j", (raw, canonical) => {
    expect(checkDecimal(raw, MONEY_BOUNDS)).toEqual({ ok: true, value: canonical });
  });

  it.each(["", "abc", "1e3", "1,5", "--1", "0x10", "NaN", "Infinity", "1.2.3", " "])("refuses %j as INVALID", (raw) => {
    expect(checkDecimal(raw, MONEY_BOUNDS)).toMatchObject({ ok: false, code: "INVALID" });
  });

  it("refuses a seventh decimal instead of rounding it away", () => {
    expect(checkDecimal("0.0000001", MONEY_BOUNDS)).toMatchObject({ ok: false, code: "INVALID" });
    expect(checkDecimal("1.1234565", MONEY_BOUNDS)).toMatchObject({ ok: false, code: "INVALID" });
  });

  it.each(["1000000000", "-1000000000", "999999999.9999991"])("refuses %j outside the range", (raw) => {
    expect(checkDecimal(raw, MONEY_BOUNDS)).toMatchObject({ ok: false });
    expect(checkDecimal(raw, { ...MONEY_BOUNDS, scale: 10 })).toMatchObject({ ok: false, code: "OUT_OF_RANGE" });
  });
});

describe("Decimal scalar", () => {
  it("serializes database text canonically, without exponent notation", () => {
    expect(DecimalScalar.serialize("10.500000")).toBe("10.5");
    expect(DecimalScalar.serialize("0.000001")).toBe("0.000001");
    expect(DecimalScalar.serialize("-0.000000")).toBe("0");
    expect(canonicalDecimal("123456789012345678901234567890.123456")).toBe("123456789012345678901234567890.123456");
  });

  it("takes strings and JSON integers, refuses floats", () => {
    expect(DecimalScalar.parseValue("1.25")).toBe("1.25");
    expect(DecimalScalar.parseValue(42)).toBe("42");
    expect(() => DecimalScalar.parseValue(0.1)).toThrow(/string/);
    expect(() => DecimalScalar.parseValue(true)).toThrow();
  });
});
