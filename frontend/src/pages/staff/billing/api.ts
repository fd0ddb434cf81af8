/**
 * Staff billing screens: API calls under /api/v1/staff/billing/ and the
 * generated types they use (src/api/schema.d.ts — never written by hand).
 */
import { apiFetch } from "../../../api/client";
import type { components } from "../../../api/schema";
import { API, queryString } from "../api";

type Schemas = components["schemas"];

export type Run = Schemas["Run"];
export type RunPage = Schemas["PaginatedRunList"];
export type RunStatus = Schemas["InvoiceRunStatusEnum"];
export type RunInput = Schemas["RunInputRequest"];
export type RunFamily = Schemas["RunFamily"];
export type RunFamilyPage = Schemas["PaginatedRunFamilyList"];
export type InvoiceLine = Schemas["InvoiceLine"];
export type BillingRule = Schemas["BillingRule"];
export type PublishInput = Schemas["PublishInputRequest"];
export type InvoiceSummary = Schemas["InvoiceSummary"];
export type StaffInvoice = Schemas["StaffInvoiceSummary"];
export type StaffInvoicePage = Schemas["PaginatedStaffInvoiceSummaryList"];
export type StaffInvoiceDetail = Schemas["StaffInvoiceDetail"];
export type InvoiceKind = Schemas["InvoiceKindEnum"];
export type InvoiceStatus = Schemas["InvoiceStatusEnum"];
export type CreditNoteInput = Schemas["CreditNoteInputRequest"];
export type StaffPayment = Schemas["StaffPayment"];
export type StaffPaymentPage = Schemas["PaginatedStaffPaymentList"];
export type PaymentInput = Schemas["PaymentInputRequest"];
export type PaymentInputMethod = Schemas["PaymentInputMethodEnum"];
export type PaymentMethod = Schemas["PaymentMethodEnum"];
export type Account = Schemas["Account"];
export type Statement = Schemas["Statement"];
export type StatementEntry = Schemas["StatementEntry"];
export type InvoicingSettings = Schemas["InvoicingSettings"];
export type InvoicingSettingsInput = Schemas["InvoicingSettingsRequest"];
export type Series = Schemas["Series"];
export type SeriesInput = Schemas["SeriesRequest"];
export type PaymentSettings = Schemas["PaymentSettings"];
export type PaymentSettingsInput = Schemas["PaymentSettingsRequest"];
export type Provider = Schemas["ProviderEnum"];
export type PayfipMode = Schemas["PayfipModeEnum"];
export type PaymentAttempt = Schemas["StaffPaymentAttempt"];
export type PaymentAttemptPage = Schemas["PaginatedStaffPaymentAttemptList"];
export type PaymentAttemptStatus = Schemas["PaymentAttemptStatusEnum"];
export type PaymentRefund = Schemas["PaymentRefund"];
export type SepaBatch = Schemas["DirectDebitBatch"];
export type SepaBatchPage = Schemas["PaginatedDirectDebitBatchList"];
export type SepaBatchInput = Schemas["DirectDebitBatchInputRequest"];
export type Mandate = Schemas["DirectDebitMandate"];
export type MandateInput = Schemas["DirectDebitMandateRequest"];

/** What settled an invoice (StaffInvoiceDetail.received, typed loosely by the schema). */
export interface Received {
  id: number;
  amount: string;
  source: string;
  reference: string;
  on: string;
}

/** An invoice a payment settled (StaffPayment.invoices). */
export interface PaidInvoice {
  id: number;
  number: string;
  amount: string;
}

export const BILLING = `${API}/staff/billing`;

