import type { IncomingMessage, ServerResponse } from "node:http";
import cors from "cors";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { forwardedAddress, forwardedProtocol } from "./client-ip.js";

/**
 * Headers that make a browser send a preflight, so a cross-site form or <img> cannot carry them.
 * Apollo's CSRF prevention accepts a request without a JSON content type (a GET of a persisted
 * document) only when one of these is present. Every request needs X-Api-Key anyway.
 */
export const CSRF_PREFLIGHT_HEADERS = ["x-apollo-operation-name", "apollo-require-preflight", "x-api-key"];

/**
 * CORS for /graphql, mounted before everything else on the path: preflights are answered here, before
 * authentication and rate limiting, and every answer (200, 400, 401, 413, 429, 503) carries the headers
 * a page needs to read it. Origins outside CORS_ORIGINS get no Access-Control-Allow-Origin, so the
 * browser keeps the response from the page; each such request is logged.
 */
export function corsMiddleware(
  config: Pick<Config, "CORS_ORIGINS" | "TRUST_PROXY_HOPS">,
  logger: Logger,
): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const anyOrigin = config.CORS_ORIGINS.includes("*");
  const allowed = new Set(config.CORS_ORIGINS);
  const handler = cors({
    origin: anyOrigin ? "*" : config.CORS_ORIGINS,
    methods: ["GET", "POST"],
    allowedHeaders: ["content-type", "x-api-key", "apollo-require-preflight", "x-apollo-operation-name", "x-request-id"],
    exposedHeaders: ["x-request-id", "retry-after"],
    // Browsers cap this (Chromium at 2 h); 10 minutes saves most preflights yet picks up a config change soon.
    maxAge: 600,
  });
  return (req, res, next) => {
    const origin = req.headers.origin;
    // Browsers send Origin on same-origin POSTs too (Apollo Sandbox served by this server): not cross-origin.
    if (origin !== undefined && !anyOrigin && !allowed.has(origin) && origin !== `${forwardedProtocol(req, config.TRUST_PROXY_HOPS)}://${req.headers.host}`) {
      logger.warn({ origin, method: req.method, ip: forwardedAddress(req, config.TRUST_PROXY_HOPS) }, "cross-origin request refused: origin not in CORS_ORIGINS");
    }
    handler(req, res, next);
  };
}
