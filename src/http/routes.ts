import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { Logger } from "../logger.js";
import { sendError } from "./json-errors.js";

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** A route: its handler, and whether it answers only GET (and HEAD, which Node answers without the body). */
export interface Route {
  handler: Handler;
  getOnly?: boolean;
}

/**
 * The server's request listener: one handler per path, the query string aside and a trailing slash
 * allowed; anything else gets a GraphQL-shaped 404. A handler that fails is answered with a 500 and logged.
 */
export function routes(table: Record<string, Route>, logger: Logger): RequestListener {
  const byPath = new Map(Object.entries(table));
  return (req, res) => {
    const url = req.url ?? "/";
    const end = url.indexOf("?");
    const path = end < 0 ? url : url.slice(0, end);
    const route = byPath.get(path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path);
    if (!route || (route.getOnly && req.method !== "GET" && req.method !== "HEAD")) {
      return sendError(res, 404, "NOT_FOUND", `Nothing at ${req.method} ${path}; the API is at /graphql.`);
    }
    try {
      const answered = route.handler(req, res);
      if (answered) answered.catch((error: unknown) => failed(res, error));
    } catch (error) {
      failed(res, error);
    }
  };

  function failed(res: ServerResponse, error: unknown) {
    logger.error({ err: error }, "unexpected error");
    if (res.headersSent) return void res.destroy();
    sendError(res, 500, "INTERNAL_SERVER_ERROR", "Internal server error.");
  }
}
