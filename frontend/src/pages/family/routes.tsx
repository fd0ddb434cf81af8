import type { RouteObject } from "react-router";
import { lazyPage } from "../../routing/lazyPage";

const pages = () => import("./familyPages");
const billingPages = () => import("./billing/familyBillingPages");

/**
 * Parent routes of the family file (children of the authenticated app shell,
 * behind the consents gate). The paths are those of the backend's links.
 * Booking (inscriptions, planning, cart) is the périscolaire module's
 * (src/modules/periscolaire/).
 */
export const familyRoutes: RouteObject[] = [
  { path: "consentements", lazy: lazyPage(pages, "ConsentsPage") },
  { path: "mon-profil", lazy: lazyPage(pages, "ProfilePage") },
  { path: "mon-foyer", lazy: lazyPage(pages, "HouseholdPage") },
  { path: "mes-enfants", lazy: lazyPage(pages, "ChildrenPage") },
  { path: "mes-enfants/nouveau", lazy: lazyPage(pages, "ChildWizardPage") },
  { path: "mes-enfants/:childId", lazy: lazyPage(pages, "ChildPage") },
  { path: "mes-documents", lazy: lazyPage(pages, "DocumentsPage") },
  { path: "mes-editions", lazy: lazyPage(pages, "EditionsPage") },
  { path: "mes-demandes", lazy: lazyPage(pages, "RequestsPage") },
  // Facturation (invoices, statement, receipts, online payment).
  { path: "facturation", lazy: lazyPage(billingPages, "BillingPage") },
  { path: "facturation/factures/:invoiceId", lazy: lazyPage(billingPages, "InvoicePage") },
  { path: "facturation/paiement/:attemptId", lazy: lazyPage(billingPages, "PaymentResultPage") },
];

/** Public routes (sign-up, e-mail confirmation), children of the public layout. */
export const publicFamilyRoutes: RouteObject[] = [
  { path: "inscription", lazy: lazyPage(() => import("./SignupPage"), "SignupPage") },
  { path: "confirmer-email/:key", lazy: lazyPage(() => import("./ConfirmEmailPage"), "ConfirmEmailPage") },
];
