import { defineConfig } from "drizzle-kit";

// Generation only needs the schema; the same SQL files are applied on PGlite and on Postgres at start.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema.ts",
  out: "./drizzle",
});
