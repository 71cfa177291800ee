import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One graphql instance for src (ESM) and deps (CJS), else "another module or realm" errors (STACK.md pitfall 2).
    alias: { graphql: require.resolve("graphql") },
  },
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/support/setup.ts"],
    // Each file starts its own server and database; an embedded PGlite cold start takes ~3 s.
    hookTimeout: 60_000,
    testTimeout: 30_000,
    // Bundled by vitest, so its `graphql` import takes the alias above: the same GraphQLError class as src.
    server: { deps: { inline: ["graphql-jit"] } },
  },
});
