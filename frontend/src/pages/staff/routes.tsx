import type { RouteObject } from "react-router";
import { AccountsPage } from "./AccountsPage";
import { billingConfigRoute, billingStaffRoutes, familyBillingRoute } from "./billing/routes";
import { bookingConfigRoutes, bookingStaffRoutes } from "./booking/routes";
import { ChangeRequestsPage } from "./ChangeRequestsPage";
import { ConfigListPage, CONFIG_LISTS } from "./ConfigListPage";
import { ConfigurationLayout } from "./ConfigurationLayout";
import { DocumentsReviewPage } from "./DocumentsReviewPage";
import { DocumentTypesPage } from "./DocumentTypesPage";
import { FamiliesPage } from "./FamiliesPage";
import { FamilyCreatePage } from "./FamilyCreatePage";
import { FamilyDocumentsSection } from "./FamilyDocumentsSection";
import { FamilyFileLayout } from "./FamilyFileLayout";
import { FamilyGdprSection } from "./FamilyGdprSection";
import { FamilyHistorySection } from "./FamilyHistorySection";
import { ChildrenSection, GuardiansSection, HouseholdSection, MissingSection, QuotientSection, RequestsSection } from "./FamilySections";
import { FieldPoliciesPage } from "./FieldPoliciesPage";
import { SettingsPage } from "./SettingsPage";
import { StaffOnly } from "./StaffUi";
import "./staff.css";

/** Back-office routes under /gestion (children of the authenticated app shell). */
export const staffRoutes: RouteObject[] = [
  {
    element: <StaffOnly />,
    children: [
      { path: "gestion/comptes", element: <AccountsPage /> },
      { path: "gestion/demandes", element: <ChangeRequestsPage /> },
      { path: "gestion/documents", element: <DocumentsReviewPage /> },
      { path: "gestion/familles", element: <FamiliesPage /> },
      { path: "gestion/familles/nouvelle", element: <FamilyCreatePage /> },
      {
        path: "gestion/familles/:familyId",
        element: <FamilyFileLayout />,
        children: [
          { index: true, element: <HouseholdSection /> },
          { path: "responsables", element: <GuardiansSection /> },
          { path: "enfants", element: <ChildrenSection /> },
          { path: "quotient", element: <QuotientSection /> },
          { path: "documents", element: <FamilyDocumentsSection /> },
          { path: "demandes", element: <RequestsSection /> },
          { path: "manquant", element: <MissingSection /> },
          { path: "historique", element: <FamilyHistorySection /> },
          familyBillingRoute,
          { path: "rgpd", element: <FamilyGdprSection /> },
        ],
      },
      ...bookingStaffRoutes,
      ...billingStaffRoutes,
      {
        path: "gestion/configuration",
        element: <ConfigurationLayout />,
        children: [
          { index: true, element: <SettingsPage /> },
          { path: "regles-de-saisie", element: <FieldPoliciesPage /> },
          ...Object.entries(CONFIG_LISTS).map(([path, spec]) => ({ path, element: <ConfigListPage spec={spec} /> })),
          { path: "types-de-documents", element: <DocumentTypesPage /> },
          ...bookingConfigRoutes,
          billingConfigRoute,
        ],
      },
    ],
  },
];
