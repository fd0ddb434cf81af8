/** Labels of the billing enums and the state of a run. */
import type { InvoiceStatus, PayfipMode, PaymentAttemptStatus, PaymentInputMethod, Provider, RunStatus } from "./api";

export const PAYMENT_METHOD_LABELS: Record<PaymentInputMethod, string> = {
  cheque: "Chèque",
  cash: "Espèces",
  transfer: "Virement",
  cesu: "CESU",
  ancv: "Chèques-vacances (ANCV)",
  caf: "Aide CAF / VACAF",
  works_council: "Aide comité d'entreprise",
  direct_debit: "Prélèvement",
};

export const ALL_PAYMENT_METHOD_LABELS: Record<PaymentInputMethod | "online", string> = {
  ...PAYMENT_METHOD_LABELS,
  online: "Paiement en ligne",
};

export const INVOICE_STATUS_LABELS: Record<InvoiceStatus, string> = {
  issued: "À payer",
  partly_paid: "Partiellement payée",
  paid: "Payée",
  cancelled: "Annulée par avoir",
};

/** Runs still being worked on by a background task. */
export const isBusyRun = (status: RunStatus) => status === "computing" || status === "publishing";

/** Milliseconds between two reads of a run being computed or published (tests shorten it). */
export const runPolling = { interval: 2000 };

export const ATTEMPT_STATUS_LABELS: Record<PaymentAttemptStatus, string> = {
  pending: "En cours",
  succeeded: "Payé",
  failed: "Refusé",
  cancelled: "Abandonné",
  expired: "Expiré",
  refunded: "Remboursé",
};

export const PROVIDERS: ReadonlyArray<{ value: Provider; label: string; text: string }> = [
  { value: "dummy", label: "Démonstration", text: "Aucun débit réel : pour essayer le parcours des familles." },
  {
    value: "stripe",
    label: "Stripe Connect (associations)",
    text: "Paiement par carte sur le compte Stripe de la structure, identifié par son compte connecté « acct_… ».",
  },
  {
    value: "payfip",
    label: "PayFiP (collectivités, DGFiP)",
    text: "Paiement par carte ou prélèvement unique encaissé par la régie : numéro de client régie à 6 chiffres, mode test, activation ou production.",
  },
];

export const PAYFIP_MODE_LABELS: Record<PayfipMode, string> = {
  T: "Test",
  X: "Activation",
  W: "Production",
};
