/**
 * What a parent downloads to see the home page, from Vite's build manifest
 * (dist/.vite/manifest.json, `build.manifest`): the entry chunk, every chunk
 * it imports statically, and the chunks the parent home route loads lazily
 * with their own static imports. Sizes are gzipped, as the server sends them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

/**
 * The parent home route's modules (src/routes.tsx, index route). While they
 * are in the entry chunk they are no manifest key and count with it; made
 * lazy, their chunks (and the chunks those import) are added.
 */
export const HOME_ROUTE_MODULES = ["src/pages/HomePage.tsx", "src/pages/ParentHomePage.tsx"];

/** The budget, in kB (1 kB = 1000 bytes, as Vite reports sizes). */
export const BUDGET_KB = 120;

/** The JavaScript files (dist-relative) of the given manifest keys and of their static imports. */
export function staticClosure(manifest, keys) {
  const files = new Set();
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`« ${key} » n'est pas dans le manifeste de Vite.`);
    if (chunk.file.endsWith(".js")) files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return [...files];
}

/** The manifest key of the HTML entry. */
export function entryKey(manifest) {
  const key = Object.keys(manifest).find((k) => manifest[k].isEntry);
  if (!key) throw new Error("Aucun point d'entrée dans le manifeste de Vite.");
  return key;
}

/** Gzipped size in bytes, at level 9 as whitenoise precompresses the static files (Vite reports level 6). */
export function gzipSize(content) {
  return gzipSync(content, { level: 9 }).length;
}

/** The parent home's files with their gzipped size, and the total. */
export function measureParentHome(distDir, homeModules = HOME_ROUTE_MODULES) {
  const manifest = JSON.parse(readFileSync(join(distDir, ".vite", "manifest.json"), "utf-8"));
  const lazyHome = homeModules.filter((key) => key in manifest);
  const files = staticClosure(manifest, [entryKey(manifest), ...lazyHome]);
  const sizes = files.map((file) => ({ file, gzip: gzipSize(readFileSync(join(distDir, file))) }));
  sizes.sort((a, b) => b.gzip - a.gzip);
  return { sizes, total: sizes.reduce((sum, s) => sum + s.gzip, 0) };
}
