import type { RouteObject } from "react-router";

/** Back-office routes under /gestion (children of the authenticated app shell). */
export const staffRoutes: RouteObject[] = [];
