import { readFileSync } from "node:fs";
import type { HTTPGraphQLRequest } from "@apollo/server";
import { GraphQLError } from "graphql";
import { mayDo, Permission } from "../auth.js";
import { ConfigError, type Config } from "../config.js";
import type { ApiKeyIdentity } from "../modules/api-key/api-key.service.js";

/** Documents by id (without a `sha256:` prefix), from the client preset's persisted-documents.json files. */
export type Manifest = Map<string, string>;

/**
 * The client preset writes ids as "sha256:<hex>" and sends them so as `documentId`; Apollo's
 * persistedQuery extension carries the bare hex. Both name the same document.
 */
function normalizeId(id: string): string {
  return id.startsWith("sha256:") ? id.slice("sha256:".length) : id;
}

/** Why a request's document may not run; `bypassable` when an unconfined ADMIN key may run it anyway. */
interface Refusal {
  code: "PERSISTED_QUERY_NOT_FOUND" | "PERSISTED_QUERY_NOT_TRUSTED";
  message: string;
  bypassable: boolean;
}

/** The document fields of a GraphQL-over-HTTP request, from a POST body or GET search parameters. */
interface DocumentFields {
  documentId?: unknown;
  query?: unknown;
  extensions?: unknown;
}

export interface TrustedDocuments {
  /** Before Apollo sees the request (its body parsed): replaces a known id by the manifest's document text. */
  resolve(request: HTTPGraphQLRequest): void;
  /** After authentication: the error for a document that may not run with this key, else undefined. */
  refusal(request: HTTPGraphQLRequest, key: ApiKeyIdentity): GraphQLError | undefined;
}

/**
 * Trusted documents (a persisted-query safelist). With TRUSTED_DOCUMENTS set, a request names its document
 * by `documentId` or `extensions.persistedQuery.sha256Hash` (GET or POST), and the gateway runs the text
 * from the manifests; a query text runs only when it is exactly one of them. The id is resolved before
 * Apollo sees the request; the refusal waits until the API key is known, for the ADMIN bypass.
 */
export function trustedDocuments(config: Pick<Config, "TRUSTED_DOCUMENTS" | "TRUSTED_DOCUMENTS_ADMIN_BYPASS">): TrustedDocuments {
  if (!config.TRUSTED_DOCUMENTS) return { resolve: () => {}, refusal: () => undefined };
  const manifest = loadManifests(config.TRUSTED_DOCUMENTS);
  const texts = new Set(manifest.values());
  const refusals = new WeakMap<HTTPGraphQLRequest, Refusal>();

  /** The manifest's text for the request's id, or the refusal; nothing to do for a request without a document. */
  const judge = (fields: DocumentFields): { text: string } | Refusal | undefined => {
    const id = typeof fields.documentId === "string" ? fields.documentId : persistedQueryHash(fields.extensions);
    if (id !== undefined) {
      const text = manifest.get(normalizeId(id));
      if (text !== undefined) return { text };
      return {
        code: "PERSISTED_QUERY_NOT_FOUND",
        message: `Document ${JSON.stringify(id.slice(0, 100))} is not one of this gateway's trusted documents: build the client against the manifest the gateway runs with.`,
        // Apollo can answer an unknown hash from its automatic persisted queries; it knows nothing of documentId.
        bypassable: fields.documentId === undefined,
      };
    }
    if (fields.query === undefined) return undefined;
    if (typeof fields.query === "string" && texts.has(fields.query)) return undefined;
    return {
      code: "PERSISTED_QUERY_NOT_TRUSTED",
      message: "Only trusted documents run on this gateway: send the documentId (or extensions.persistedQuery.sha256Hash) of a document from its manifest, not a query text.",
      bypassable: true,
    };
  };

  return {
    resolve(request) {
      if (request.method === "GET") {
        const params = new URLSearchParams(request.search);
        const verdict = judge({ documentId: params.get("documentId") ?? undefined, query: params.get("query") ?? undefined, extensions: parseJson(params.get("extensions")) });
        if (verdict && "text" in verdict) {
          params.delete("documentId");
          params.set("query", verdict.text);
          const extensions = withoutPersistedQuery(parseJson(params.get("extensions")));
          if (extensions) params.set("extensions", JSON.stringify(extensions));
          request.search = `?${params}`;
        } else if (verdict) {
          refusals.set(request, verdict);
        }
      } else if (isRecord(request.body)) {
        const verdict = judge(request.body);
        if (verdict && "text" in verdict) {
          const { documentId: _id, extensions, ...rest } = request.body;
          const kept = withoutPersistedQuery(extensions);
          request.body = { ...rest, query: verdict.text, ...(kept && { extensions: kept }) };
        } else if (verdict) {
          refusals.set(request, verdict);
        }
      } else if (Array.isArray(request.body)) {
        refusals.set(request, { code: "PERSISTED_QUERY_NOT_TRUSTED", message: "Batched requests cannot run trusted documents: send one operation per request.", bypassable: true });
      }
    },
    refusal(request, key) {
      const refusal = refusals.get(request);
      if (!refusal) return undefined;
      if (refusal.bypassable && config.TRUSTED_DOCUMENTS_ADMIN_BYPASS && mayDo(key, Permission.GLOBAL)) return undefined;
      return new GraphQLError(refusal.message, { extensions: { code: refusal.code, http: { status: 400 } } });
    },
  };
}

/** Reads and merges the manifests; a file that is missing, malformed or contradicts another stops the start. */
export function loadManifests(paths: string[]): Manifest {
  const manifest: Manifest = new Map();
  for (const path of paths) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, "utf8"));
    } catch (error) {
      throw new ConfigError(`Invalid configuration:\n  TRUSTED_DOCUMENTS: cannot read ${path}: ${(error as Error).message}`);
    }
    const entries = isRecord(parsed) ? Object.entries(parsed) : [];
    if (entries.length === 0 || entries.some(([, text]) => typeof text !== "string" || text.trim() === "")) {
      throw new ConfigError(`Invalid configuration:\n  TRUSTED_DOCUMENTS: ${path} is not a persisted-documents manifest (a JSON object of id -> document text, not empty)`);
    }
    for (const [id, text] of entries as [string, string][]) {
      const key = normalizeId(id);
      if (manifest.has(key) && manifest.get(key) !== text) {
        throw new ConfigError(`Invalid configuration:\n  TRUSTED_DOCUMENTS: ${path} gives document ${id} another text than an earlier manifest`);
      }
      manifest.set(key, text);
    }
  }
  return manifest;
}

function persistedQueryHash(extensions: unknown): string | undefined {
  if (!isRecord(extensions) || !isRecord(extensions.persistedQuery)) return undefined;
  const hash = extensions.persistedQuery.sha256Hash;
  return typeof hash === "string" ? hash : undefined;
}

/** The extensions minus persistedQuery, which would make Apollo look the hash up in its own cache. */
function withoutPersistedQuery(extensions: unknown): Record<string, unknown> | undefined {
  if (!isRecord(extensions)) return undefined;
  const { persistedQuery: _pq, ...rest } = extensions;
  return rest;
}

function parseJson(value: string | null): unknown {
  if (value === null) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
