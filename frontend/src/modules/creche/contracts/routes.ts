/**
 * Contracts, avenants and signature (CONTRACTS part): the family's crèche home
 * (/creche) and its contracts (/creche/contrats/:id); the staff's contracts
 * under /gestion/creche/contrats.
 */
import type { RouteObject } from "react-router";
import { lazyPage } from "../../../routing/lazyPage";

const parentPages = () => import("./contractsParentPages");
const staffPages = () => import("./contractsStaffPages");

export const parentRoutes: RouteObject[] = [
  { path: "creche", lazy: lazyPage(parentPages, "CrecheHomePage") },
  { path: "creche/contrats/:contractId", lazy: lazyPage(parentPages, "MyContractPage") },
];

export const staffRoutes: RouteObject[] = [
  { path: "gestion/creche/contrats", lazy: lazyPage(staffPages, "StaffContractsPage") },
  { path: "gestion/creche/contrats/nouveau", lazy: lazyPage(staffPages, "ContractFormPage") },
  { path: "gestion/creche/contrats/:contractId", lazy: lazyPage(staffPages, "StaffContractPage") },
  { path: "gestion/creche/contrats/:contractId/modifier", lazy: lazyPage(staffPages, "ContractFormPage") },
];