export const billingKeys = {
  all: ["staff", "billing"] as const,
  runs: (page: number) => ["staff", "billing", "runs", "list", page] as const,
  run: (id: number) => ["staff", "billing", "runs", id] as const,
  runFamilies: (id: number, filters: object) => ["staff", "billing", "runs", id, "families", filters] as const,
  runLines: (id: number, runFamilyId: number) => ["staff", "billing", "runs", id, "lines", runFamilyId] as const,
  rules: ["staff", "billing", "rules"] as const,
  invoices: (filters: object) => ["staff", "billing", "invoices", "list", filters] as const,
  invoice: (id: number) => ["staff", "billing", "invoices", id] as const,
  payments: (filters: object) => ["staff", "billing", "payments", filters] as const,
  account: (familyId: number) => ["staff", "billing", "account", familyId] as const,
  statement: (familyId: number, filters: object) => ["staff", "billing", "statement", familyId, filters] as const,
  settings: ["staff", "billing", "settings"] as const,
  series: ["staff", "billing", "series"] as const,
  paymentSettings: ["staff", "billing", "payment-settings"] as const,
  attempts: (filters: object) => ["staff", "billing", "payment-attempts", filters] as const,
  sepaBatches: (page: number) => ["staff", "billing", "sepa", "batches", page] as const,
  mandate: (familyId: number) => ["staff", "billing", "mandate", familyId] as const,
};

const page = (value: number) => (value > 1 ? value : null);

// Runs ------------------------------------------------------------------------------------------
export const fetchRuns = (pageNumber: number, signal?: AbortSignal) =>
  apiFetch<RunPage>(`${BILLING}/runs/${queryString({ page: page(pageNumber) })}`, { signal });

export const createRun = (input: RunInput) => apiFetch<Run>(`${BILLING}/runs/`, { method: "POST", body: input });

export const fetchRun = (id: number, signal?: AbortSignal) => apiFetch<Run>(`${BILLING}/runs/${id}/`, { signal });

export const deleteRun = (id: number) => apiFetch<null>(`${BILLING}/runs/${id}/`, { method: "DELETE" });

export const recomputeRun = (id: number) => apiFetch<Run>(`${BILLING}/runs/${id}/recompute/`, { method: "POST" });

export const publishRun = (id: number, input: PublishInput) =>
  apiFetch<Run>(`${BILLING}/runs/${id}/publish/`, { method: "POST", body: input });

export interface RunFamilyFilters {
  errors: boolean;
  search: string;
  page: number;
}

export const fetchRunFamilies = (id: number, filters: RunFamilyFilters, signal?: AbortSignal) =>
  apiFetch<RunFamilyPage>(
    `${BILLING}/runs/${id}/families/${queryString({ errors: filters.errors ? 1 : null, search: filters.search, page: page(filters.page) })}`,
    { signal },
  );

export const fetchRunLines = (id: number, runFamilyId: number, signal?: AbortSignal) =>
  apiFetch<InvoiceLine[]>(`${BILLING}/runs/${id}/families/${runFamilyId}/lines/`, { signal });

export const fetchRules = (signal?: AbortSignal) => apiFetch<BillingRule[]>(`${BILLING}/rules/`, { signal });

// Invoices and credit notes ---------------------------------------------------------------------
export interface InvoiceFilters {
  search: string;
  kind: InvoiceKind | "";
  status: InvoiceStatus | "";
  family: string;
  run: string;
  from: string;
  to: string;
  page: number;
}

export const fetchInvoices = (f: InvoiceFilters, signal?: AbortSignal) =>
  apiFetch<StaffInvoicePage>(
    `${BILLING}/invoices/${queryString({
      search: f.search,
      kind: f.kind,
      status: f.status,
      family: f.family,
      run: f.run,
      from: f.from,
      to: f.to,
      page: page(f.page),
    })}`,
    { signal },
  );

export const fetchInvoice = (id: number, signal?: AbortSignal) =>
  apiFetch<StaffInvoiceDetail>(`${BILLING}/invoices/${id}/`, { signal });

export const createCreditNote = (id: number, input: CreditNoteInput) =>
  apiFetch<StaffInvoiceDetail>(`${BILLING}/invoices/${id}/credit-note/`, { method: "POST", body: input });

export const invoicePdfUrl = (id: number) => `${BILLING}/invoices/${id}/pdf/`;

// Payments --------------------------------------------------------------------------------------
export interface PaymentFilters {
  family: string;
  method: PaymentMethod | "";
  from: string;
  to: string;
  page: number;
}

export const fetchPayments = (f: PaymentFilters, signal?: AbortSignal) =>
  apiFetch<StaffPaymentPage>(
    `${BILLING}/payments/${queryString({ family: f.family, method: f.method, from: f.from, to: f.to, page: page(f.page) })}`,
    { signal },
  );

