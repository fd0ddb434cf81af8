/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";

// Django (runserver / gunicorn) for the dev proxy. The Host header is kept
// as-is (changeOrigin: false): the backend resolves the tenant from it.
const backend = process.env.MARELLE_BACKEND_URL ?? "http://127.0.0.1:8000";

const nodeModule = (path: string) => fileURLToPath(new URL(`./node_modules/${path}`, import.meta.url));

export default defineConfig(({ command }) => ({
  // React Router's package exports only its development build (dev warnings
  // kept); the build takes the production one it also ships (both entries
  // share one chunk, hence one router context).
  resolve:
    command === "build"
      ? {
          alias: [
            { find: /^react-router$/, replacement: nodeModule("react-router/dist/production/index.mjs") },
            { find: /^react-router\/dom$/, replacement: nodeModule("react-router/dist/production/dom-export.mjs") },
          ],
        }
      : {},
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
    // dist/.vite/manifest.json: which chunks the entry and each lazy route load
    // (read by scripts/check-bundle-budget.mjs).
    manifest: true,
    // Browsers without <link rel="modulepreload"> (Safari < 17) still load the
    // lazy chunks, without preloading: not worth 0.3 kB on every page.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Everything the entry imports statically (React, the router,
          // TanStack Query, the shell, the parents' home) in one chunk: one
          // request, and it compresses better than the small shared chunks
          // the bundler would make. The lazy routes are split as usual.
          groups: [{ name: "app", tags: ["$initial"] }],
        },
      },
    },
  },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["./src/test/setup.ts"],
    css: false,
    restoreMocks: true,
    // See src/test/setup.ts (asyncUtilTimeout): lazy pages load on first use.
    testTimeout: 20_000,
    unstubGlobals: true,
    // Under Node, "react-router" would load its CommonJS build but
    // "react-router/dom" its ESM one: two router contexts. Use the ESM build
    // for both.
    alias: [
      { find: /^react-router$/, replacement: nodeModule("react-router/dist/development/index.mjs") },
    ],
  },
}));
