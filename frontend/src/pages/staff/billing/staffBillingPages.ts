/** The billing back office's pages (one chunk, loaded on the first visit to one of them). */
export { BillingLayout } from "./BillingLayout";
export { BillingSettingsPage } from "./BillingSettingsPage";
export { ExportsPage } from "./ExportsPage";
export { FamilyBillingSection } from "./FamilyBillingSection";
export { InvoicePage } from "./InvoicePage";
export { InvoicesPage } from "./InvoicesPage";
export { OnlinePaymentPage } from "./OnlinePaymentPage";
export { PaymentNewPage } from "./PaymentNewPage";
export { PaymentsPage } from "./PaymentsPage";
export { RunPage } from "./RunPage";
export { RunsPage } from "./RunsPage";
export { SepaPage } from "./SepaPage";
