import { useState, type FormEvent } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { TextField } from "../../../components/TextField";
import { useFamilyFile } from "../FamilyFileLayout";
import { formatDate } from "../format";
import { QueryView } from "../StaffUi";
import { billingKeys, fetchAccount, fetchStatement, type StatementEntry, type StatementFilters } from "./api";
import { formatMoney } from "./format";

const ENTRY_LINK: Partial<Record<StatementEntry["kind"], (id: number) => string>> = {
  invoice: (id) => `/gestion/facturation/factures/${id}`,
  credit_note: (id) => `/gestion/facturation/factures/${id}`,
};

/** « Facturation » of the family file: balance, unpaid invoices, statement, record a payment. */
export function FamilyBillingSection() {
  const { familyId, file } = useFamilyFile();
  const account = useQuery({ queryKey: billingKeys.account(familyId), queryFn: ({ signal }) => fetchAccount(familyId, signal) });
  return (
    <>
      <section aria-labelledby="facturation-compte-titre" className="section">
        <div className="toolbar">
          <h2 id="facturation-compte-titre">Compte</h2>
          <Link className="button button--primary" to={`/gestion/facturation/reglements/nouveau?famille=${familyId}`}>
            Enregistrer un règlement{" "}<span className="visually-hidden">de la famille {file.family.name}</span>
          </Link>
        </div>
        <QueryView query={account} loadingLabel="Chargement du compte…">
          {(data) => (
            <>
              <dl className="billing-totals" aria-label="Compte de la famille">
                <div>
                  <dt>Solde</dt>
                  <dd>{formatMoney(data.balance)}</dd>
                </div>
                <div>
                  <dt>Reste à payer</dt>
                  <dd>{formatMoney(data.unpaid_total)}</dd>
                </div>
                <div>
                  <dt>Avance ou avoir disponible</dt>
                  <dd>{formatMoney(data.credit)}</dd>
                </div>
              </dl>
              <p className="field__hint">Un solde positif est dû par la famille ; négatif, il est en sa faveur.</p>
              {data.unpaid.length === 0 ? (
                <p>Aucune facture à payer.</p>
              ) : (
                <table className="data-table data-table--reflow">
                  <caption>Factures à payer ({data.unpaid_count})</caption>
                  <thead>
                    <tr>
                      <th scope="col">Facture</th>
                      <th scope="col">Émise le</th>
                      <th scope="col">Échéance</th>
                      <th scope="col" className="billing-amount">
                        Montant
                      </th>
                      <th scope="col" className="billing-amount">
                        Reste dû
                      </th>
                      <th scope="col">État</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.unpaid.map((invoice) => (
                      <tr key={invoice.id}>
                        <th scope="row" data-label="Facture">
                          <Link to={`/gestion/facturation/factures/${invoice.id}`}>{invoice.number}</Link>
                        </th>
                        <td data-label="Émise le">{formatDate(invoice.issue_date)}</td>
                        <td data-label="Échéance">{formatDate(invoice.due_date) || "—"}</td>
                        <td data-label="Montant" className="billing-amount">
                          {formatMoney(invoice.total)}
                        </td>
                        <td data-label="Reste dû" className="billing-amount">
                          {formatMoney(invoice.outstanding)}
                        </td>
                        <td data-label="État">
                          <span className="status-pill">{invoice.status_label}</span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <p>
                <Link to={`/gestion/facturation/factures?famille=${familyId}`}>Toutes les factures et avoirs de la famille</Link> ·{" "}
                <Link to={`/gestion/facturation/reglements?famille=${familyId}`}>Tous ses règlements</Link>
              </p>
            </>
          )}
        </QueryView>
      </section>
      <StatementSection familyId={familyId} />
    </>
  );
}

function StatementSection({ familyId }: { familyId: number }) {
  const [filters, setFilters] = useState<StatementFilters>({ from: "", to: "" });
  const [draft, setDraft] = useState(filters);
  const query = useQuery({
    queryKey: billingKeys.statement(familyId, filters),
    queryFn: ({ signal }) => fetchStatement(familyId, filters, signal),
    placeholderData: keepPreviousData,
  });

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFilters(draft);
  }

  return (
    <section aria-labelledby="releve-titre" className="section">
      <h2 id="releve-titre">Relevé de compte</h2>
      <form className="filters" onSubmit={apply} aria-label="Période du relevé">
        <TextField id="releve-du" label="Du" type="date" value={draft.from} onChange={(v) => setDraft((d) => ({ ...d, from: v }))} />
        <TextField id="releve-au" label="Au" type="date" value={draft.to} onChange={(v) => setDraft((d) => ({ ...d, to: v }))} />
        <div className="button-row">
          <button type="submit" className="button button--secondary">
            Afficher
          </button>
        </div>
      </form>
      <QueryView query={query} loadingLabel="Chargement du relevé…">
        {(statement) => (
          <>
            <p>
              Solde au début de la période : <strong>{formatMoney(statement.opening_balance)}</strong> · Solde à la fin :{" "}
              <strong>{formatMoney(statement.closing_balance)}</strong>
            </p>
            {statement.entries.length === 0 ? (
              <p>Aucun mouvement sur cette période.</p>
            ) : (
              <div className="table-wrapper">
                <table className="data-table data-table--reflow">
                  <caption>Mouvements ({statement.entries.length})</caption>
                  <thead>
                    <tr>
                      <th scope="col">Date</th>
                      <th scope="col">Opération</th>
                      <th scope="col">Référence</th>
                      <th scope="col" className="billing-amount">
                        Débit
                      </th>
                      <th scope="col" className="billing-amount">
                        Crédit
                      </th>
                      <th scope="col" className="billing-amount">
                        Solde
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {statement.entries.map((entry, index) => {
                      const link = ENTRY_LINK[entry.kind];
                      return (
                        <tr key={`${entry.kind}-${entry.document_id}-${index}`}>
                          <td data-label="Date">{formatDate(entry.on)}</td>
                          <td data-label="Opération">{entry.label}</td>
                          <td data-label="Référence">{link ? <Link to={link(entry.document_id)}>{entry.reference}</Link> : entry.reference || "—"}</td>
                          <td data-label="Débit" className="billing-amount">
                            {Number(entry.debit) ? formatMoney(entry.debit) : ""}
                          </td>
                          <td data-label="Crédit" className="billing-amount">
                            {Number(entry.credit) ? formatMoney(entry.credit) : ""}
                          </td>
                          <td data-label="Solde" className="billing-amount">
                            {formatMoney(entry.balance)}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </QueryView>
    </section>
  );
}
