/**
 * Absences, pre-billing, Caf reports and settings (MONEY part): the families'
 * absences under /creche/absences, the staff screens under /gestion/creche.
 */
import type { RouteObject } from "react-router";
import { lazyPage } from "../../../routing/lazyPage";

const parentPages = () => import("./parent/moneyParentPages");
const staffPages = () => import("./staff/moneyStaffPages");

export const parentRoutes: RouteObject[] = [
  { path: "creche/absences", lazy: lazyPage(parentPages, "MyAbsencesPage") },
  { path: "creche/absences/nouvelle", lazy: lazyPage(parentPages, "NewAbsencePage") },
];

export const staffRoutes: RouteObject[] = [
  { path: "gestion/creche/absences", lazy: lazyPage(staffPages, "StaffAbsencesPage") },
  { path: "gestion/creche/prefacturation", lazy: lazyPage(staffPages, "PrebillingPage") },
  { path: "gestion/creche/rapports-caf", lazy: lazyPage(staffPages, "CafReportsPage") },
  { path: "gestion/creche/reglages", lazy: lazyPage(staffPages, "CrecheSettingsPage") },
];
