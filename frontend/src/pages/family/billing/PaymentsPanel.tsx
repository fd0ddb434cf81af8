import { Link } from "react-router";
import { BILLING_URLS, usePayments, type PaidInvoice, type Payment } from "../../../api/billing";
import { formatDate } from "../../../format/dates";
import { formatMoney } from "../../../format/money";
import { PageError, PageLoading } from "../components/PageStates";
import { LinkText, StatusBadge } from "./shared";

function paidInvoices(payment: Payment): PaidInvoice[] {
  return (payment.invoices as unknown as PaidInvoice[]).filter((invoice) => invoice && typeof invoice.number === "string");
}

/** « Mes règlements »: the family's payments with their receipt (PDF). */
export function PaymentsPanel() {
  const payments = usePayments();
  return (
    <section aria-labelledby="reglements-titre">
      <h2 id="reglements-titre">Mes règlements</h2>
      {payments.isPending ? (
        <PageLoading label="Chargement de vos règlements…" />
      ) : payments.isError ? (
        <PageError error={payments.error} onRetry={() => void payments.refetch()} />
      ) : payments.data.length === 0 ? (
        <p>Aucun règlement enregistré pour l'instant.</p>
      ) : (
        <div className="table-wrapper">
          <table className="data-table billing-table billing-table--cards">
            <caption className="visually-hidden">Mes règlements</caption>
            <thead>
              <tr>
                <th scope="col">N° de reçu</th>
                <th scope="col">Date</th>
                <th scope="col">Mode de règlement</th>
                <th scope="col" className="billing-amount">
                  Montant
                </th>
                <th scope="col">Factures réglées</th>
                <th scope="col">État</th>
                <th scope="col">Reçu</th>
              </tr>
            </thead>
            <tbody>
              {payments.data.map((payment) => {
                const invoices = paidInvoices(payment);
                return (
                  <tr key={payment.id} className="billing-row">
                    <td data-label="N° de reçu">{payment.number}</td>
                    <td data-label="Date">{formatDate(payment.received_on)}</td>
                    <td data-label="Mode de règlement">
                      {payment.method_label}
                      {payment.reference && <span className="billing-muted"> ({payment.reference})</span>}
                    </td>
                    <td data-label="Montant" className="billing-amount">
                      {formatMoney(payment.amount)}
                    </td>
                    <td data-label="Factures réglées">
                      {invoices.length ? (
                        <ul className="billing-inline-list">
                          {invoices.map((invoice) => (
                            <li key={invoice.id}>
                              <Link to={`/facturation/factures/${invoice.id}`}>{invoice.number}</Link> : {formatMoney(invoice.amount)}
                            </li>
                          ))}
                        </ul>
                      ) : (
                        "—"
                      )}
                      {Number(payment.unallocated) > 0 && (
                        <p className="billing-muted">Avance non affectée : {formatMoney(payment.unallocated)}</p>
                      )}
                    </td>
                    <td data-label="État">
                      <StatusBadge status={payment.status} label={payment.status_label} />
                      {payment.cancel_reason && <p className="billing-muted">{payment.cancel_reason}</p>}
                    </td>
                    <td data-label="Reçu">
                      {payment.status === "recorded" ? (
                        <a href={BILLING_URLS.receiptPdf(payment.id)} download>
                          <LinkText visible="Reçu PDF" full={`Reçu PDF du règlement ${payment.number}`} />
                        </a>
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
