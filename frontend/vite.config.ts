/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";

// Django (runserver / gunicorn) for the dev proxy. The Host header is kept
// as-is (changeOrigin: false): the backend resolves the tenant from it.
const backend = process.env.MARELLE_BACKEND_URL ?? "http://127.0.0.1:8000";

export default defineConfig(({ command }) => ({
  // Built assets are served by Django/whitenoise under /static/. In dev the
  // SPA is served from the root so that deep links (/connexion…) work.
  base: command === "build" ? "/static/" : "/",
  plugins: [react()],
  server: {
    // Tenants are told apart by host name (e.g. saint-alban.localhost).
    allowedHosts: [".localhost", ...(process.env.MARELLE_DEV_HOSTS?.split(",") ?? [])],
    proxy: {
      "/api": { target: backend, changeOrigin: false },
      "/media": { target: backend, changeOrigin: false },
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
  },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["./src/test/setup.ts"],
    css: false,
    restoreMocks: true,
    unstubGlobals: true,
    // Under Node, "react-router" would load its CommonJS build but
    // "react-router/dom" its ESM one: two router contexts. Use the ESM build
    // for both.
    alias: [
      {
        find: /^react-router$/,
        replacement: fileURLToPath(new URL("./node_modules/react-router/dist/development/index.mjs", import.meta.url)),
      },
    ],
  },
}));
