import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../components/formErrors";
import { InputField, TextAreaField } from "../../../components/FormFields";
import { QueryView } from "../../../components/QueryView";
import { staffErrors } from "../../../components/serverErrors";
import { SubmitButton } from "../../../components/SubmitButton";
import { formatDate } from "../../../format/dates";
import { cents, formatMoney, parseAmount, toDecimal } from "../../../format/money";
import { usePageTitle } from "../../../theme/usePageTitle";
import { StatusMessage } from "../StaffUi";
import { billingKeys, createCreditNote, fetchInvoice, invoicePdfUrl, type CreditNoteInput, type Received, type StaffInvoiceDetail } from "./api";
import { BillingBreadcrumb } from "./BillingLayout";

/** An issued invoice or credit note: lines, what settled it, its credit notes. */
export function InvoicePage() {
  const { invoiceId: raw } = useParams();
  const invoiceId = Number(raw);
  const query = useQuery({
    queryKey: billingKeys.invoice(invoiceId),
    queryFn: ({ signal }) => fetchInvoice(invoiceId, signal),
    enabled: Number.isInteger(invoiceId) && invoiceId > 0,
  });
  usePageTitle(query.data ? `${query.data.kind_label} ${query.data.number} — Facturation` : "Facture");
  return (
    <>
      <BillingBreadcrumb to="/gestion/facturation/factures" label="Factures et avoirs" />
      <QueryView query={query} loadingLabel="Chargement de la facture…">
        {(invoice) => <InvoiceDetail invoice={invoice} />}
      </QueryView>
    </>
  );
}

