import http from "node:http";
import { createHmac, timingSafeEqual } from "node:crypto";
import type { AddressInfo } from "node:net";

/** One request the receiver got. */
export interface Delivery {
  key: string;
  signature: string;
  attempt: string;
  contentType: string;
  body: string;
  receivedAt: number;
}

export interface Answer {
  status: number;
  body?: string;
  /** Wait this long before answering (an answer later than the gateway's timeout is never seen). */
  delayMs?: number;
}

/**
 * A webhook endpoint on 127.0.0.1, written the way an integrator would from the README: it checks the
 * HMAC-SHA256 signature of the raw body with its own copy of the secret (401 when it does not match), and
 * otherwise answers what `respond` says. It records every request and any request that arrived while
 * another one with the same Idempotency-Key was still being answered.
 */
export class WebhookReceiver {
  readonly deliveries: Delivery[] = [];
  readonly overlaps: string[] = [];
  respond: (delivery: Delivery, nth: number) => Answer = () => ({ status: 200 });
  private readonly inFlight = new Set<string>();
  private server: http.Server | undefined;
  url = "";

  constructor(public secret: string) {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => void this.handle(req, Buffer.concat(chunks).toString("utf8"), res));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/rates`;
    return this;
  }

  /** True when `signature` is the HMAC-SHA256 of `body` under `secret`, as `sha256=<hex>`. */
  static verify(secret: string, body: string, signature: string): boolean {
    const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`);
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  of(key: string): Delivery[] {
    return this.deliveries.filter((d) => d.key === key);
  }

  private async handle(req: http.IncomingMessage, body: string, res: http.ServerResponse): Promise<void> {
    const delivery: Delivery = {
      key: String(req.headers["idempotency-key"] ?? ""),
      signature: String(req.headers["x-signature"] ?? ""),
      attempt: String(req.headers["x-delivery-attempt"] ?? ""),
      contentType: String(req.headers["content-type"] ?? ""),
      body,
      receivedAt: Date.now(),
    };
    if (this.inFlight.has(delivery.key)) this.overlaps.push(delivery.key);
    this.inFlight.add(delivery.key);
    this.deliveries.push(delivery);
    const answer = WebhookReceiver.verify(this.secret, body, delivery.signature)
      ? this.respond(delivery, this.of(delivery.key).length)
      : { status: 401, body: "bad signature" };
    if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
    this.inFlight.delete(delivery.key);
    if (res.destroyed) return;
    res.writeHead(answer.status, { "content-type": "text/plain" }).end(answer.body ?? "");
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
