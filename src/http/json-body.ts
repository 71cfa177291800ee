import type { IncomingMessage, ServerResponse } from "node:http";
import bodyParser from "body-parser";

export interface JsonBodyOptions {
  maxBodyBytes: number;
  maxImportBodyBytes: number;
  /** Whether the request's API key (from its headers) may run codesImport. */
  mayImport(req: IncomingMessage): Promise<boolean>;
}

/** A request body as read: the parsed JSON (undefined for GET or another content type) and its size. */
export interface JsonBody {
  value: unknown;
  bytes: number;
}

/**
 * The JSON body reader of /graphql. A body of up to MAX_BODY_BYTES is read for anyone. A larger one, or
 * one whose length is not declared, is read up to MAX_IMPORT_BODY_BYTES only when the API key in the
 * headers may run codesImport; that is checked before any of the body is read, so no anonymous client
 * can make the server parse 16 MiB. Which operation the body holds is checked later (bodySizeLimit).
 * Rejects with body-parser's error (see bodyRefusal) when the body cannot be read.
 */
export function jsonBodyReader(options: JsonBodyOptions): (req: IncomingMessage, res: ServerResponse) => Promise<JsonBody> {
  // body-parser reports the size only to `verify`, which sees the request: kept here until read.
  const sizes = new WeakMap<IncomingMessage, number>();
  const verify = (req: IncomingMessage, _res: ServerResponse, buf: Buffer) => {
    sizes.set(req, buf.length);
  };
  const small = bodyParser.json({ limit: options.maxBodyBytes, verify });
  const large = bodyParser.json({ limit: options.maxImportBodyBytes, verify });
  const read = (parser: typeof small, req: IncomingMessage, res: ServerResponse) =>
    new Promise<JsonBody>((resolve, reject) => {
      parser(req, res, (error?: unknown) => (error ? reject(error) : resolve({ value: (req as { body?: unknown }).body, bytes: sizes.get(req) ?? 0 })));
    });
  return async (req, res) => {
    const declared = req.headers["content-length"];
    if (declared !== undefined && Number(declared) <= options.maxBodyBytes) return read(small, req, res);
    // Without an answer about the key, the body gets the general limit; the request then meets the
    // same database trouble when its key is checked, and is answered for it.
    const allowed = await options.mayImport(req).catch(() => false);
    return read(allowed ? large : small, req, res);
  };
}
