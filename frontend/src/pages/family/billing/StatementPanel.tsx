import { useId, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useStatement, type StatementEntry } from "../../../api/billing";
import { formatDate } from "../../../format/dates";
import { formatMoney } from "../../../format/money";
import { PageError, PageLoading } from "../components/PageStates";

/** The document an entry of the statement opens (invoices and credit notes have a detail page). */
function entryLink(entry: StatementEntry): string | null {
  return entry.kind === "invoice" || entry.kind === "credit_note" ? `/facturation/factures/${entry.document_id}` : null;
}

/** "12,50 €" or nothing for a zero amount (a column of a statement). */
function amountOrBlank(value: string): string {
  return Number(value) === 0 ? "" : formatMoney(value);
}

function periodLabel(from: string, to: string): string {
  if (from && to) return `du ${formatDate(from)} au ${formatDate(to)}`;
  if (from) return `depuis le ${formatDate(from)}`;
  if (to) return `jusqu'au ${formatDate(to)}`;
  return "depuis l'ouverture du compte";
}

/** « Relevé de compte »: invoices, credit notes and payments with the running balance, over a period. */
export function StatementPanel() {
  const [period, setPeriod] = useState({ from: "", to: "" });
  const [draft, setDraft] = useState(period);
  const [error, setError] = useState("");
  const statement = useStatement(period.from, period.to);
  const fromId = useId();
  const toId = useId();
  const errorId = useId();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (draft.from && draft.to && draft.from > draft.to) {
      setError("La date de début doit précéder la date de fin.");
      return;
    }
    setError("");
    setPeriod(draft);
  }

  const label = periodLabel(period.from, period.to);

  return (
    <section aria-labelledby="releve-titre">
      <h2 id="releve-titre">Relevé de compte</h2>
      <form noValidate onSubmit={submit} className="billing-period" aria-label="Période du relevé">
        <div className="field">
          <label className="field__label" htmlFor={fromId}>
            Du
          </label>
          <input
            id={fromId}
            type="date"
            className="field__control"
            value={draft.from}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            onChange={(event) => setDraft({ ...draft, from: event.target.value })}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={toId}>
            Au
          </label>
          <input
            id={toId}
            type="date"
            className="field__control"
            value={draft.to}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            onChange={(event) => setDraft({ ...draft, to: event.target.value })}
          />
        </div>
        <div className="billing-period__actions">
          <button type="submit" className="button button--secondary">
            Afficher
          </button>
        </div>
        <p id={errorId} role="alert" className="field__error billing-period__error">
          {error}
        </p>
      </form>

      {statement.isPending ? (
        <PageLoading label="Chargement du relevé…" />
      ) : statement.isError ? (
        <PageError error={statement.error} onRetry={() => void statement.refetch()} />
      ) : (
        <div className="table-wrapper" aria-busy={statement.isFetching || undefined}>
          <table className="data-table billing-table billing-statement">
            <caption>Relevé de compte {label}</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Libellé</th>
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
              <tr className="billing-statement__bound">
                <td>{period.from ? formatDate(period.from) : ""}</td>
                <th scope="row">Solde de début de période</th>
                <td />
                <td />
                <td className="billing-amount">{formatMoney(statement.data.opening_balance)}</td>
              </tr>
              {statement.data.entries.length === 0 && (
                <tr>
                  <td />
                  <td colSpan={4}>Aucune opération sur cette période.</td>
                </tr>
              )}
              {statement.data.entries.map((entry, index) => {
                const link = entryLink(entry);
                return (
                  <tr key={`${entry.kind}-${entry.document_id}-${index}`} className={`billing-statement__entry billing-statement__entry--${entry.kind}`}>
                    <td>{formatDate(entry.on)}</td>
                    <td>{link ? <Link to={link}>{entry.label}</Link> : entry.label}</td>
                    <td className="billing-amount">{amountOrBlank(entry.debit)}</td>
                    <td className="billing-amount">{amountOrBlank(entry.credit)}</td>
                    <td className="billing-amount">{formatMoney(entry.balance)}</td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr className="billing-statement__bound">
                <td>{period.to ? formatDate(period.to) : ""}</td>
                <th scope="row">Solde de fin de période</th>
                <td />
                <td />
                <td className="billing-amount">
                  <strong>{formatMoney(statement.data.closing_balance)}</strong>
                </td>
              </tr>
            </tfoot>
          </table>
          <p className="form-note">Un solde positif est un montant restant dû ; un solde négatif est en votre faveur.</p>
        </div>
      )}
    </section>
  );
}
