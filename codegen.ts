import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * Typed documents for the black-box tests, generated from schema.graphql and test/operations:
 * the test suite is itself a GraphQL Code Generator client, like the frontends that use this API.
 */
const config: CodegenConfig = {
  schema: "schema.graphql",
  documents: ["test/operations/**/*.graphql"],
  generates: {
    "test/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { Decimal: "string", DateTime: "string", JSONObject: "Record<string, unknown>" },
      },
    },
  },
  // Generated imports must carry .js under NodeNext (STACK.md pitfall 10).
  importExtension: ".js",
  silent: true,
};

export default config;
