import { useState } from "react";
import { Link } from "react-router";
import { BILLING_URLS, useInvoices, type InvoiceFilter } from "../../../api/billing";
import { formatDate } from "../../../format/dates";
import { formatMoney } from "../../../format/money";
import { PageError, PageLoading } from "../components/PageStates";
import { DueDate, LinkText, StatusBadge } from "./shared";

const FILTERS: { id: InvoiceFilter; label: string; empty: string }[] = [
  { id: "all", label: "Tout", empty: "Aucune facture pour l'instant." },
  { id: "invoice", label: "Factures", empty: "Aucune facture pour l'instant." },
  { id: "credit_note", label: "Avoirs", empty: "Aucun avoir." },
  { id: "unpaid", label: "À payer", empty: "Aucune facture à payer." },
];

/** « Historique »: invoices and credit notes (newest first), with their state, detail and PDF. */
export function HistoryPanel() {
  const [filter, setFilter] = useState<InvoiceFilter>("all");
  const invoices = useInvoices(filter);
  const current = FILTERS.find((f) => f.id === filter)!;

  return (
    <section aria-labelledby="historique-titre">
      <h2 id="historique-titre">Historique des factures et avoirs</h2>
      <div role="group" aria-label="Afficher" className="filter-bar">
        {FILTERS.map((f) => (
          <button key={f.id} type="button" className="filter-button" aria-pressed={f.id === filter} onClick={() => setFilter(f.id)}>
            {f.label}
          </button>
        ))}
      </div>
      {invoices.isPending ? (
        <PageLoading label="Chargement de l'historique…" />
      ) : invoices.isError ? (
        <PageError error={invoices.error} onRetry={() => void invoices.refetch()} />
      ) : invoices.data.length === 0 ? (
        <p>{current.empty}</p>
      ) : (
        <div className="table-wrapper" aria-busy={invoices.isFetching || undefined}>
          <table className="data-table billing-table billing-table--cards">
            <caption className="visually-hidden">Factures et avoirs : {current.label}</caption>
            <thead>
              <tr>
                <th scope="col">N°</th>
                <th scope="col">Type</th>
                <th scope="col">Date</th>
                <th scope="col">Échéance</th>
                <th scope="col" className="billing-amount">
                  Montant
                </th>
                <th scope="col" className="billing-amount">
                  Reste à payer
                </th>
                <th scope="col">État</th>
                <th scope="col">PDF</th>
              </tr>
            </thead>
            <tbody>
              {invoices.data.map((invoice) => (
                <tr key={invoice.id} className="billing-row">
                  <td data-label="N°">
                    <Link to={`/facturation/factures/${invoice.id}`}>{invoice.number}</Link>
                  </td>
                  <td data-label="Type">
                    {invoice.kind_label}
                    {invoice.refers_to_number && <span className="billing-muted"> (sur facture {invoice.refers_to_number})</span>}
                  </td>
                  <td data-label="Date">{formatDate(invoice.issue_date)}</td>
                  <td data-label="Échéance">{invoice.kind === "invoice" ? <DueDate invoice={invoice} /> : "—"}</td>
                  <td data-label="Montant" className="billing-amount">
                    {formatMoney(invoice.total)}
                  </td>
                  <td data-label="Reste à payer" className="billing-amount">
                    {invoice.kind === "invoice" ? formatMoney(invoice.outstanding) : "—"}
                  </td>
                  <td data-label="État">
                    <StatusBadge status={invoice.status} label={invoice.status_label} />
                  </td>
                  <td data-label="PDF">
                    <a href={BILLING_URLS.invoicePdf(invoice.id)} download>
                      <LinkText visible="PDF" full={`PDF ${invoice.kind === "credit_note" ? "de l'avoir" : "de la facture"} ${invoice.number}`} />
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
