import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * Typed documents from the gateway's schema. The build keeps only each document's id (replaceDocumentWithHash)
 * and writes src/gql/persisted-documents.json, the manifest the gateway trusts (TRUSTED_DOCUMENTS).
 * Run from this folder: `npx graphql-codegen` (the repository's `npm run codegen` does it).
 */
const config: CodegenConfig = {
  // The committed schema file; a deployed gateway's URL works too (with introspection on and an X-Api-Key header).
  schema: "../../schema.graphql",
  // Operations live in .graphql files and the code imports the generated documents, so the bundle holds
  // ids only (a graphql(`...`) call would keep the query text in it as a lookup key).
  documents: ["src/**/*.graphql"],
  generates: {
    "src/gql/": {
      preset: "client",
      presetConfig: {
        fragmentMasking: false,
        persistedDocuments: { mode: "replaceDocumentWithHash", hashAlgorithm: "sha256" },
      },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        // Money is an exact decimal string and must stay one: never parse it into a float.
        scalars: { Decimal: "string", DateTime: "string" },
      },
    },
  },
  silent: true,
};

export default config;
