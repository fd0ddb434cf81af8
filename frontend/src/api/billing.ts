/**
 * The parent's « Facturation »: account, invoices and credit notes, statement,
 * payments (receipts), online payment and the billing PDFs. Types come from
 * the generated OpenAPI schema where the endpoint is described there.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ACCOUNT_URL, accountQueryKey } from "./account";
import { apiFetch } from "./client";
import type { components } from "./schema";

export { useAccount, type Account } from "./account";

type Schemas = components["schemas"];

export type InvoiceSummary = Schemas["InvoiceSummary"];
export type InvoiceDetail = Schemas["InvoiceDetail"];
export type InvoiceLine = Schemas["InvoiceLine"];
export type InvoiceKind = Schemas["InvoiceKindEnum"];
export type InvoiceStatus = Schemas["InvoiceStatusEnum"];
export type Statement = Schemas["Statement"];
export type StatementEntry = Schemas["StatementEntry"];
export type Payment = Schemas["Payment"];

/** What settled an invoice (`InvoiceDetail.received`, untyped in the schema). */
export interface Received {
  id: number;
  amount: string;
  /** "Chèque", "Paiement en ligne", "Avoir"… */
  source: string;
  /** The receipt's or the credit note's number. */
  reference: string;
  on: string;
}

/** An invoice a payment settled (`Payment.invoices`, untyped in the schema) or an attempt pays. */
export type PaidInvoice = Schemas["PaymentAttemptInvoice"];

// Online payment (api/payments).
export type CheckoutResult = Schemas["PaymentCheckoutResult"];
export type ProviderInfo = Schemas["PaymentProvider"];
export type AttemptStatus = Schemas["PaymentAttemptStatusEnum"];
/** The schema leaves `status` optional and `payment_number` non-null: the API always sends a status, and null before payment. */
export type PaymentAttempt = Omit<Schemas["PaymentAttempt"], "status" | "payment_number"> & {
  status: AttemptStatus;
  payment_number: string | null;
};

// « Mes éditions » attestations (api/billing/documents).
export type AttestationChild = Schemas["ChildRef"];
export type AttestationYear = Schemas["AttestationYear"];
export type AttestationList = Schemas["AttestationList"];

const BASE = "/api/v1/billing";

export const BILLING_URLS = {
  account: ACCOUNT_URL,
  invoices: `${BASE}/invoices/`,
  invoice: (id: number | string) => `${BASE}/invoices/${id}/`,
  invoicePdf: (id: number | string) => `${BASE}/invoices/${id}/pdf/`,
  statement: `${BASE}/statement/`,
  payments: `${BASE}/payments/`,
  receiptPdf: (id: number | string) => `${BASE}/payments/${id}/receipt/`,
  checkout: `${BASE}/payments/checkout/`,
  attempt: (id: number | string) => `${BASE}/payments/attempts/${id}/`,
  provider: `${BASE}/payments/provider/`,
  attestations: `${BASE}/attestations/`,
} as const;

export const billingKeys = {
  all: ["billing"] as const,
  account: accountQueryKey,
  invoices: (filter: InvoiceFilter) => ["billing", "invoices", filter] as const,
  invoice: (id: string) => ["billing", "invoice", id] as const,
  statement: (from: string, to: string) => ["billing", "statement", from, to] as const,
  payments: ["billing", "payments"] as const,
  provider: ["billing", "provider"] as const,
  attempt: (id: string) => ["billing", "attempt", id] as const,
  attestations: ["billing", "attestations"] as const,
};

/** The history's filters: every document, invoices, credit notes, or the invoices left to pay. */
export type InvoiceFilter = "all" | "invoice" | "credit_note" | "unpaid";

/** "/api/v1/billing/invoices/?kind=credit_note" */
export function invoicesUrl(filter: InvoiceFilter): string {
  if (filter === "invoice" || filter === "credit_note") return `${BILLING_URLS.invoices}?kind=${filter}`;
  if (filter === "unpaid") return `${BILLING_URLS.invoices}?unpaid=true`;
  return BILLING_URLS.invoices;
}

/** "/api/v1/billing/statement/?from=2026-01-01&to=2026-12-31" (only the given bounds). */
export function statementUrl(from: string, to: string): string {
  const search = new URLSearchParams();
  if (from) search.set("from", from);
  if (to) search.set("to", to);
  const text = search.toString();
  return text ? `${BILLING_URLS.statement}?${text}` : BILLING_URLS.statement;
}

