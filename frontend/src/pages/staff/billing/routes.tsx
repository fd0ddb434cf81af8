import type { RouteObject } from "react-router";
import { BillingLayout } from "./BillingLayout";
import { BillingSettingsPage } from "./BillingSettingsPage";
import { ExportsPage } from "./ExportsPage";
import { FamilyBillingSection } from "./FamilyBillingSection";
import { InvoicePage } from "./InvoicePage";
import { InvoicesPage } from "./InvoicesPage";
import { OnlinePaymentPage } from "./OnlinePaymentPage";
import { PaymentNewPage } from "./PaymentNewPage";
import { PaymentsPage } from "./PaymentsPage";
import { RunPage } from "./RunPage";
import { RunsPage } from "./RunsPage";
import { SepaPage } from "./SepaPage";
import "./billing.css";

/** Billing screens under /gestion (inside StaffOnly). */
export const billingStaffRoutes: RouteObject[] = [
  {
    path: "gestion/facturation",
    element: <BillingLayout />,
    children: [
      { index: true, element: <RunsPage /> },
      { path: "factures", element: <InvoicesPage /> },
      { path: "reglements", element: <PaymentsPage /> },
      { path: "prelevements", element: <SepaPage /> },
      { path: "exports", element: <ExportsPage /> },
      { path: "paiement-en-ligne", element: <OnlinePaymentPage /> },
    ],
  },
  { path: "gestion/facturation/runs/:runId", element: <RunPage /> },
  { path: "gestion/facturation/factures/:invoiceId", element: <InvoicePage /> },
  { path: "gestion/facturation/reglements/nouveau", element: <PaymentNewPage /> },
];

/** The family file's « Facturation » section (child of /gestion/familles/:familyId). */
export const familyBillingRoute: RouteObject = { path: "facturation", element: <FamilyBillingSection /> };

/** Configuration › Facturation (child of /gestion/configuration). */
export const billingConfigRoute: RouteObject = { path: "facturation", element: <BillingSettingsPage /> };
