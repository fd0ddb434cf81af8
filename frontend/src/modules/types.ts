import type { ComponentType } from "react";
import type { RouteObject } from "react-router";

/**
 * What a module adds to the SPA. Its routes are mounted only for a structure
 * that enabled the module (see ./mountModules.ts); their paths are those of
 * the module's navigation entries on the backend.
 */
export interface SpaModule {
  /** Pages anyone may read, signed in or not (a public catalogue), in the app shell for a signed-in user. */
  publicRoutes?: RouteObject[];
  /** Parent pages, children of the authenticated shell behind the consents gate ("inscriptions"…). */
  parentRoutes?: RouteObject[];
  /** Back-office pages, inside the staff-only guard ("gestion/inscriptions"…). */
  staffRoutes?: RouteObject[];
  /** A section of the back office's home (/gestion), e.g. links to the module's screens. */
  StaffHomeSection?: ComponentType;
}

/** Module id (as in the structure's `modules`) → its SPA module, loaded on demand. */
export type ModuleRegistry = Readonly<Record<string, () => Promise<SpaModule>>>;
