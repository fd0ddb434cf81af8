import { useRef, useState, type FormEvent } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { ApiError } from "../../../api/client";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../components/formErrors";
import { InputField, CheckboxField } from "../../../components/FormFields";
import { QueryView } from "../../../components/QueryView";
import { staffErrors } from "../../../components/serverErrors";
import { SubmitButton } from "../../../components/SubmitButton";
import { formatDate } from "../../../format/dates";
import { formatMoney } from "../../../format/money";
import { useFamilyFile } from "../FamilyFileLayout";
import { StatusMessage } from "../StaffUi";
import {
  billingKeys,
  fetchAccount,
  fetchMandate,
  fetchStatement,
  invoicePdfUrl,
  receiptPdfUrl,
  saveMandate,
  type Mandate,
  type MandateInput,
  type StatementEntry,
  type StatementFilters,
} from "./api";

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
                      <th scope="col">
                        <span className="visually-hidden">Document</span>
                      </th>
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
                        <td>
                          <a href={invoicePdfUrl(invoice.id)} target="_blank" rel="noreferrer">
                            PDF <span className="visually-hidden">de la facture {invoice.number} (nouvelle fenêtre)</span>
                          </a>
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
      <MandateSection familyId={familyId} familyName={file.family.name} />
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
        <InputField id="releve-du" label="Du" type="date" value={draft.from} onChange={(v) => setDraft((d) => ({ ...d, from: v }))} />
        <InputField id="releve-au" label="Au" type="date" value={draft.to} onChange={(v) => setDraft((d) => ({ ...d, to: v }))} />
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
                          <td data-label="Référence">
                            {link ? (
                              <Link to={link(entry.document_id)}>{entry.reference}</Link>
                            ) : entry.kind === "payment" && entry.reference ? (
                              <a href={receiptPdfUrl(entry.document_id)} target="_blank" rel="noreferrer" aria-label={`${entry.reference} (reçu PDF, nouvelle fenêtre)`}>
                                {entry.reference}
                              </a>
                            ) : (
                              entry.reference || "—"
                            )}
                          </td>
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

