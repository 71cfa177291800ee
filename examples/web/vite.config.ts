import { defineConfig } from "vite";

export default defineConfig({
  // The dev server's origin, http://localhost:5173, is the one to list in the gateway's CORS_ORIGINS.
  server: { port: 5173, strictPort: true },
  build: { target: "es2022" },
});
