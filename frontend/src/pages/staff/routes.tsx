import type { RouteObject } from "react-router";
import { STAFF_ROUTES_ID } from "../../modules/mountModules";
import { lazyPage } from "../../routing/lazyPage";
import { billingConfigRoute, billingStaffRoutes, familyBillingRoute } from "./billing/routes";
import { bookingConfigRoutes } from "./booking/routes";
import { CONFIG_LIST_KEYS } from "./configListKeys";
import { StaffOnly } from "./StaffOnly";
import { messagingConfigRoute } from "../communication/messaging/routes";

const pages = () => import("./staffPages");

/**
 * Back-office routes under /gestion (children of the authenticated app shell).
 * The modules' staff routes are mounted under the StaffOnly route (its id).
 */
export const staffRoutes: RouteObject[] = [
  {
    id: STAFF_ROUTES_ID,
    element: <StaffOnly />,
    children: [
      { path: "gestion/comptes", lazy: lazyPage(pages, "AccountsPage") },
      { path: "gestion/demandes", lazy: lazyPage(pages, "ChangeRequestsPage") },
      { path: "gestion/documents", lazy: lazyPage(pages, "DocumentsReviewPage") },
      { path: "gestion/familles", lazy: lazyPage(pages, "FamiliesPage") },
      { path: "gestion/familles/nouvelle", lazy: lazyPage(pages, "FamilyCreatePage") },
      {
        path: "gestion/familles/:familyId",
        lazy: lazyPage(pages, "FamilyFileLayout"),
        children: [
          { index: true, lazy: lazyPage(pages, "HouseholdSection") },
          { path: "responsables", lazy: lazyPage(pages, "GuardiansSection") },
          { path: "enfants", lazy: lazyPage(pages, "ChildrenSection") },
          { path: "quotient", lazy: lazyPage(pages, "QuotientSection") },
          { path: "documents", lazy: lazyPage(pages, "FamilyDocumentsSection") },
          { path: "demandes", lazy: lazyPage(pages, "RequestsSection") },
          { path: "manquant", lazy: lazyPage(pages, "MissingSection") },
          { path: "historique", lazy: lazyPage(pages, "FamilyHistorySection") },
          familyBillingRoute,
          { path: "rgpd", lazy: lazyPage(pages, "FamilyGdprSection") },
        ],
      },
      ...billingStaffRoutes,
      {
        path: "gestion/configuration",
        lazy: lazyPage(pages, "ConfigurationLayout"),
        children: [
          { index: true, lazy: lazyPage(pages, "SettingsPage") },
          { path: "regles-de-saisie", lazy: lazyPage(pages, "FieldPoliciesPage") },
          ...CONFIG_LIST_KEYS.map((path) => ({
            path,
            lazy: async () => {
              const { ConfigListPage, CONFIG_LISTS } = await pages();
              return { element: <ConfigListPage spec={CONFIG_LISTS[path]} /> };
            },
          })),
          { path: "types-de-documents", lazy: lazyPage(pages, "DocumentTypesPage") },
          ...bookingConfigRoutes,
          billingConfigRoute,
          messagingConfigRoute,
        ],
      },
    ],
  },
];
