import type { RouteObject } from "react-router";

export const parentRoutes: RouteObject[] = [];
export const staffRoutes: RouteObject[] = [];
