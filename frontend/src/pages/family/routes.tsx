import type { RouteObject } from "react-router";
import "../../styles/family.css";
import "./booking/booking.css";
import "./booking/planning.css";
import "./billing/billing.css";
import { BillingPage } from "./billing/BillingPage";
import { InvoicePage } from "./billing/InvoicePage";
import { PaymentResultPage } from "./billing/PaymentResultPage";
import { CartPage } from "./booking/CartPage";
import { ConfirmationPage } from "./booking/ConfirmationPage";
import { EnrolmentsPage } from "./booking/EnrolmentsPage";
import { PlanningPage } from "./booking/PlanningPage";
import { ChildPage } from "./ChildPage";
import { ChildrenPage } from "./ChildrenPage";
import { ChildWizardPage } from "./ChildWizardPage";
import { ConfirmEmailPage } from "./ConfirmEmailPage";
import { ConsentsPage } from "./ConsentsPage";
import { DocumentsPage } from "./DocumentsPage";
import { EditionsPage } from "./EditionsPage";
import { HouseholdPage } from "./HouseholdPage";
import { ProfilePage } from "./ProfilePage";
import { RequestsPage } from "./RequestsPage";
import { SignupPage } from "./SignupPage";

/**
 * Parent routes of the family file (children of the authenticated app shell,
 * behind the consents gate). The paths are those of the backend's links.
 */
export const familyRoutes: RouteObject[] = [
  { path: "consentements", element: <ConsentsPage /> },
  { path: "mon-profil", element: <ProfilePage /> },
  { path: "mon-foyer", element: <HouseholdPage /> },
  { path: "mes-enfants", element: <ChildrenPage /> },
  { path: "mes-enfants/nouveau", element: <ChildWizardPage /> },
  { path: "mes-enfants/:childId", element: <ChildPage /> },
  { path: "mes-documents", element: <DocumentsPage /> },
  { path: "mes-editions", element: <EditionsPage /> },
  { path: "mes-demandes", element: <RequestsPage /> },
  // Booking (inscriptions, planning, cart).
  { path: "inscriptions", element: <EnrolmentsPage /> },
  { path: "planning", element: <PlanningPage /> },
  { path: "panier", element: <CartPage /> },
  { path: "panier/confirmation", element: <ConfirmationPage /> },
  // Facturation (invoices, statement, receipts, online payment).
  { path: "facturation", element: <BillingPage /> },
  { path: "facturation/factures/:invoiceId", element: <InvoicePage /> },
  { path: "facturation/paiement/:attemptId", element: <PaymentResultPage /> },
];

/** Public routes (sign-up, e-mail confirmation), children of the public layout. */
export const publicFamilyRoutes: RouteObject[] = [
  { path: "inscription", element: <SignupPage /> },
  { path: "confirmer-email/:key", element: <ConfirmEmailPage /> },
];
