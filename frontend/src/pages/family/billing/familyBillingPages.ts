/** The parents' billing pages (one chunk, loaded on the first visit to one of them). */
export { BillingPage } from "./BillingPage";
export { InvoicePage } from "./InvoicePage";
export { PaymentResultPage } from "./PaymentResultPage";
