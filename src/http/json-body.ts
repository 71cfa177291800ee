import express, { type Request, type RequestHandler, type Response } from "express";
import type { RequestState } from "../request-state.js";

export interface JsonBodyOptions {
  maxBodyBytes: number;
  maxImportBodyBytes: number;
  /** Whether the request's API key (from its headers) may run codesImport. */
  mayImport(req: Request): Promise<boolean>;
}

/**
 * The JSON body parser of /graphql. A body of up to MAX_BODY_BYTES is read for anyone. A larger one, or
 * one whose length is not declared, is read up to MAX_IMPORT_BODY_BYTES only when the API key in the
 * headers may run codesImport; that is checked before any of the body is read, so no anonymous client
 * can make the server parse 16 MiB. Which operation the body holds is checked later (bodySizeLimit).
 */
export function jsonBody(options: JsonBodyOptions): RequestHandler {
  // The size is kept for bodySizeLimit, which knows the operation and so which limit applies.
  const verify = (_req: unknown, res: unknown, buf: Buffer) => {
    ((res as Response).locals.state as RequestState).bodyBytes = buf.length;
  };
  const small = express.json({ limit: options.maxBodyBytes, verify });
  const large = express.json({ limit: options.maxImportBodyBytes, verify });
  return (req, res, next) => {
    const declared = req.get("content-length");
    if (declared !== undefined && Number(declared) <= options.maxBodyBytes) return small(req, res, next);
    options.mayImport(req).then(
      (allowed) => (allowed ? large : small)(req, res, next),
      // Without an answer about the key, the body gets the general limit; the request then meets the
      // same database trouble when its key is checked, and is answered for it.
      () => small(req, res, next),
    );
  };
}
