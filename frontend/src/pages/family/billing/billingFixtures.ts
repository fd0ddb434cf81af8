/** Fake API data of the Facturation screens (tests only). */
import type { Account, InvoiceDetail, InvoiceSummary, Payment, PaymentAttempt, ProviderInfo, Statement } from "../../../api/billing";
import { formatMoney } from "../../../format/money";
import { NO_PENDING_CONSENTS } from "../../../test/familyFixtures";
import { makeStructure, makeUser, sessionBody } from "../../../test/fixtures";

/** As Testing Library reads it (no-break spaces normalised). */
export const money = (value: number) => formatMoney(value).replace(/\s/g, " ");

export const PARENT = {
  "GET /api/v1/structure/": { body: makeStructure() },
  "GET /api/v1/auth/session": { body: sessionBody(makeUser()) },
  ...NO_PENDING_CONSENTS,
};

export function makeInvoice(overrides: Partial<InvoiceSummary> = {}): InvoiceSummary {
  return {
    id: 123,
    kind: "invoice",
    kind_label: "Facture",
    number: "F2026-000123",
    issue_date: "2026-02-01",
    due_date: "2099-02-28",
    period_start: "2026-01-01",
    period_end: "2026-01-31",
    total: "145.36",
    settled_amount: "0.00",
    outstanding: "145.36",
    status: "issued",
    status_label: "À payer",
    refers_to: null,
    refers_to_number: null,
    ...overrides,
  };
}

/** Two unpaid invoices: one overdue (145,36 €) and one not yet due (100,00 €). */
export const UNPAID = [
  makeInvoice({ due_date: "2020-02-28" }),
  makeInvoice({
    id: 124,
    number: "F2026-000124",
    issue_date: "2026-03-01",
    due_date: "2099-03-31",
    total: "120.00",
    settled_amount: "20.00",
    outstanding: "100.00",
    status: "partly_paid",
    status_label: "Partiellement payée",
  }),
];

export function makeAccount(overrides: Partial<Account> = {}): Account {
  return { balance: "245.36", unpaid_total: "245.36", unpaid_count: 2, unpaid: UNPAID, credit: "0.00", ...overrides };
}

export const PROVIDER: ProviderInfo = { provider: "dummy", label: "Paiement de démonstration — aucun débit réel", enabled: true, is_demo: true };

export function makeInvoiceDetail(overrides: Partial<InvoiceDetail> = {}): InvoiceDetail {
  const line = (id: number, child: string, activity: string, date: string, label: string, amount: string) => ({
    id,
    kind: "charge" as const,
    child_name: child,
    activity_name: activity,
    date,
    label,
    tariff_name: "Tarif QF 2",
    quantity: "1.00",
    unit_price: amount,
    amount,
    meal_amount: "0.00",
    state: "",
  });
  return {
    ...makeInvoice({ settled_amount: "45.36", outstanding: "100.00", status: "partly_paid", status_label: "Partiellement payée" }),
    recipient_name: "Claire Martin",
    recipient_address: "12 rue des Lilas\n69000 Lyon",
    family_number: 1042,
    reason: "",
    lines: [
      line(1, "Léa", "Accueil du matin", "2026-01-05", "Matin", "4.50"),
      line(2, "Tom", "Restauration scolaire", "2026-01-05", "Repas", "3.80"),
      line(3, "Léa", "Restauration scolaire", "2026-01-05", "Repas", "3.80"),
      line(4, "Léa", "Accueil du matin", "2026-01-06", "Matin", "4.50"),
    ],
    received: [{ id: 9, amount: "45.36", source: "Chèque", reference: "R2026-000045", on: "2026-02-10" }],
    credit_notes: [],
    ...overrides,
  };
}

export const STATEMENT: Statement = {
  opening_balance: "10.00",
  closing_balance: "64.50",
  entries: [
    { on: "2026-02-01", kind: "invoice", label: "Facture F2026-000123 — 01/01 au 31/01/2026", reference: "F2026-000123", debit: "145.36", credit: "0.00", balance: "155.36", document_id: 123 },
    { on: "2026-02-10", kind: "payment", label: "Règlement R2026-000045 (Chèque)", reference: "R2026-000045", debit: "0.00", credit: "45.36", balance: "110.00", document_id: 9 },
    { on: "2026-02-15", kind: "credit_note", label: "Avoir A2026-000002", reference: "A2026-000002", debit: "0.00", credit: "45.50", balance: "64.50", document_id: 130 },
  ],
};

export function makePayment(overrides: Partial<Payment> = {}): Payment {
  return {
    id: 9,
    number: "R2026-000045",
    method: "cheque",
    method_label: "Chèque",
    amount: "45.36",
    received_on: "2026-02-10",
    reference: "0001234",
    payer: "",
    allocated_amount: "45.36",
    unallocated: "0.00",
    status: "recorded",
    status_label: "Enregistré",
    cancel_reason: "",
    invoices: [{ id: 123, number: "F2026-000123", amount: "45.36" }],
    ...overrides,
  };
}

export function makeAttempt(overrides: Partial<PaymentAttempt> = {}): PaymentAttempt {
  return {
    id: 77,
    status: "pending",
    amount: "245.36",
    currency: "EUR",
    provider: "dummy",
    provider_label: PROVIDER.label,
    invoices: [
      { id: 123, number: "F2026-000123", amount: "145.36" },
      { id: 124, number: "F2026-000124", amount: "100.00" },
    ],
    payment_number: null,
    message: "Paiement en cours de confirmation par le prestataire.",
    ...overrides,
  };
}

export function page<T>(results: T[]) {
  return { count: results.length, next: null, previous: null, results };
}
