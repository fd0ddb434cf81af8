import { useEffect, useRef } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { attemptPolling, billingKeys, isFinal, useAttempt, type AttemptStatus, type PaymentAttempt } from "../../../api/billing";
import { familyKeys } from "../../../api/family";
import { formatMoney } from "../../../format/money";
import { usePageTitle } from "../../../theme/usePageTitle";
import { Breadcrumb } from "../components/Breadcrumb";
import { PageError } from "../components/PageStates";
import { billingTabPath } from "./BillingPage";

export const WAITING_MESSAGE = "Nous attendons la confirmation de votre paiement…";
export const NOT_DEBITED = "Aucun montant n'a été débité : vos factures restent à payer.";

const TITLES: Record<AttemptStatus, string> = {
  pending: "Paiement en cours de confirmation",
  succeeded: "Paiement accepté",
  failed: "Paiement refusé",
  cancelled: "Paiement abandonné",
  expired: "Paiement expiré",
  refunded: "Paiement remboursé",
};

const FAILURES: Partial<Record<AttemptStatus, string>> = {
  failed: "Le paiement a été refusé par la banque ou le prestataire de paiement.",
  cancelled: "Vous avez abandonné le paiement avant de le valider.",
  expired: "Le délai pour effectuer le paiement est dépassé.",
};

/**
 * /facturation/paiement/:attemptId — where the provider sends the parent
 * back: the attempt is asked again while pending, then the outcome.
 */
export function PaymentResultPage() {
  const { attemptId = "" } = useParams();
  const attempt = useAttempt(attemptId);
  const status = attempt.data?.status;
  const title = status ? TITLES[status] ?? "Résultat du paiement" : "Résultat du paiement";
  usePageTitle(title);
  const queryClient = useQueryClient();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const wasPending = useRef(false);

  // Once the outcome is known: refresh the account, and move the focus to the
  // outcome's title if the parent was waiting on this page.
  useEffect(() => {
    if (status === "pending") {
      wasPending.current = true;
      return;
    }
    if (!isFinal(status)) return;
    void queryClient.invalidateQueries({ queryKey: billingKeys.all, predicate: (query) => query.queryKey[1] !== "attempt" });
    void queryClient.invalidateQueries({ queryKey: familyKeys.home });
    if (wasPending.current) headingRef.current?.focus();
  }, [status, queryClient]);

  return (
    <>
      <Breadcrumb trail={[{ label: "Facturation", path: "/facturation" }, { label: "Résultat du paiement" }]} />
      <h1 ref={headingRef} tabIndex={-1}>
        {title}
      </h1>
      {/* One live region for the whole wait, so that each step is announced. */}
      <div role="status" className="billing-outcome-region">
        {attempt.isPending ? (
          <p className="page-loading">
            <span className="spinner" aria-hidden="true" /> Vérification de votre paiement…
          </p>
        ) : attempt.data ? (
          <OutcomeMessage attempt={attempt.data} />
        ) : null}
      </div>
      {attempt.isError && !attempt.data ? (
        <PageError error={attempt.error} onRetry={() => void attempt.refetch()} />
      ) : attempt.data ? (
        <Outcome
          attempt={attempt.data}
          stalled={
            attempt.data.status === "pending" &&
            (queryClient.getQueryState(billingKeys.attempt(attemptId))?.dataUpdateCount ?? 0) >= attemptPolling.maxPolls
          }
          onCheck={() => void attempt.refetch()}
          checking={attempt.isFetching}
        />
      ) : null}
    </>
  );
}

function OutcomeMessage({ attempt }: { attempt: PaymentAttempt }) {
  const { status } = attempt;
  return status === "pending" ? (
    <p className="notice notice--pending billing-waiting">
      <span className="spinner" aria-hidden="true" /> {WAITING_MESSAGE}
    </p>
  ) : status === "succeeded" ? (
    <p className="notice notice--success">
      <span aria-hidden="true">✓ </span>
      <strong>Paiement accepté.</strong> {attempt.message}
    </p>
  ) : FAILURES[status] ? (
    <div className="notice notice--error">
      <p>
        <strong>{FAILURES[status]}</strong>
      </p>
      <p>{NOT_DEBITED}</p>
    </div>
  ) : (
    <p className="notice notice--info">{attempt.message}</p>
  );
}

function Outcome({ attempt, stalled, onCheck, checking }: { attempt: PaymentAttempt; stalled: boolean; onCheck: () => void; checking: boolean }) {
  const { status } = attempt;
  return (
    <>
      {status === "pending" && (
        <>
          <p>Ne fermez pas cette page : elle se met à jour toute seule dès que le prestataire de paiement nous répond.</p>
          {stalled && (
            <p>
              La confirmation prend plus de temps que prévu.{" "}
              <button type="button" className="button button--secondary button--small" aria-disabled={checking || undefined} onClick={() => !checking && onCheck()}>
                Vérifier à nouveau
              </button>
            </p>
          )}
        </>
      )}

      {status === "succeeded" && (
        <>
          <dl className="definition-list billing-summary card">
            <div>
              <dt>Montant payé</dt>
              <dd>
                <strong>{formatMoney(attempt.amount)}</strong>
              </dd>
            </div>
            {attempt.payment_number && (
              <div>
                <dt>N° de reçu</dt>
                <dd>{attempt.payment_number}</dd>
              </div>
            )}
          </dl>
          <PaidInvoices attempt={attempt} caption="Factures payées" />
          <p className="inline-actions">
            <Link to={billingTabPath("releve")} className="button button--primary">
              Voir mon relevé de compte
            </Link>
            <Link to={billingTabPath("reglements")} className="button button--secondary">
              Mes règlements et reçus
            </Link>
          </p>
        </>
      )}

      {FAILURES[status] && (
        <>
          <PaidInvoices attempt={attempt} caption="Factures concernées" />
          <p className="inline-actions">
            <Link to="/facturation" className="button button--primary">
              Réessayer
            </Link>
            <Link to={billingTabPath("releve")} className="button button--secondary">
              Voir mon relevé de compte
            </Link>
          </p>
        </>
      )}

      {status === "refunded" && (
        <p>
          <Link to={billingTabPath("releve")}>Voir mon relevé de compte</Link>
        </p>
      )}
    </>
  );
}

function PaidInvoices({ attempt, caption }: { attempt: PaymentAttempt; caption: string }) {
  if (!attempt.invoices.length) return null;
  return (
    <div className="table-wrapper section">
      <table className="data-table billing-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">N° Facture</th>
            <th scope="col" className="billing-amount">
              Montant
            </th>
          </tr>
        </thead>
        <tbody>
          {attempt.invoices.map((invoice) => (
            <tr key={invoice.id}>
              <td>
                <Link to={`/facturation/factures/${invoice.id}`}>{invoice.number}</Link>
              </td>
              <td className="billing-amount">{formatMoney(invoice.amount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
