import { Link, Navigate, useLocation } from "react-router";
import { formatDayLabel } from "../../../format/calendar";
import { formatMoney, signedAmount } from "../../../format/money";
import { Breadcrumb } from "../../../pages/family/components/Breadcrumb";
import { usePageTitle } from "../../../theme/usePageTitle";
import type { CartLine, Outcome } from "./api";
import type { ConfirmationState } from "./CartPage";
import { OUTCOME_LABELS, useLegend } from "./legend";

function isConfirmationState(value: unknown): value is ConfirmationState {
  const state = value as ConfirmationState | null;
  return Boolean(state?.result && Array.isArray(state.result.done) && Array.isArray(state.result.failed));
}

/** /panier/confirmation — what "Terminer" recorded, and what it could not (opened from /panier only). */
export function ConfirmationPage() {
  usePageTitle("Votre réservation est terminée");
  const location = useLocation();
  const legend = useLegend();
  if (!isConfirmationState(location.state)) return <Navigate to="/planning" replace />;
  const { result, lines } = location.state;
  const byKey = new Map(lines.map((line) => [`${line.child}-${line.opening}`, line]));
  const lineOf = (outcome: Outcome): CartLine | undefined => byKey.get(`${outcome.child}-${outcome.opening}`);
  const stateLabel = (outcome: Outcome) =>
    OUTCOME_LABELS[outcome.state] ?? (outcome.state ? legend(outcome.state).label : outcome.action === "book" ? "Réservé" : "Annulé");
  const amountOf = (outcome: Outcome) => {
    const amount = signedAmount(outcome.action, outcome.amount);
    return amount === null ? "—" : formatMoney(amount);
  };
  const element = (outcome: Outcome) => {
    const line = lineOf(outcome);
    return [line?.activity, outcome.unit || line?.unit].filter(Boolean).join(" – ");
  };
  const childName = (outcome: Outcome) => lineOf(outcome)?.child_name ?? "";
  const dateOf = (outcome: Outcome) => (outcome.date ? formatDayLabel(outcome.date) : "");

  return (
    <>
      <Breadcrumb trail={[{ label: "Planning", path: "/planning" }, { label: "Votre réservation est terminée" }]} />
      <h1>Votre réservation est terminée</h1>

      {result.failed.length > 0 && (
        <section className="notice notice--error section" aria-labelledby="confirmation-echecs">
          <h2 id="confirmation-echecs">
            {result.failed.length > 1
              ? `${result.failed.length} modifications n'ont pas pu être enregistrées`
              : "1 modification n'a pas pu être enregistrée"}
          </h2>
          <ul>
            {result.failed.map((outcome) => (
              <li key={`${outcome.child}-${outcome.opening}`}>
                {[dateOf(outcome), childName(outcome), element(outcome)].filter(Boolean).join(" – ")} (
                {outcome.action === "book" ? "réservation" : "annulation"}) : <strong>{outcome.reason || "refusée"}</strong>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="section" aria-labelledby="confirmation-faites">
        <h2 id="confirmation-faites">Modifications enregistrées ({result.done.length})</h2>
        {result.done.length ? (
          <div className="table-wrapper">
            <table className="data-table cart-table">
              <caption className="visually-hidden">Modifications enregistrées</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Enfant</th>
                  <th scope="col">Élément</th>
                  <th scope="col">Réservation / Annulation</th>
                  <th scope="col">État</th>
                  <th scope="col">Coût</th>
                </tr>
              </thead>
              <tbody>
                {result.done.map((outcome) => (
                  <tr key={`${outcome.child}-${outcome.opening}`}>
                    <td data-label="Date">{dateOf(outcome)}</td>
                    <td data-label="Enfant">{childName(outcome)}</td>
                    <td data-label="Élément">{element(outcome)}</td>
                    <td data-label="Réservation / Annulation">{outcome.action === "book" ? "Réservation" : "Annulation"}</td>
                    <td data-label="État">
                      <strong>{stateLabel(outcome)}</strong>
                    </td>
                    <td data-label="Coût" className="cart-line__amount">
                      {amountOf(outcome)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>Aucune modification n'a été enregistrée.</p>
        )}
      </section>

      <p className="cart-total section">
        <strong>Coût de la période : {formatMoney(result.total)}</strong>
      </p>
      <p>Un e-mail récapitulatif vous a été envoyé.</p>
      <p>
        <Link to="/planning" className="button button--primary">
          Retour au planning
        </Link>
      </p>
    </>
  );
}
