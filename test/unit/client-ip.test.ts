import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientIp, forwardedAddress, forwardedProtocol } from "../../src/http/client-ip.js";

const request = (peer: string, headers: Record<string, string> = {}, encrypted = false) =>
  ({ socket: { remoteAddress: peer, encrypted }, headers }) as unknown as IncomingMessage;

describe("the client's address behind trusted proxies", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(forwardedAddress(request("10.0.0.1", { "x-forwarded-for": "1.2.3.4" }), 0)).toBe("10.0.0.1");
    expect(forwardedAddress(request("10.0.0.1"), 2)).toBe("10.0.0.1");
  });

  it("is the address the farthest trusted proxy saw, counted from the header's end", () => {
    const req = request("10.0.0.1", { "x-forwarded-for": "6.6.6.6, 1.2.3.4,10.0.0.2" });
    expect(forwardedAddress(req, 1)).toBe("10.0.0.2");
    expect(forwardedAddress(req, 2)).toBe("1.2.3.4");
    // A client's own forged entries lie beyond the trusted hops and are never taken.
    expect(forwardedAddress(req, 3)).toBe("6.6.6.6");
    // A chain shorter than the trusted hops gives its first address.
    expect(forwardedAddress(req, 9)).toBe("6.6.6.6");
  });

  it("skips empty entries, as Express's proxy-addr does, and leaves a malformed one to clientIp", () => {
    expect(forwardedAddress(request("10.0.0.1", { "x-forwarded-for": "1.2.3.4, ,,10.0.0.2," }), 2)).toBe("1.2.3.4");
    expect(forwardedAddress(request("10.0.0.1", { "x-forwarded-for": "" }), 1)).toBe("10.0.0.1");
    expect(clientIp(forwardedAddress(request("10.0.0.1", { "x-forwarded-for": "not-an-ip" }), 1))).toBeUndefined();
  });

  it("reads the protocol from X-Forwarded-Proto only behind trusted proxies", () => {
    expect(forwardedProtocol(request("10.0.0.1", { "x-forwarded-proto": "https" }), 0)).toBe("http");
    expect(forwardedProtocol(request("10.0.0.1", { "x-forwarded-proto": "https, http" }), 1)).toBe("https");
    expect(forwardedProtocol(request("10.0.0.1", {}, true), 1)).toBe("https");
  });
});
