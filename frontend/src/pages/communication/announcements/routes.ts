import type { RouteObject } from "react-router";

/** Parent pages of this part (children of the authenticated shell, behind the consents gate). */
export const familyRoutes: RouteObject[] = [];
/** Staff pages of this part (children of the StaffOnly route, under /gestion/…). */
export const staffRoutes: RouteObject[] = [];
/** Pages anyone may open without signing in (public layout). */
export const publicRoutes: RouteObject[] = [];
