import { useId, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { billingKeys, browser, checkout, toCents, useAccount, useProvider, type InvoiceSummary } from "../../../api/billing";
import { mapApiError, type FieldErrorItem } from "../../../components/apiErrors";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { formatDate } from "../../../format/dates";
import { formatMoney } from "../../../format/money";
import { plural } from "../../../format/text";
import { PageError, PageLoading } from "../components/PageStates";
import { balanceSentence, DueDate } from "./shared";

export const PAY_INTRO =
  "Cochez ou décochez les factures pour payer ce que vous avez sélectionné. Le montant à régler est calculé au fur et à mesure.";
export const NOTHING_TICKED = "Cochez au moins une facture pour pouvoir payer.";
export const ONLINE_PAYMENT_OFF =
  "Le paiement en ligne n'est pas proposé pour le moment : réglez vos factures auprès de la structure (chèque, espèces, virement…).";

/** « Factures à payer »: tick the invoices (all by default), see the total, then Payer. */
export function PayPanel() {
  const account = useAccount();
  const provider = useProvider();
  const queryClient = useQueryClient();
  const [unticked, setUnticked] = useState<ReadonlySet<number>>(new Set());
  const [errors, setErrors] = useState<FieldErrorItem[]>([]);
  const explanationId = useId();

  const pay = useMutation({
    mutationFn: checkout,
    onSuccess: (result) => browser.assign(result.redirect_url),
    onError: (error) => {
      setErrors(mapApiError(error, { idFor: () => undefined }));
      void queryClient.invalidateQueries({ queryKey: billingKeys.account });
    },
  });

  if (account.isPending) return <PageLoading label="Chargement de vos factures…" />;
  if (account.isError) return <PageError error={account.error} onRetry={() => void account.refetch()} />;

  const unpaid = account.data.unpaid;
  const selected = unpaid.filter((invoice) => !unticked.has(invoice.id));
  const totalCents = selected.reduce((sum, invoice) => sum + toCents(invoice.outstanding), 0);
  const onlineEnabled = provider.data?.enabled === true;
  const busy = pay.isPending || pay.isSuccess;
  const blocked = !selected.length ? NOTHING_TICKED : provider.isPending ? "" : !onlineEnabled ? ONLINE_PAYMENT_OFF : "";
  const canPay = selected.length > 0 && onlineEnabled && !busy;

  const toggle = (id: number) =>
    setUnticked((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const allTicked = selected.length === unpaid.length;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!canPay) return;
    setErrors([]);
    pay.mutate(selected.map((invoice) => invoice.id));
  }

  return (
    <section aria-labelledby="factures-a-payer-titre">
      <h2 id="factures-a-payer-titre">Factures à payer</h2>
      <p className="billing-balance">
        <strong>{balanceSentence(account.data.balance)}</strong>
        {Number(account.data.credit) > 0 && <> Avance ou avoir disponible : {formatMoney(account.data.credit)}.</>}
      </p>
      <ErrorSummary items={errors} title="Le paiement n'a pas pu commencer" />
      {unpaid.length === 0 ? (
        <p className="notice notice--success">
          <span aria-hidden="true">✓ </span>Vous n'avez aucune facture à payer.
        </p>
      ) : (
        <form noValidate onSubmit={submit} className="billing-pay">
          <p>{PAY_INTRO}</p>
          {provider.data?.enabled && provider.data.is_demo && (
            <p className="notice notice--warning">
              <strong>Mode démonstration :</strong> {provider.data.label}.
            </p>
          )}
          <p className="inline-actions">
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => setUnticked(allTicked ? new Set(unpaid.map((invoice) => invoice.id)) : new Set())}
            >
              {allTicked ? "Tout décocher" : "Tout cocher"}
            </button>
          </p>
          <UnpaidTable invoices={unpaid} isTicked={(id) => !unticked.has(id)} onToggle={toggle} />
          <p role="status" className="billing-total">
            <strong>Total sélectionné : {formatMoney(totalCents / 100)}</strong>
            <span className="billing-total__count">
              {" "}
              ({plural(selected.length, "facture", "factures")} sur {unpaid.length})
            </span>
          </p>
          <div className="form-actions">
            <button
              type="submit"
              className="button button--primary"
              aria-disabled={!canPay || undefined}
              aria-describedby={blocked ? explanationId : undefined}
            >
              {busy && <span className="spinner" aria-hidden="true" />}
              {busy ? "Redirection vers le paiement sécurisé…" : "Payer"}
            </button>
            <span className="visually-hidden" role="status">
              {busy ? "Redirection vers le paiement sécurisé…" : ""}
            </span>
          </div>
          {blocked && (
            <p id={explanationId} className="form-note billing-pay__why">
              {blocked}
            </p>
          )}
          {onlineEnabled && provider.data && !provider.data.is_demo && (
            <p className="form-note">Vous serez redirigé vers la page de paiement sécurisé de {provider.data.label}.</p>
          )}
        </form>
      )}
      <p>
        <Link to="/facturation?onglet=releve">Consulter l'historique de mon compte (relevé de compte)</Link>
      </p>
    </section>
  );
}

function UnpaidTable({
  invoices,
  isTicked,
  onToggle,
}: {
  invoices: InvoiceSummary[];
  isTicked: (id: number) => boolean;
  onToggle: (id: number) => void;
}) {
  return (
    <div className="table-wrapper">
      <table className="data-table billing-table billing-table--cards">
        <caption className="visually-hidden">Factures impayées</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Sélection</span>
            </th>
            <th scope="col">N° Facture</th>
            <th scope="col">Date Facture</th>
            <th scope="col">Date Échéance</th>
            <th scope="col" className="billing-amount">
              Montant
            </th>
            <th scope="col" className="billing-amount">
              Reste à payer
            </th>
          </tr>
        </thead>
        <tbody>
          {invoices.map((invoice) => {
            const ticked = isTicked(invoice.id);
            return (
              <tr key={invoice.id} className={ticked ? "billing-row billing-row--ticked" : "billing-row"}>
                <td className="billing-row__select">
                  <input
                    type="checkbox"
                    id={`facture-${invoice.id}`}
                    checked={ticked}
                    onChange={() => onToggle(invoice.id)}
                    aria-label={`Sélectionner la facture ${invoice.number}`}
                  />
                </td>
                <td data-label="N° Facture">
                  <Link to={`/facturation/factures/${invoice.id}`}>{invoice.number}</Link>
                </td>
                <td data-label="Date Facture">{formatDate(invoice.issue_date)}</td>
                <td data-label="Date Échéance">
                  <DueDate invoice={invoice} />
                </td>
                <td data-label="Montant" className="billing-amount">
                  {formatMoney(invoice.total)}
                </td>
                <td data-label="Reste à payer" className="billing-amount">
                  <strong>{formatMoney(invoice.outstanding)}</strong>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