/** The mandate, or null when the family has none (404). */
async function fetchMandateOrNone(familyId: number, signal?: AbortSignal): Promise<Mandate | null> {
  try {
    return await fetchMandate(familyId, signal);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

const yesNo = (value: boolean | undefined) => (value ? "oui" : "non");

/** The family's SEPA direct debit mandate (RUM, signature date, active). */
function MandateSection({ familyId, familyName }: { familyId: number; familyName: string }) {
  const query = useQuery({ queryKey: billingKeys.mandate(familyId), queryFn: ({ signal }) => fetchMandateOrNone(familyId, signal) });
  const [editing, setEditing] = useState(false);
  const [status, setStatus] = useState("");
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setEditing(false);
    // The button is rendered again once the form is gone.
    setTimeout(() => button.current?.focus(), 0);
  };
  return (
    <section aria-labelledby="mandat-titre" className="section">
      <h2 id="mandat-titre">Mandat de prélèvement SEPA</h2>
      <StatusMessage message={status} />
      <QueryView query={query} loadingLabel="Chargement du mandat…">
        {(mandate) =>
          editing ? (
            <MandateForm
              familyId={familyId}
              mandate={mandate}
              onCancel={close}
              onSaved={() => {
                setStatus("Le mandat de prélèvement est enregistré.");
                close();
              }}
            />
          ) : (
            <>
              {mandate ? (
                <dl className="billing-totals" aria-label="Mandat de prélèvement">
                  <div>
                    <dt>Référence (RUM)</dt>
                    <dd className="billing-mandate__value">{mandate.reference}</dd>
                  </div>
                  <div>
                    <dt>Signé le</dt>
                    <dd className="billing-mandate__value">{formatDate(mandate.signed_on)}</dd>
                  </div>
                  <div>
                    <dt>Actif</dt>
                    <dd className="billing-mandate__value">{yesNo(mandate.active)}</dd>
                  </div>
                  <div>
                    <dt>Déjà prélevé</dt>
                    <dd className="billing-mandate__value">{yesNo(mandate.first_collected)}</dd>
                  </div>
                </dl>
              ) : (
                <p>Aucun mandat : la famille n'est pas prélevée.</p>
              )}
              <button
                type="button"
                ref={button}
                className="button button--secondary"
                onClick={() => {
                  setStatus("");
                  setEditing(true);
                }}
              >
                {mandate ? "Modifier le mandat" : "Enregistrer un mandat"}{" "}
                <span className="visually-hidden">de la famille {familyName}</span>
              </button>
            </>
          )
        }
      </QueryView>
    </section>
  );
}

const MANDATE_IDS = { reference: "mandat-reference", signed_on: "mandat-signature", active: "mandat-actif" } as const;

function MandateForm({ familyId, mandate, onCancel, onSaved }: { familyId: number; mandate: Mandate | null; onCancel: () => void; onSaved: () => void }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<MandateInput>({
    reference: mandate?.reference ?? "",
    signed_on: mandate?.signed_on ?? "",
    active: mandate?.active ?? true,
  });
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const mutation = useMutation({
    mutationFn: (input: MandateInput) => saveMandate(familyId, input),
    onSuccess: (saved) => {
      queryClient.setQueryData(billingKeys.mandate(familyId), saved);
      onSaved();
    },
    onError: (error) => setErrors(staffErrors(error, MANDATE_IDS)),
  });
  const newReference = Boolean(mandate && values.reference.trim() && values.reference.trim() !== mandate.reference);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const input: MandateInput = { reference: values.reference.trim(), signed_on: values.signed_on, active: Boolean(values.active) };
    const found: FormErrorItem[] = [];
    if (!input.reference) found.push({ fieldId: MANDATE_IDS.reference, message: "Indiquez la référence unique du mandat (RUM)." });
    if (!input.signed_on) found.push({ fieldId: MANDATE_IDS.signed_on, message: "Indiquez la date de signature du mandat." });
    setErrors(found);
    if (found.length) return;
    mutation.mutate(input);
  }

  return (
    <form className="form inline-edit" noValidate onSubmit={submit}>
      <fieldset className="fieldset">
        <legend>{mandate ? "Modifier le mandat de prélèvement" : "Enregistrer un mandat de prélèvement"}</legend>
        <ErrorSummary items={errors} />
        <InputField
          id={MANDATE_IDS.reference}
          label="Référence unique du mandat (RUM)"
          hint="1 à 35 caractères : lettres sans accent, chiffres, espaces et + ? / - : ( ) . , '"
          required requiredMark={false}
          maxLength={35}
          autoComplete="off"
          value={values.reference}
          onChange={(v) => setValues((s) => ({ ...s, reference: v }))}
          errors={fieldErrors(errors, MANDATE_IDS.reference)}
        />
        {newReference && (
          <p className="notice notice--info">Une nouvelle référence est un nouveau mandat : son premier prélèvement sera présenté comme tel à la banque.</p>
        )}
        <InputField
          id={MANDATE_IDS.signed_on}
          label="Signé le"
          type="date"
          required requiredMark={false}
          value={values.signed_on}
          onChange={(v) => setValues((s) => ({ ...s, signed_on: v }))}
          errors={fieldErrors(errors, MANDATE_IDS.signed_on)}
        />
        <CheckboxField
          id={MANDATE_IDS.active}
          label="Mandat actif"
          hint="Décoché, les factures de la famille ne sont plus prélevées."
          checked={Boolean(values.active)}
          onChange={(checked) => setValues((s) => ({ ...s, active: checked }))}
        />
        <p>Déjà prélevé : {yesNo(mandate?.first_collected)}</p>
        <div className="button-row">
          <SubmitButton busy={mutation.isPending} label="Enregistrer le mandat" busyLabel="Enregistrement du mandat…" />
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Annuler
          </button>
        </div>
      </fieldset>
    </form>
  );
}
