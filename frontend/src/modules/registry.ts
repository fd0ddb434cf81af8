import type { ModuleRegistry } from "./types";

/**
 * The modules that have pages of their own, by module id. Each entry is a
 * dynamic import: a module's code is a separate chunk, fetched only when the
 * structure has enabled it. A module without an entry keeps the generic
 * information page (/:moduleId, pages/ModulePage.tsx).
 */
export const MODULES: ModuleRegistry = {
  periscolaire: () => import("./periscolaire"),
  sejours: () => import("./sejours"),
  creche: () => import("./creche"),
};
