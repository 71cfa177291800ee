import { isIP } from "node:net";

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
