import { Client, fetchExchange, type CombinedError } from "@urql/core";
import { persistedExchange } from "@urql/exchange-persisted";

export const gatewayUrl = import.meta.env.VITE_GATEWAY_URL || "http://localhost:4000/graphql";
const apiKey = import.meta.env.VITE_API_KEY ?? "";

export const client = new Client({
  url: gatewayUrl,
  exchanges: [
    // Sends each operation as its id only (extensions.persistedQuery.sha256Hash), never its text: the
    // gateway runs the document of that id from its manifest. Queries go as GET, mutations as POST.
    // No cacheExchange: its invalidation reads __typename fields it adds to documents, and a trusted
    // document runs exactly as written.
    persistedExchange({
      enforcePersistedQueries: true,
      enableForMutation: true,
      generateHash: async (_text, document) => documentId(document).replace(/^sha256:/, ""),
    }),
    fetchExchange,
  ],
  // Every request carries this frontend's key. A custom header makes the browser ask the gateway first
  // (CORS preflight), which is also why the gateway accepts a GET from it (CSRF prevention).
  fetchOptions: { headers: { "x-api-key": apiKey } },
});

/** The id codegen gave a document (client preset, persistedDocuments). */
function documentId(document: object): string {
  const id = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (!id) throw new Error("A document without its persisted id: run the codegen (npm run codegen) before building.");
  return id;
}

/** A readable line for a failed request: the gateway's message and code, or the network failure. */
export function describeError(error: CombinedError): string {
  if (error.networkError) return `Network error: ${error.networkError.message}`;
  return error.graphQLErrors.map((e) => `${e.message} (${String(e.extensions.code ?? "ERROR")})`).join("; ");
}
