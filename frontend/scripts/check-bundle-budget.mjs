#!/usr/bin/env node
/**
 * Fails the build (exit 1) when the JavaScript a parent downloads for the
 * home page is over budget. Run after `vite build` (npm run build does).
 */
import { fileURLToPath } from "node:url";
import { BUDGET_KB, measureParentHome } from "./bundle-budget.mjs";

const dist = fileURLToPath(new URL("../dist", import.meta.url));
const kb = (bytes) => (bytes / 1000).toFixed(2);

const { sizes, total } = measureParentHome(dist);
for (const { file, gzip } of sizes) console.log(`  ${kb(gzip).padStart(8)} kB  ${file}`);
console.log(`JavaScript de l'accueil parent : ${kb(total)} kB gzip (budget ${BUDGET_KB} kB).`);
if (total > BUDGET_KB * 1000) {
  console.error(
    `Budget dépassé de ${kb(total - BUDGET_KB * 1000)} kB : chargez les écrans lourds à la demande (lazy dans src/routes.tsx) plutôt que depuis le point d'entrée.`,
  );
  process.exit(1);
}
