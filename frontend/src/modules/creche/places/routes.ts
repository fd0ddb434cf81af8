import type { RouteObject } from "react-router";
import { lazyPage } from "../../../routing/lazyPage";

const parentPages = () => import("./placesParentPages");
const staffPages = () => import("./placesStaffPages");

export const parentRoutes: RouteObject[] = [
  { path: "creche/occasionnel", lazy: lazyPage(parentPages, "OccasionalPage") },
  { path: "creche/pointage", lazy: lazyPage(parentPages, "DoorPage") },
];

export const staffRoutes: RouteObject[] = [
  { path: "gestion/creche", lazy: lazyPage(staffPages, "BoardPage") },
  { path: "gestion/creche/pointage", lazy: lazyPage(staffPages, "PointagePage") },
  { path: "gestion/creche/occasionnel", lazy: lazyPage(staffPages, "OccasionalStaffPage") },
  { path: "gestion/creche/etablissements", lazy: lazyPage(staffPages, "EstablishmentsPage") },
  { path: "gestion/creche/etablissements/:id", lazy: lazyPage(staffPages, "EstablishmentPage") },
];
