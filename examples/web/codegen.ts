import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * Typed documents from the gateway's schema, each carrying its id (`__meta__.hash`), and
 * src/gql/persisted-documents.json: the manifest the gateway trusts (TRUSTED_DOCUMENTS).
 * Run from this folder: `npx graphql-codegen` (the repository's `npm run codegen` does it).
 */
const config: CodegenConfig = {
  // The committed schema file; a deployed gateway's URL works too (with introspection on and an X-Api-Key header).
  schema: "../../schema.graphql",
  documents: ["src/**/*.graphql"],
  generates: {
    "src/gql/": {
      preset: "client",
      presetConfig: {
        fragmentMasking: false,
        // embedHashInDocument keeps the document beside its id: urql needs its operation type and name.
        // Only the id goes over the wire (see src/client.ts).
        persistedDocuments: { mode: "embedHashInDocument", hashAlgorithm: "sha256" },
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
