import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";

/** Whether the request came over TLS, as the socket or (behind trusted proxies) X-Forwarded-Proto says. */
export function forwardedProtocol(req: IncomingMessage, hops: number): string {
  const own = (req.socket as { encrypted?: boolean }).encrypted ? "https" : "http";
  const header = req.headers["x-forwarded-proto"];
  if (hops === 0 || typeof header !== "string" || header === "") return own;
  return header.split(",")[0]!.trim();
}

/**
 * The address the request came from, as the trusted proxies in front report it: with `hops` trusted
 * proxies, the address the farthest of them saw, read from X-Forwarded-For (each proxy appends the
 * address it got the request from); with none, the socket's peer. A chain shorter than `hops` gives its
 * first address. The same answer as Express's `trust proxy` set to a number of hops.
 */
export function forwardedAddress(req: IncomingMessage, hops: number): string | undefined {
  const peer = req.socket.remoteAddress;
  const header = req.headers["x-forwarded-for"];
  if (hops === 0 || header === undefined) return peer;
  // Nearest first: the socket's peer, then the header's entries from its end (empty ones skipped).
  const chain = [peer, ...String(header).split(",").map((entry) => entry.trim()).filter(Boolean).reverse()];
  return chain[Math.min(hops, chain.length - 1)];
}

/**
 * The client's address as Postgres `inet` takes it, or undefined when it is not an IP address (a
 * trusted proxy sent a malformed X-Forwarded-For). Node reports IPv4 clients of a dual-stack socket as
 * "::ffff:a.b.c.d", and link-local IPv6 peers with a zone ("fe80::1%eth0") that inet refuses.
 */
export function clientIp(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let ip = raw.trim();
  if (ip.startsWith("::ffff:") && ip.includes(".")) ip = ip.slice(7);
  ip = ip.replace(/%[^%]*$/, "");
  return isIP(ip) === 0 ? undefined : ip;
}
