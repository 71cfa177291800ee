import { describe, expect, it } from "vitest";
import { retryDelayMs, signatureOf } from "../../src/modules/rate-notification/rate-notification.worker.js";

describe("retryDelayMs", () => {
  it("doubles from the base after each failed attempt, up to the cap", () => {
    const settings = { backoffBaseMs: 30_000, backoffMaxMs: 3_600_000 };
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((attempt) => retryDelayMs(attempt, settings))).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000,
    ]);
    expect(retryDelayMs(1_000, settings)).toBe(3_600_000);
  });
});

describe("signatureOf", () => {
  it("is sha256=<hex HMAC-SHA256 of the exact body bytes>", () => {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
    expect(signatureOf("Jefe", "what do ya want for nothing?")).toBe("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  });

  it("changes with any byte of the body and with the secret", () => {
    const body = JSON.stringify({ client: { name: "Zürich Telecom" } });
    expect(signatureOf("secret-one-0123456", body)).not.toBe(signatureOf("secret-two-0123456", body));
    expect(signatureOf("secret-one-0123456", body)).not.toBe(signatureOf("secret-one-0123456", `${body} `));
  });
});
