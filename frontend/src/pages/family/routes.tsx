import type { RouteObject } from "react-router";

/** Parent routes of the family file (children of the authenticated app shell). */
export const familyRoutes: RouteObject[] = [];

/** Public routes (sign-up, e-mail confirmation), children of the public layout. */
export const publicFamilyRoutes: RouteObject[] = [];
