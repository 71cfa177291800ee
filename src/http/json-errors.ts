import type { ErrorRequestHandler, Response } from "express";
import type { Logger } from "../logger.js";
import { internalError } from "../graphql/error-policy.js";

/** A GraphQL-shaped error answer (`{"errors":[…]}`), for requests refused before GraphQL runs. */
export function sendError(res: Response, status: number, code: string, message: string, extensions: Record<string, unknown> = {}): void {
  res.status(status).type("application/json").json({ errors: [{ message, extensions: { code, ...extensions } }] });
}

/** body-parser's error types, and how each is answered. */
const BODY_ERRORS: Record<string, { status: number; code: string; message: (limit: number) => string }> = {
  "entity.parse.failed": { status: 400, code: "BAD_REQUEST", message: () => "The request body is not valid JSON." },
  "entity.too.large": {
    status: 413,
    code: "PAYLOAD_TOO_LARGE",
    message: (limit) => `The request body is larger than ${limit} bytes.`,
  },
  "encoding.unsupported": { status: 415, code: "UNSUPPORTED_MEDIA_TYPE", message: () => "Unsupported Content-Encoding." },
  "charset.unsupported": { status: 415, code: "UNSUPPORTED_MEDIA_TYPE", message: () => "Unsupported charset; send UTF-8 JSON." },
  "request.aborted": { status: 400, code: "BAD_REQUEST", message: () => "The request body was cut off." },
  "request.size.invalid": { status: 400, code: "BAD_REQUEST", message: () => "The request body does not match its Content-Length." },
};

/**
 * Express's last word on /graphql: malformed or oversized bodies get a 4xx GraphQL-shaped JSON answer
 * (never express's HTML page), and anything else that escapes is a masked 500 with the correlation id.
 * Every one is logged with the request id, status and code.
 */
export function jsonErrorHandler(logger: Logger, options: { production: boolean; maxBodyBytes: number }): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) return next(error);
    const requestId = res.locals.requestId as string;
    const known = BODY_ERRORS[(error as { type?: string }).type ?? ""];
    if (known) {
      logger.warn({ requestId, status: known.status, code: known.code }, "request refused");
      return sendError(res, known.status, known.code, known.message(options.maxBodyBytes));
    }
    logger.error({ requestId, status: 500, code: "INTERNAL_SERVER_ERROR", err: error }, "unexpected error");
    const masked = internalError(error instanceof Error ? error.message : String(error), requestId, options.production);
    sendError(res, 500, "INTERNAL_SERVER_ERROR", masked.message, { correlationId: requestId });
  };
}
