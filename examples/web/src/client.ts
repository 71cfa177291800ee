import { Client, cacheExchange, fetchExchange, type CombinedError, type TypedDocumentNode } from "@urql/core";

export const gatewayUrl = import.meta.env.VITE_GATEWAY_URL || "http://localhost:4000/graphql";
const apiKey = import.meta.env.VITE_API_KEY ?? "";

export const client = new Client({
  url: gatewayUrl,
  exchanges: [cacheExchange, fetchExchange],
  // Every request carries this frontend's key. A custom header makes the browser ask the gateway first
  // (CORS preflight), which is also why the gateway accepts a GET from it (CSRF prevention).
  fetchOptions: { headers: { "x-api-key": apiKey } },
  // Queries go as GET (?documentId=…&variables=…), cacheable by URL; mutations as POST.
  preferGetMethod: "within-url-limit",
});

/**
 * The client preset's persisted documents (mode replaceDocumentWithHash) ship as `{ __meta__: { hash } }`
 * only, so no query text is in the bundle. urql sends a document that has a `documentId` and no
 * definitions as the GraphQL-over-HTTP `documentId`, and keys its cache by it.
 */
export function persisted<Result, Variables>(document: TypedDocumentNode<Result, Variables>): TypedDocumentNode<Result, Variables> {
  const id = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (!id) throw new Error("A document without its persisted id: run the codegen (npm run codegen) before building.");
  return Object.assign(document, { definitions: [], documentId: id });
}

/** A readable line for a failed request: the gateway's message and code, or the network failure. */
export function describeError(error: CombinedError): string {
  if (error.networkError) return `Network error: ${error.networkError.message}`;
  return error.graphQLErrors.map((e) => `${e.message} (${String(e.extensions.code ?? "ERROR")})`).join("; ");
}
