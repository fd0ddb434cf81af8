/** Pieces shared by the Facturation screens (and the parent's home). */
import type { InvoiceSummary } from "../../../api/billing";
import { formatDate, todayIso } from "../../../format/dates";
import { formatMoney } from "../../../format/money";

/** "Votre compte présente un solde de 12,50 €" (+ who owes whom). */
export function balanceSentence(balance: string): string {
  const amount = Number(balance);
  const base = `Votre compte présente un solde de ${formatMoney(balance)}`;
  if (amount > 0) return `${base} (montant restant dû).`;
  if (amount < 0) return `${base} (en votre faveur).`;
  return `${base}.`;
}

/** An invoice still to pay whose due date has passed. */
export function isOverdue(invoice: Pick<InvoiceSummary, "due_date" | "outstanding" | "kind">, today = todayIso()): boolean {
  return invoice.kind === "invoice" && Number(invoice.outstanding) > 0 && Boolean(invoice.due_date) && invoice.due_date! < today;
}

/** "04/01/2027" + "En retard" (in words, not only in colour). */
export function DueDate({ invoice }: { invoice: Pick<InvoiceSummary, "due_date" | "outstanding" | "kind"> }) {
  if (!invoice.due_date) return <>—</>;
  return isOverdue(invoice) ? (
    <span className="billing-overdue">
      {formatDate(invoice.due_date)} <strong className="billing-overdue__tag">En retard</strong>
    </span>
  ) : (
    <>{formatDate(invoice.due_date)}</>
  );
}

const STATUS_CLASSES: Record<string, string> = {
  issued: "billing-status--issued",
  partly_paid: "billing-status--partly_paid",
  paid: "billing-status--paid",
  cancelled: "billing-status--cancelled",
  recorded: "billing-status--paid",
};

/** The status label of an invoice, credit note or payment, as a text badge. */
export function StatusBadge({ status, label }: { status: string; label: string }) {
  return <span className={`status-badge billing-status ${STATUS_CLASSES[status] ?? ""}`}>{label}</span>;
}


/**
 * A link's text with more context for assistive technologies: the visible
 * words, and a longer name starting with them (read instead).
 */
export function LinkText({ visible, full }: { visible: string; full: string }) {
  return (
    <>
      <span aria-hidden="true">{visible}</span>
      <span className="visually-hidden">{full}</span>
    </>
  );
}
