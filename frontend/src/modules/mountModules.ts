import type { PatchRoutesOnNavigationFunction } from "react-router";
import type { Structure } from "../api/structure";
import { MODULES } from "./registry";
import type { ModuleRegistry } from "./types";

/** Ids of the routes the modules' routes are mounted under (see routes.tsx). */
export const PARENT_ROUTES_ID = "parent-pages";
export const STAFF_ROUTES_ID = "staff-pages";
export const PUBLIC_ROUTES_ID = "open-pages";

/**
 * Pages of the core mounted the same way for every structure, so that their
 * route tables stay out of the entry chunk (the parents' home budget): the
 * back office's (mounted first: the others' staff pages go under its
 * STAFF_ROUTES_ID route) and the communication layer's (Messagerie,
 * Annonces, Actualités, Téléchargements…).
 */
export const CORE_ROUTES: ModuleRegistry = {
  staff: () => import("../pages/staff/routes").then((m) => ({ parentRoutes: m.staffRoutes })),
  communication: () => import("../pages/communication/routes").then((m) => m.communicationModule),
};

/**
 * React Router's `patchRoutesOnNavigation`: mounts the routes of the modules
 * the structure enabled, once. The router calls it when a path matches no
 * route or only a dynamic one (the generic /:moduleId page, the 404 route),
 * so a module's pages load on the first visit to one of them, and a path of
 * a disabled or unknown module keeps falling through to the generic page or
 * the 404. Until the structure is known no module is mounted (its own error
 * page shows), and the next navigation tries again; the core's pages
 * (CORE_ROUTES) are mounted first, whatever the structure.
 */
export function moduleRoutesPatcher(
  loadStructure: () => Promise<Pick<Structure, "modules">>,
  registry: ModuleRegistry = MODULES,
  core: ModuleRegistry = CORE_ROUTES,
): PatchRoutesOnNavigationFunction {
  const mounted = new Set<string>();
  return async ({ patch, signal }) => {
    // Mounts ids in order; false when the navigation was cancelled meanwhile.
    const mount = async (ids: string[], from: ModuleRegistry): Promise<boolean> => {
      for (const id of ids) {
        const load = from[id];
        if (!load || mounted.has(id)) continue;
        const module = await load();
        // `patch` ignores an aborted navigation's calls: mount on the next one.
        if (signal.aborted) return false;
        if (mounted.has(id)) continue; // mounted by a concurrent call meanwhile
        if (module.publicRoutes?.length) patch(PUBLIC_ROUTES_ID, module.publicRoutes);
        if (module.parentRoutes?.length) patch(PARENT_ROUTES_ID, module.parentRoutes);
        if (module.staffRoutes?.length) patch(STAFF_ROUTES_ID, module.staffRoutes);
        mounted.add(id);
      }
      return true;
    };
    // The core's pages do not depend on the structure's modules: mounted even while it
    // cannot be read.
    if (!(await mount(Object.keys(core), core))) return;
    let structure: Pick<Structure, "modules">;
    try {
      structure = await loadStructure();
    } catch {
      return;
    }
    await mount(
      structure.modules.map((m) => m.id),
      registry,
    );
  };
}
