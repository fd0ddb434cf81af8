import type { RouteObject } from "react-router";
import { lazyPage } from "../../../routing/lazyPage";

const pages = () => import("./bookingConfigPages");

/**
 * Booking configuration pages (children of /gestion/configuration). They set
 * up the core's booking engine, whichever module uses it; the modules' own
 * screens (queues, occupancy, attendance) are in src/modules/.
 */
export const bookingConfigRoutes: RouteObject[] = [
  { path: "activites", lazy: lazyPage(pages, "ActivitiesPage") },
  { path: "delais", lazy: lazyPage(pages, "PoliciesPage") },
  { path: "fermetures", lazy: lazyPage(pages, "ClosuresPage") },
  { path: "tarifs", lazy: lazyPage(pages, "TariffsPage") },
  { path: "legende", lazy: lazyPage(pages, "LegendPage") },
];
