import type {
  Account,
  InvoiceLine,
  InvoiceSummary,
  Mandate,
  PaymentAttempt,
  PaymentSettings,
  Run,
  RunFamily,
  SepaBatch,
  StaffInvoice,
  StaffInvoiceDetail,
  StaffPayment,
  Statement,
} from "./api";

export const BB = "/api/v1/staff/billing";

export function makeRun(overrides: Partial<Run> = {}): Run {
  return {
    id: 12,
    label: "Mars 2026",
    period_start: "2026-03-01",
    period_end: "2026-03-31",
    activity_ids: [],
    series: 1,
    series_name: "Principale",
    status: "draft",
    status_label: "Brouillon à vérifier",
    failure: "",
    issue_date: null,
    due_date: null,
    family_count: 3,
    error_count: 1,
    line_count: 42,
    total: "1250.50",
    credit_total: "0.00",
    computed_at: "2026-04-01T08:00:00Z",
    published_at: null,
    created_at: "2026-04-01T07:59:00Z",
    invoice_count: 0,
    ...overrides,
  };
}

export function makeRunFamily(overrides: Partial<RunFamily> = {}): RunFamily {
  return {
    id: 101,
    family: 7,
    family_name: "Martin",
    family_number: 1042,
    total: "85.20",
    credit_total: "0.00",
    line_count: 12,
    error: "",
    ...overrides,
  };
}

export function makeLine(overrides: Partial<InvoiceLine> = {}): InvoiceLine {
  return {
    id: 1,
    kind: "charge",
    child_name: "Léo Martin",
    activity_name: "Accueil périscolaire",
    date: "2026-03-02",
    label: "Accueil du matin",
    tariff_name: "Périscolaire QF",
    quantity: "1.00",
    unit_price: "2.10",
    amount: "2.10",
    meal_amount: "0.00",
    state: "Présent",
    ...overrides,
  };
}

export function makeInvoiceSummary(overrides: Partial<InvoiceSummary> = {}): InvoiceSummary {
  return {
    id: 501,
    kind: "invoice",
    kind_label: "Facture",
    number: "FA-2026-0001",
    issue_date: "2026-02-05",
    due_date: "2026-03-05",
    period_start: "2026-01-01",
    period_end: "2026-01-31",
    total: "60.00",
    settled_amount: "0.00",
    outstanding: "60.00",
    status: "issued",
    status_label: "À payer",
    refers_to: null,
    refers_to_number: null,
    ...overrides,
  };
}

export function makeStaffInvoice(overrides: Partial<StaffInvoice> = {}): StaffInvoice {
  return { ...makeInvoiceSummary(), family_id: 7, family_name: "Martin", family_number: 1042, ...overrides };
}

export function makeInvoiceDetail(overrides: Partial<StaffInvoiceDetail> = {}): StaffInvoiceDetail {
  return {
    ...makeInvoiceSummary({ total: "80.00", settled_amount: "20.00", outstanding: "60.00", status: "partly_paid", status_label: "Partiellement payée" }),
    recipient_name: "Mme Claire MARTIN",
    recipient_address: "3 rue des Lilas\n38000 Saint-Alban",
    family_number: 1042,
    reason: "",
    lines: [makeLine({ id: 1, amount: "40.00" }), makeLine({ id: 2, date: "2026-01-06", amount: "40.00" })],
    received: [{ id: 1, amount: "20.00", source: "Chèque", reference: "1234567", on: "2026-02-10" }],
    credit_notes: [],
    family_id: 7,
    creditable: 80,
    ...overrides,
  };
}

export function makePayment(overrides: Partial<StaffPayment> = {}): StaffPayment {
  return {
    id: 31,
    number: "RE-2026-0007",
    method: "cheque",
    method_label: "Chèque",
    amount: "100.00",
    received_on: "2026-03-10",
    reference: "1234567",
    payer: "Banque Populaire",
    allocated_amount: "100.00",
    unallocated: "0.00",
    status: "recorded",
    status_label: "Enregistré",
    cancel_reason: "",
    invoices: [{ id: 501, number: "FA-2026-0001", amount: "60.00" }],
    family_id: 7,
    family_name: "Martin",
    notes: "",
    ...overrides,
  };
}

export function makeAccount(overrides: Partial<Account> = {}): Account {
  return {
    balance: "105.00",
    unpaid_total: "105.00",
    unpaid_count: 2,
    unpaid: [
      makeInvoiceSummary(),
      makeInvoiceSummary({ id: 502, number: "FA-2026-0014", issue_date: "2026-03-05", due_date: "2026-04-05", total: "45.00", outstanding: "45.00" }),
    ],
    credit: "0.00",
    ...overrides,
  };
}

export function makeStatement(overrides: Partial<Statement> = {}): Statement {
  return {
    opening_balance: "0.00",
    closing_balance: "105.00",
    entries: [
      { on: "2026-02-05", kind: "invoice", label: "Facture de janvier", reference: "FA-2026-0001", debit: "80.00", credit: "0.00", balance: "80.00", document_id: 501 },
      { on: "2026-02-10", kind: "payment", label: "Chèque", reference: "RE-2026-0002", debit: "0.00", credit: "20.00", balance: "60.00", document_id: 30 },
      { on: "2026-03-05", kind: "invoice", label: "Facture de février", reference: "FA-2026-0014", debit: "45.00", credit: "0.00", balance: "105.00", document_id: 502 },
    ],
    ...overrides,
  };
}

export function makePaymentSettings(overrides: Partial<PaymentSettings> = {}): PaymentSettings {
  return { provider: "dummy", enabled: false, stripe_account_id: "", payfip_numcli: "", payfip_mode: "T", ...overrides };
}

export function makeAttempt(overrides: Partial<PaymentAttempt> = {}): PaymentAttempt {
  return {
    id: 41,
    status: "succeeded",
    amount: "60.00",
    currency: "EUR",
    provider: "stripe",
    provider_label: "Stripe (carte bancaire)",
    created_at: "2026-03-12T09:30:00Z",
    completed_at: "2026-03-12T09:31:00Z",
    invoices: [{ id: 501, number: "FA-2026-0001", amount: "60.00" }],
    payment_number: "RE-2026-0008",
    message: "",
    family_id: 7,
    family_name: "Martin",
    provider_reference: "pi_123",
    payment_id: 32,
    last_error: "",
    ...overrides,
  };
}

export function makeBatch(overrides: Partial<SepaBatch> = {}): SepaBatch {
  return {
    id: 3,
    collection_date: "2026-04-10",
    message_id: "MARELLE-20260401-3",
    total: "230.40",
    count: 4,
    status: "generated",
    status_label: "Fichier généré",
    created_at: "2026-04-01T10:00:00Z",
    download_url: "/api/v1/staff/billing/sepa/batches/3/xml/",
    ...overrides,
  };
}

export function makeMandate(overrides: Partial<Mandate> = {}): Mandate {
  return { reference: "RUM-1042", signed_on: "2025-09-01", active: true, first_collected: true, ...overrides };
}
