/**
 * Place requests and the commission (REQUESTS part): the families' requests
 * under /creche/demandes, the commission under /gestion/creche/demandes.
 */
import type { RouteObject } from "react-router";
import { lazyPage } from "../../../routing/lazyPage";

const parentPages = () => import("./requestsParentPages");
const staffPages = () => import("./staff/requestsStaffPages");

export const parentRoutes: RouteObject[] = [
  { path: "creche/demandes", lazy: lazyPage(parentPages, "MyRequestsPage") },
  { path: "creche/demandes/nouvelle", lazy: lazyPage(parentPages, "NewRequestPage") },
  { path: "creche/demandes/:requestId", lazy: lazyPage(parentPages, "RequestPage") },
];

export const staffRoutes: RouteObject[] = [
  { path: "gestion/creche/demandes", lazy: lazyPage(staffPages, "StaffRequestsPage") },
  { path: "gestion/creche/demandes/:requestId", lazy: lazyPage(staffPages, "StaffRequestPage") },
];
