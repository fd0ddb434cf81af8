import { Link, useParams } from "react-router";
import { BILLING_URLS, toCents, useInvoice, type InvoiceDetail, type InvoiceLine, type Received } from "../../../api/billing";
import { formatDate } from "../../../format/dates";
import { formatMoney } from "../../../format/money";
import { usePageTitle } from "../../../theme/usePageTitle";
import { Breadcrumb } from "../components/Breadcrumb";
import { PageError, PageLoading } from "../components/PageStates";
import { billingTabPath } from "./BillingPage";
import { DueDate, StatusBadge } from "./shared";

export interface LineGroup {
  child: string;
  activities: { activity: string; lines: InvoiceLine[]; totalCents: number }[];
  totalCents: number;
}

/** The lines grouped by child, then by activity (in the order they come). */
export function groupLines(lines: readonly InvoiceLine[]): LineGroup[] {
  const groups = new Map<string, Map<string, InvoiceLine[]>>();
  for (const line of lines) {
    const child = line.child_name || "";
    const activity = line.activity_name || "";
    const byActivity = groups.get(child) ?? new Map<string, InvoiceLine[]>();
    byActivity.set(activity, [...(byActivity.get(activity) ?? []), line]);
    groups.set(child, byActivity);
  }
  return [...groups.entries()].map(([child, byActivity]) => {
    const activities = [...byActivity.entries()].map(([activity, list]) => ({
      activity,
      lines: list,
      totalCents: list.reduce((sum, line) => sum + toCents(line.amount), 0),
    }));
    return { child, activities, totalCents: activities.reduce((sum, a) => sum + a.totalCents, 0) };
  });
}

function receivedOf(invoice: InvoiceDetail): Received[] {
  return (invoice.received as unknown as Received[]).filter((item) => item && typeof item.reference === "string");
}

/** /facturation/factures/:id — an invoice or a credit note: its lines per child and activity, what settled it. */
export function InvoicePage() {
  const { invoiceId = "" } = useParams();
  const invoice = useInvoice(invoiceId);
  const title = invoice.data ? `${invoice.data.kind_label} ${invoice.data.number}` : "Facture";
  usePageTitle(title);

  return (
    <>
      <Breadcrumb trail={[{ label: "Facturation", path: "/facturation" }, { label: "Historique", path: billingTabPath("historique") }, { label: title }]} />
      <h1>{title}</h1>
      {invoice.isPending ? (
        <PageLoading label="Chargement de la facture…" />
      ) : invoice.isError ? (
        <PageError error={invoice.error} onRetry={() => void invoice.refetch()} />
      ) : (
        <InvoiceDetailView invoice={invoice.data} />
      )}
    </>
  );
}

