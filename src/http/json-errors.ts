import type { ServerResponse } from "node:http";

/** Writes a JSON answer whole: status, content type and length, body. */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.statusCode = status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.setHeader("content-length", Buffer.byteLength(body));
  res.end(body);
}

/** A GraphQL-shaped error answer (`{"errors":[…]}`), for requests refused before GraphQL runs. */
export function sendError(res: ServerResponse, status: number, code: string, message: string, extensions: Record<string, unknown> = {}): void {
  sendJson(res, status, { errors: [{ message, extensions: { code, ...extensions } }] });
}

/** How a body that could not be read is answered. */
export interface BodyRefusal {
  status: number;
  code: string;
  message: string;
}

/** body-parser's error types, and how each is answered. */
const BODY_ERRORS: Record<string, { status: number; code: string; message: (limit: number | undefined) => string }> = {
  "entity.parse.failed": { status: 400, code: "BAD_REQUEST", message: () => "The request body is not valid JSON." },
  "entity.too.large": {
    status: 413,
    code: "PAYLOAD_TOO_LARGE",
    message: (limit) => `The request body is larger than ${limit} bytes (MAX_BODY_BYTES; MAX_IMPORT_BODY_BYTES for codesImport by a key that may run it).`,
  },
  "encoding.unsupported": { status: 415, code: "UNSUPPORTED_MEDIA_TYPE", message: () => "Unsupported Content-Encoding." },
  "charset.unsupported": { status: 415, code: "UNSUPPORTED_MEDIA_TYPE", message: () => "Unsupported charset; send UTF-8 JSON." },
  "request.aborted": { status: 400, code: "BAD_REQUEST", message: () => "The request body was cut off." },
  "request.size.invalid": { status: 400, code: "BAD_REQUEST", message: () => "The request body does not match its Content-Length." },
};

/** The 4xx answer for a body-parser error (malformed, oversized, cut off, unsupported encoding); undefined for anything else. */
export function bodyRefusal(error: unknown): BodyRefusal | undefined {
  const known = BODY_ERRORS[(error as { type?: string } | null)?.type ?? ""];
  return known && { status: known.status, code: known.code, message: known.message((error as { limit?: number }).limit) };
}