function InvoiceDetail({ invoice }: { invoice: StaffInvoiceDetail }) {
  const [status, setStatus] = useState("");
  const received = invoice.received as unknown as Received[];
  const isInvoice = invoice.kind === "invoice";
  return (
    <>
      <h1>
        {invoice.kind_label} {invoice.number}
      </h1>
      <p className="lead">
        <Link to={`/gestion/familles/${invoice.family_id}/facturation`}>{invoice.recipient_name}</Link> · Famille n° {invoice.family_number} ·{" "}
        <span className="status-pill">{invoice.status_label}</span>
      </p>
      <p>
        <a href={invoicePdfUrl(invoice.id)} target="_blank" rel="noreferrer">
          Télécharger le PDF{" "}<span className="visually-hidden">de {invoice.kind === "invoice" ? "la facture" : "l'avoir"} {invoice.number} (nouvelle fenêtre)</span>
        </a>
      </p>
      <StatusMessage message={status} />
      {invoice.refers_to && (
        <p className="notice notice--info">
          Cet avoir corrige la facture <Link to={`/gestion/facturation/factures/${invoice.refers_to}`}>{invoice.refers_to_number}</Link>
          {invoice.reason ? ` : ${invoice.reason}` : "."}
        </p>
      )}

      <dl className="billing-totals" aria-label="Montants">
        <div>
          <dt>Montant</dt>
          <dd>{formatMoney(invoice.total)}</dd>
        </div>
        {isInvoice && (
          <>
            <div>
              <dt>Réglé</dt>
              <dd>{formatMoney(invoice.settled_amount)}</dd>
            </div>
            <div>
              <dt>Reste dû</dt>
              <dd>{formatMoney(invoice.outstanding)}</dd>
            </div>
          </>
        )}
      </dl>
      <ul>
        <li>Émise le {formatDate(invoice.issue_date)}</li>
        {invoice.due_date && <li>À payer avant le {formatDate(invoice.due_date)}</li>}
        {invoice.period_start && invoice.period_end && (
          <li>
            Période du {formatDate(invoice.period_start)} au {formatDate(invoice.period_end)}
          </li>
        )}
        {invoice.recipient_address && <li>Adresse : {invoice.recipient_address.split("\n").join(", ")}</li>}
      </ul>

      <section aria-labelledby="lignes-titre" className="section">
        <h2 id="lignes-titre">Lignes</h2>
        {invoice.lines.length === 0 ? (
          <p>Aucune ligne.</p>
        ) : (
          <div className="table-wrapper">
            <table className="data-table data-table--reflow">
              <caption className="visually-hidden">Lignes</caption>
              <thead>
                <tr>
                  <th scope="col">Enfant</th>
                  <th scope="col">Activité</th>
                  <th scope="col">Date</th>
                  <th scope="col">Libellé</th>
                  <th scope="col">Tarification</th>
                  <th scope="col" className="billing-amount">
                    Montant
                  </th>
                </tr>
              </thead>
              <tbody>
                {invoice.lines.map((line) => (
                  <tr key={line.id}>
                    <td data-label="Enfant">{line.child_name || "—"}</td>
                    <td data-label="Activité">{line.activity_name || "—"}</td>
                    <td data-label="Date">{formatDate(line.date) || "—"}</td>
                    <td data-label="Libellé">{line.label}</td>
                    <td data-label="Tarification">{line.tariff_name || "—"}</td>
                    <td data-label="Montant" className="billing-amount">
                      {formatMoney(line.amount)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {isInvoice && (
        <section aria-labelledby="reglements-titre" className="section">
          <h2 id="reglements-titre">Règlements et avoirs reçus</h2>
          {received.length === 0 ? (
            <p>Rien n'a encore été reçu pour cette facture.</p>
          ) : (
            <table className="data-table data-table--reflow">
              <caption className="visually-hidden">Règlements et avoirs reçus</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Origine</th>
                  <th scope="col">Référence</th>
                  <th scope="col" className="billing-amount">
                    Montant
                  </th>
                </tr>
              </thead>
              <tbody>
                {received.map((r) => (
                  <tr key={r.id}>
                    <td data-label="Date">{formatDate(r.on)}</td>
                    <td data-label="Origine">{r.source}</td>
                    <td data-label="Référence">{r.reference || "—"}</td>
                    <td data-label="Montant" className="billing-amount">
                      {formatMoney(r.amount)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {invoice.credit_notes.length > 0 && (
            <>
              <h3>Avoirs émis sur cette facture</h3>
              <ul>
                {invoice.credit_notes.map((note) => (
                  <li key={note.id}>
                    <Link to={`/gestion/facturation/factures/${note.id}`}>Avoir {note.number}</Link> du {formatDate(note.issue_date)} : {formatMoney(note.total)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}

      {isInvoice && <CreditNoteSection invoice={invoice} onDone={setStatus} />}
    </>
  );
}

const IDS = { reason: "avoir-motif", amount: "avoir-montant" } as const;

function CreditNoteSection({ invoice, onDone }: { invoice: StaffInvoiceDetail; onDone: (message: string) => void }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState({ reason: "", amount: "" });
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const left = invoice.creditable;
  const mutation = useMutation({
    mutationFn: (input: CreditNoteInput) => createCreditNote(invoice.id, input),
    onSuccess: (note) => {
      setErrors([]);
      setValues({ reason: "", amount: "" });
      onDone(`L'avoir ${note.number} de ${formatMoney(note.total)} est émis.`);
      void queryClient.invalidateQueries({ queryKey: billingKeys.all });
    },
    onError: (error) => setErrors(staffErrors(error, IDS)),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const found: FormErrorItem[] = [];
    if (!values.reason.trim()) found.push({ fieldId: IDS.reason, message: "Indiquez le motif de l'avoir." });
    let amount: string | null = null;
    if (values.amount.trim()) {
      const parsed = parseAmount(values.amount);
      if (parsed === null || parsed <= 0) found.push({ fieldId: IDS.amount, message: "Indiquez un montant positif, par exemple 12,50." });
      else if (cents(parsed) > cents(left)) found.push({ fieldId: IDS.amount, message: `L'avoir ne peut dépasser ${formatMoney(left)}.` });
      else amount = toDecimal(parsed);
    }
    setErrors(found);
    if (found.length) return;
    onDone("");
    mutation.mutate({ reason: values.reason.trim(), amount });
  }

  return (
    <section aria-labelledby="avoir-titre" className="section">
      <h2 id="avoir-titre">Émettre un avoir</h2>
      <p>
        Une facture émise n'est jamais modifiée : pour la corriger (erreur, prestation annulée, geste commercial…), émettez un avoir. Il est déduit de ce que la
        famille doit.
      </p>
      {left <= 0 ? (
        <p className="notice notice--info">Cette facture est déjà entièrement couverte par des avoirs.</p>
      ) : (
        <>
          <ErrorSummary items={errors} />
          <form className="form" noValidate onSubmit={submit}>
            <TextAreaField
              id={IDS.reason}
              label="Motif de l'avoir"
              hint="Il figure sur l'avoir envoyé à la famille."
              required requiredMark={false}
              rows={3}
              value={values.reason}
              onChange={(v) => setValues((s) => ({ ...s, reason: v }))}
              errors={fieldErrors(errors, IDS.reason)}
            />
            <InputField
              id={IDS.amount}
              label="Montant (€)"
              inputMode="decimal"
              hint={`Laissez vide pour annuler tout ce qui reste de la facture (${formatMoney(left)}).`}
              value={values.amount}
              onChange={(v) => setValues((s) => ({ ...s, amount: v }))}
              errors={fieldErrors(errors, IDS.amount)}
            />
            <div className="button-row">
              <SubmitButton busy={mutation.isPending} label="Émettre l'avoir" busyLabel="Émission de l'avoir…" />
            </div>
          </form>
        </>
      )}
    </section>
  );
}