export const createPayment = (input: PaymentInput) =>
  apiFetch<StaffPayment>(`${BILLING}/payments/`, { method: "POST", body: input });

export const cancelPayment = (id: number, reason: string) =>
  apiFetch<StaffPayment>(`${BILLING}/payments/${id}/cancel/`, {
    method: "POST",
    body: { reason } satisfies Schemas["CancelPaymentRequest"],
  });

export const receiptPdfUrl = (id: number) => `${BILLING}/payments/${id}/receipt/`;

/** Refunds an online payment in full through its provider (and cancels it in the books). */
export const refundPayment = (id: number) =>
  apiFetch<PaymentRefund>(`${BILLING}/payments/${id}/refund/`, { method: "POST" });

// Online payment --------------------------------------------------------------------------------
export const fetchPaymentSettings = (signal?: AbortSignal) =>
  apiFetch<PaymentSettings>(`${BILLING}/payment-settings/`, { signal });

export const savePaymentSettings = (input: PaymentSettingsInput) =>
  apiFetch<PaymentSettings>(`${BILLING}/payment-settings/`, { method: "PUT", body: input });

export interface AttemptFilters {
  status: PaymentAttemptStatus | "";
  page: number;
}

export const fetchPaymentAttempts = (f: AttemptFilters, signal?: AbortSignal) =>
  apiFetch<PaymentAttemptPage>(`${BILLING}/payment-attempts/${queryString({ status: f.status, page: page(f.page) })}`, { signal });

// SEPA direct debit -----------------------------------------------------------------------------
export const fetchSepaBatches = (pageNumber: number, signal?: AbortSignal) =>
  apiFetch<SepaBatchPage>(`${BILLING}/sepa/batches/${queryString({ page: page(pageNumber) })}`, { signal });

export const createSepaBatch = (input: SepaBatchInput) =>
  apiFetch<SepaBatch>(`${BILLING}/sepa/batches/`, { method: "POST", body: input });

export const confirmSepaBatch = (id: number) =>
  apiFetch<SepaBatch>(`${BILLING}/sepa/batches/${id}/confirm/`, { method: "POST" });

export const sepaBatchXmlUrl = (id: number) => `${BILLING}/sepa/batches/${id}/xml/`;

export const fetchMandate = (familyId: number, signal?: AbortSignal) =>
  apiFetch<Mandate>(`${BILLING}/mandates/${familyId}/`, { signal });

export const saveMandate = (familyId: number, input: MandateInput) =>
  apiFetch<Mandate>(`${BILLING}/mandates/${familyId}/`, { method: "PUT", body: input });

// A family's account ----------------------------------------------------------------------------
export const fetchAccount = (familyId: number, signal?: AbortSignal) =>
  apiFetch<Account>(`${BILLING}/families/${familyId}/account/`, { signal });

export interface StatementFilters {
  from: string;
  to: string;
}

export const fetchStatement = (familyId: number, f: StatementFilters, signal?: AbortSignal) =>
  apiFetch<Statement>(`${BILLING}/families/${familyId}/statement/${queryString({ from: f.from, to: f.to })}`, { signal });

// Exports ---------------------------------------------------------------------------------------
export type ExportName = "invoices" | "credit-notes" | "payments";

export const exportUrl = (name: ExportName, from: string, to: string) =>
  `${BILLING}/exports/${name}.csv${queryString({ from, to })}`;

// Settings --------------------------------------------------------------------------------------
export const fetchInvoicingSettings = (signal?: AbortSignal) =>
  apiFetch<InvoicingSettings>(`${BILLING}/settings/`, { signal });

export const saveInvoicingSettings = (input: InvoicingSettingsInput) =>
  apiFetch<InvoicingSettings>(`${BILLING}/settings/`, { method: "PUT", body: input });

export const fetchSeries = (signal?: AbortSignal) => apiFetch<Series>(`${BILLING}/series/`, { signal });

export const saveSeries = (input: SeriesInput) => apiFetch<Series>(`${BILLING}/series/`, { method: "PUT", body: input });