function InvoiceDetailView({ invoice }: { invoice: InvoiceDetail }) {
  const isInvoice = invoice.kind === "invoice";
  const received = receivedOf(invoice);
  const groups = groupLines(invoice.lines);
  const noun = isInvoice ? "la facture" : "l'avoir";

  return (
    <>
      <dl className="definition-list billing-summary card">
        <div>
          <dt>État</dt>
          <dd>
            <StatusBadge status={invoice.status} label={invoice.status_label} />
          </dd>
        </div>
        <div>
          <dt>Date</dt>
          <dd>{formatDate(invoice.issue_date)}</dd>
        </div>
        {isInvoice && (
          <div>
            <dt>Échéance</dt>
            <dd>
              <DueDate invoice={invoice} />
            </dd>
          </div>
        )}
        {invoice.period_start && invoice.period_end && (
          <div>
            <dt>Période</dt>
            <dd>
              du {formatDate(invoice.period_start)} au {formatDate(invoice.period_end)}
            </dd>
          </div>
        )}
        <div>
          <dt>Montant</dt>
          <dd>{formatMoney(invoice.total)}</dd>
        </div>
        {isInvoice && (
          <>
            <div>
              <dt>Déjà réglé</dt>
              <dd>{formatMoney(invoice.settled_amount)}</dd>
            </div>
            <div>
              <dt>Reste à payer</dt>
              <dd>
                <strong>{formatMoney(invoice.outstanding)}</strong>
              </dd>
            </div>
          </>
        )}
        {invoice.refers_to && invoice.refers_to_number && (
          <div>
            <dt>Facture corrigée</dt>
            <dd>
              <Link to={`/facturation/factures/${invoice.refers_to}`}>{invoice.refers_to_number}</Link>
            </dd>
          </div>
        )}
      </dl>
      {invoice.reason && <p className="preserve-lines">Motif : {invoice.reason}</p>}

      <p className="inline-actions">
        <a href={BILLING_URLS.invoicePdf(invoice.id)} download className="button button--secondary">
          Télécharger {noun} (PDF)
        </a>
        {isInvoice && Number(invoice.outstanding) > 0 && (
          <Link to="/facturation" className="button button--primary">
            Payer mes factures
          </Link>
        )}
      </p>

      <section aria-labelledby="detail-lignes-titre" className="section">
        <h2 id="detail-lignes-titre">Détail</h2>
        {groups.length === 0 ? (
          <p>Aucune ligne.</p>
        ) : (
          groups.map((group) => (
            <div key={group.child || "autres"} className="billing-child">
              <h3>{group.child || "Autres prestations"}</h3>
              {group.activities.map((block) => (
                <div key={block.activity || "divers"} className="table-wrapper">
                  <table className="data-table billing-table billing-lines">
                    <caption>{group.child ? `${block.activity || "Divers"} – ${group.child}` : block.activity || "Divers"}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Date</th>
                        <th scope="col">Libellé</th>
                        <th scope="col">Tarification</th>
                        <th scope="col" className="billing-amount">
                          Montant
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {block.lines.map((line) => (
                        <tr key={line.id}>
                          <td>{line.date ? formatDate(line.date) : "—"}</td>
                          <td>
                            {line.label}
                            {line.state && <span className="billing-muted"> ({line.state})</span>}
                          </td>
                          <td>{line.tariff_name || "—"}</td>
                          <td className="billing-amount">{formatMoney(line.amount)}</td>
                        </tr>
                      ))}
                    </tbody>
                    <tfoot>
                      <tr>
                        <th scope="row" colSpan={3}>
                          Sous-total {block.activity || "Divers"}
                        </th>
                        <td className="billing-amount">{formatMoney(block.totalCents / 100)}</td>
                      </tr>
                    </tfoot>
                  </table>
                </div>
              ))}
            </div>
          ))
        )}
        <p className="billing-total">
          <strong>Total : {formatMoney(invoice.total)}</strong>
        </p>
      </section>

      {isInvoice && (
        <section aria-labelledby="detail-recu-titre" className="section">
          <h2 id="detail-recu-titre">Règlements reçus</h2>
          {received.length === 0 ? (
            <p>Aucun règlement reçu pour cette facture.</p>
          ) : (
            <ul className="plain-list billing-received">
              {received.map((item) => (
                <li key={item.id} className="card">
                  {formatDate(item.on)} – {item.source} {item.reference} : <strong>{formatMoney(item.amount)}</strong>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {invoice.credit_notes.length > 0 && (
        <section aria-labelledby="detail-avoirs-titre" className="section">
          <h2 id="detail-avoirs-titre">Avoirs sur cette facture</h2>
          <ul className="plain-list">
            {invoice.credit_notes.map((note) => (
              <li key={note.id}>
                <Link to={`/facturation/factures/${note.id}`}>Avoir {note.number}</Link> du {formatDate(note.issue_date)} :{" "}
                {formatMoney(note.total)}
              </li>
            ))}
          </ul>
        </section>
      )}

      <p>
        <Link to={billingTabPath("historique")} className="button button--secondary">
          Retour à l'historique
        </Link>
      </p>
    </>
  );
}