interface Page<T> {
  next?: string | null;
  results: T[];
}

const MAX_PAGES = 20;

/** Every page of a DRF list (the `next` links are absolute: only their path is kept). */
async function fetchAllPages<T>(url: string, signal?: AbortSignal): Promise<T[]> {
  const items: T[] = [];
  let next: string | null | undefined = url;
  for (let page = 0; next && page < MAX_PAGES; page += 1) {
    const body: Page<T> = await apiFetch<Page<T>>(next, { signal });
    items.push(...body.results);
    next = body.next ? relativePath(body.next) : null;
  }
  return items;
}

function relativePath(link: string): string {
  const url = new URL(link, window.location.origin);
  return `${url.pathname}${url.search}`;
}

export function useInvoices(filter: InvoiceFilter) {
  return useQuery({
    queryKey: billingKeys.invoices(filter),
    queryFn: ({ signal }) => fetchAllPages<InvoiceSummary>(invoicesUrl(filter), signal),
    placeholderData: keepPreviousData,
  });
}

export function useInvoice(id: string) {
  return useQuery({
    queryKey: billingKeys.invoice(id),
    queryFn: ({ signal }) => apiFetch<InvoiceDetail>(BILLING_URLS.invoice(id), { signal }),
  });
}

/** from/to: "YYYY-MM-DD" or "" (no bound). */
export function useStatement(from: string, to: string) {
  return useQuery({
    queryKey: billingKeys.statement(from, to),
    queryFn: ({ signal }) => apiFetch<Statement>(statementUrl(from, to), { signal }),
    placeholderData: keepPreviousData,
  });
}

export function usePayments() {
  return useQuery({
    queryKey: billingKeys.payments,
    queryFn: ({ signal }) => fetchAllPages<Payment>(BILLING_URLS.payments, signal),
  });
}

/** Whether the structure takes online payments (a failure means it does not). */
export function useProvider() {
  return useQuery({
    queryKey: billingKeys.provider,
    queryFn: ({ signal }) => apiFetch<ProviderInfo>(BILLING_URLS.provider, { signal }),
    staleTime: 5 * 60 * 1000,
  });
}

/** How often a pending payment is asked again, and for how long (changed by the tests). */
export const attemptPolling = { intervalMs: 2000, maxPolls: 60 };

export function isFinal(status: AttemptStatus | undefined): boolean {
  return status !== undefined && status !== "pending";
}

/** A payment attempt, asked again while it is pending (up to `maxPolls` times). */
export function useAttempt(id: string) {
  return useQuery({
    queryKey: billingKeys.attempt(id),
    queryFn: ({ signal }) => apiFetch<PaymentAttempt>(BILLING_URLS.attempt(id), { signal }),
    refetchInterval: (query) =>
      query.state.data?.status === "pending" && query.state.dataUpdateCount < attemptPolling.maxPolls
        ? attemptPolling.intervalMs
        : false,
    refetchOnWindowFocus: (query) => query.state.data?.status === "pending",
  });
}

export function useAttestations() {
  return useQuery({
    queryKey: billingKeys.attestations,
    queryFn: ({ signal }) => apiFetch<AttestationList>(BILLING_URLS.attestations, { signal }),
  });
}

/** "/api/v1/billing/attestations/presence/?child=21&from=2026-09-01&to=2027-06-30" */
export function presenceUrl(base: string, child: number | string, from: string, to: string): string {
  const search = new URLSearchParams({ child: String(child) });
  if (from) search.set("from", from);
  if (to) search.set("to", to);
  return `${base}?${search.toString()}`;
}

export function checkout(invoiceIds: number[]): Promise<CheckoutResult> {
  const body: Schemas["PaymentCheckoutRequest"] = { invoice_ids: invoiceIds };
  return apiFetch<CheckoutResult>(BILLING_URLS.checkout, { method: "POST", body });
}

/** Leaves the SPA for the payment provider's page (an object, so that tests can replace it). */
export const browser = {
  assign(url: string): void {
    window.location.assign(url);
  },
};

/** Amounts of the API ("245.36") as integer cents, to add them without float errors. */
export function toCents(value: string | number | null | undefined): number {
  const amount = typeof value === "number" ? value : Number(value ?? 0);
  return Number.isFinite(amount) ? Math.round(amount * 100) : 0;
}
