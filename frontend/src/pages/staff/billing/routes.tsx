import type { RouteObject } from "react-router";
import { lazyPage } from "../../../routing/lazyPage";

const pages = () => import("./staffBillingPages");

/** Billing screens under /gestion (inside StaffOnly). */
export const billingStaffRoutes: RouteObject[] = [
  {
    path: "gestion/facturation",
    lazy: lazyPage(pages, "BillingLayout"),
    children: [
      { index: true, lazy: lazyPage(pages, "RunsPage") },
      { path: "factures", lazy: lazyPage(pages, "InvoicesPage") },
      { path: "reglements", lazy: lazyPage(pages, "PaymentsPage") },
      { path: "prelevements", lazy: lazyPage(pages, "SepaPage") },
      { path: "exports", lazy: lazyPage(pages, "ExportsPage") },
      { path: "paiement-en-ligne", lazy: lazyPage(pages, "OnlinePaymentPage") },
    ],
  },
  { path: "gestion/facturation/runs/:runId", lazy: lazyPage(pages, "RunPage") },
  { path: "gestion/facturation/factures/:invoiceId", lazy: lazyPage(pages, "InvoicePage") },
  { path: "gestion/facturation/reglements/nouveau", lazy: lazyPage(pages, "PaymentNewPage") },
];

/** The family file's « Facturation » section (child of /gestion/familles/:familyId). */
export const familyBillingRoute: RouteObject = { path: "facturation", lazy: lazyPage(pages, "FamilyBillingSection") };

/** Configuration › Facturation (child of /gestion/configuration). */
export const billingConfigRoute: RouteObject = { path: "facturation", lazy: lazyPage(pages, "BillingSettingsPage") };
