import { Link } from "react-router";
import { useAccount } from "../../../api/account";
import { ApiError } from "../../../api/client";
import { formatDate } from "../../../format/dates";
import { formatMoney } from "../../../format/money";
import { plural } from "../../../format/text";
import { PageError } from "../components/PageStates";
import { balanceSentence, DueDate } from "./shared";

/**
 * « Informations compte » of the parent's home: the balance, the unpaid
 * invoices and "Payer mes factures". Hidden when the account is not
 * available to this user (403/404).
 */
export function AccountInfo() {
  const account = useAccount();
  if (account.isError && account.error instanceof ApiError && [403, 404].includes(account.error.status)) return null;

  return (
    <section aria-labelledby="informations-compte-titre" className="section card billing-home">
      <h2 id="informations-compte-titre">Informations compte</h2>
      {account.isPending ? (
        <p role="status" className="page-loading">
          <span className="spinner" aria-hidden="true" /> Chargement de votre compte…
        </p>
      ) : account.isError ? (
        <PageError error={account.error} onRetry={() => void account.refetch()} />
      ) : (
        <>
          <p>
            <strong>{balanceSentence(account.data.balance)}</strong>
          </p>
          {account.data.unpaid.length === 0 ? (
            <p>Aucune facture en attente de paiement.</p>
          ) : (
            <>
              <div className="table-wrapper">
                <table className="data-table billing-table billing-table--cards">
                  <caption>Factures impayées</caption>
                  <thead>
                    <tr>
                      <th scope="col">N° Facture</th>
                      <th scope="col">Date Facture</th>
                      <th scope="col">Date Échéance</th>
                      <th scope="col" className="billing-amount">
                        Montant
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {account.data.unpaid.map((invoice) => (
                      <tr key={invoice.id} className="billing-row">
                        <td data-label="N° Facture">
                          <Link to={`/facturation/factures/${invoice.id}`}>{invoice.number}</Link>
                        </td>
                        <td data-label="Date Facture">{formatDate(invoice.issue_date)}</td>
                        <td data-label="Date Échéance">
                          <DueDate invoice={invoice} />
                        </td>
                        <td data-label="Montant" className="billing-amount">
                          {formatMoney(invoice.outstanding)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p className="billing-total">
                <strong>
                  Total : {plural(account.data.unpaid_count, "facture", "factures")} = {formatMoney(account.data.unpaid_total)}
                </strong>
              </p>
              <p>
                <Link to="/facturation" className="button button--primary">
                  Payer mes factures
                </Link>
              </p>
            </>
          )}
        </>
      )}
    </section>
  );
}
