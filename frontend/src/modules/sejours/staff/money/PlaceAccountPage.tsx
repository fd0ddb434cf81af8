import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { ErrorSummary } from "../../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../../components/formErrors";
import { CheckboxField, InputField, SelectField, TextAreaField } from "../../../../components/FormFields";
import { QueryView } from "../../../../components/QueryView";
import { staffErrors } from "../../../../components/serverErrors";
import { SubmitButton } from "../../../../components/SubmitButton";
import { formatDate, formatDateTime, formatPeriod } from "../../../../format/dates";
import { cents, formatMoney, parseAmount, toDecimal } from "../../../../format/money";
import { usePageTitle } from "../../../../theme/usePageTitle";
import {
  addAid,
  cancelPlace,
  fetchAccount,
  invoiceLink,
  moneyKeys,
  removeAid,
  type CancellationResult,
  type InvoiceRef,
  type StaffPlaceAccount,
} from "./api";
import "./money.css";

const AID_KINDS = [
  { value: "cse", label: "Comité d'entreprise (CSE)" },
  { value: "other", label: "Autre aide" },
];

function InvoiceCell({ invoice, missing }: { invoice: InvoiceRef; missing: string }) {
  if (invoice.invoice_id === null) return <span className="sejours-money__muted">{missing}</span>;
  return (
    <>
      <Link to={invoiceLink(invoice.invoice_id)}>Facture {invoice.number}</Link>
      {invoice.status_label ? ` — ${invoice.status_label}` : ""}
    </>
  );
}

/** « Compte d'une place »: price, invoices, aids, and cancelling the place. */
export function PlaceAccountPage() {
  const wishId = Number(useParams().wishId);
  const query = useQuery({
    queryKey: moneyKeys.account(wishId),
    queryFn: ({ signal }) => fetchAccount(wishId, signal),
  });
  usePageTitle(query.data ? `Place de ${query.data.child.name}` : "Place d'un séjour");

  return (
    <section aria-labelledby="place-titre" className="sejours-money">
      <p>
        <Link to="/gestion/sejours">← Séjours</Link>
      </p>
      <QueryView query={query} loadingLabel="Chargement du compte de la place…">
        {(account) => <Account account={account} />}
      </QueryView>
    </section>
  );
}

function Account({ account }: { account: StaffPlaceAccount }) {
  const { stay } = account;
  return (
    <>
      <h1 id="place-titre">
        {account.child.name} — {stay.name}
      </h1>
      <p className="sejours-money__facts">
        Séjour {formatPeriod(stay.start_date, stay.end_date)} · Famille{" "}
        <Link to={`/gestion/familles/${account.family_id}`}>{account.family_name}</Link> ·{" "}
        <span className="sejours-money__status">{account.status_label}</span>
      </p>

      <section aria-labelledby="prix-titre" className="sejours-money__card">
        <h2 id="prix-titre">Prix et échéancier</h2>
        <ul className="sejours-money__lines">
          {account.lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <dl className="sejours-money__summary">
          <div>
            <dt>Prix du séjour</dt>
            <dd>{formatMoney(account.price)}</dd>
          </div>
          <div>
            <dt>Reste à payer (après aides)</dt>
            <dd>{formatMoney(account.left_to_pay)}</dd>
          </div>
          <div>
            <dt>Non encore réglé sur les factures</dt>
            <dd>{formatMoney(account.outstanding)}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="factures-titre" className="sejours-money__card">
        <h2 id="factures-titre">Factures</h2>
        <table className="sejours-money__table">
          <caption className="visually-hidden">Factures de la place</caption>
          <thead>
            <tr>
              <th scope="col">Document</th>
              <th scope="col">Montant</th>
              <th scope="col">Facture</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Acompte</th>
              <td className="num">{formatMoney(account.deposit.amount)}</td>
              <td>
                <InvoiceCell invoice={account.deposit} missing="Pas d'acompte facturé" />
              </td>
            </tr>
            <tr>
              <th scope="row">Solde (au {formatDate(account.balance.due_on)})</th>
              <td className="num">{formatMoney(account.balance.amount)}</td>
              <td>
                <InvoiceCell invoice={account.balance} missing="Facturé à sa date" />
              </td>
            </tr>
            {account.credit_notes.map((note) => (
              <tr key={note.invoice_id}>
                <th scope="row">{note.kind === "credit_note" ? "Avoir" : "Frais d'annulation"}</th>
                <td className="num">{formatMoney(note.amount)}</td>
                <td>
                  <Link to={invoiceLink(note.invoice_id)}>
                    {note.kind === "credit_note" ? "Avoir" : "Facture"} {note.number}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="sejours-money__hint">
          Chèques-vacances ANCV, chèques ou virements : enregistrez le règlement depuis la facture ou la
          facturation de la famille.
        </p>
      </section>

      <Aids account={account} />
      {account.cancellation.can_cancel ? (
        <CancelPlace account={account} />
      ) : (
        account.cancellation.cancelled_at && (
          <section aria-labelledby="annulation-titre" className="sejours-money__card">
            <h2 id="annulation-titre">Annulation</h2>
            <p>
              Annulée le {formatDateTime(account.cancellation.cancelled_at)}
              {account.cancellation.medical ? " sur certificat médical" : ""} : {account.cancellation.reason}
            </p>
          </section>
        )
      )}
    </>
  );
}

function Aids({ account }: { account: StaffPlaceAccount }) {
  const client = useQueryClient();
  const [kind, setKind] = useState<"cse" | "other">("cse");
  const [label, setLabel] = useState("");
  const [amount, setAmount] = useState("");
  const [proof, setProof] = useState("");
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [done, setDone] = useState("");
  const canEdit = account.cancellation.can_cancel && account.balance.invoice_id === null;
  const key = moneyKeys.account(account.wish_id);

  const add = useMutation({
    mutationFn: () =>
      addAid(account.wish_id, { kind, label, amount: toDecimal(parseAmount(amount) ?? 0), proof: proof ? Number(proof) : null }),
    onSuccess: (data) => {
      client.setQueryData(key, data);
      setLabel("");
      setAmount("");
      setProof("");
      setErrors([]);
      setDone("Aide ajoutée.");
    },
    onError: (error) => setErrors(staffErrors(error, { amount: "aide-montant", label: "aide-libelle", proof: "aide-justificatif" })),
  });
  const remove = useMutation({
    mutationFn: (aidId: number) => removeAid(account.wish_id, aidId),
    onSuccess: () => {
      setDone("Aide retirée.");
      void client.invalidateQueries({ queryKey: key });
    },
    onError: (error) => setErrors(staffErrors(error)),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setDone("");
    const value = parseAmount(amount);
    if (value === null || value <= 0) {
      setErrors([{ message: "Indiquez le montant de l'aide (en euros).", fieldId: "aide-montant" }]);
      return;
    }
    if (!add.isPending) add.mutate();
  }

  return (
    <section aria-labelledby="aides-titre" className="sejours-money__card">
      <h2 id="aides-titre">Aides</h2>
      {account.aids.length === 0 ? (
        <p>Aucune aide pour cette place.</p>
      ) : (
        <ul className="sejours-money__aids">
          {account.aids.map((aid) => (
            <li key={aid.id}>
              <span>
                {aid.label} : <strong>{formatMoney(aid.amount)}</strong>
                {aid.amount !== aid.granted ? ` (accordée : ${formatMoney(aid.granted)})` : ""}
                {aid.proof_id ? " · justificatif joint" : ""}
              </span>
              {aid.removable && (
                <button
                  type="button"
                  className="button button--secondary"
                  aria-disabled={remove.isPending || undefined}
                  aria-label={`Retirer l'aide « ${aid.label} »`}
                  onClick={() => !remove.isPending && remove.mutate(aid.id)}
                >
                  Retirer
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {account.vacaf_estimate && (
        <p className="sejours-money__hint">VACAF calculée : {account.vacaf_estimate.detail}</p>
      )}
      <p role="status" className="sejours-money__done">
        {done}
      </p>
      {canEdit ? (
        <form onSubmit={submit} noValidate aria-labelledby="aide-form-titre">
          <h3 id="aide-form-titre">Ajouter une aide (CSE, autre financeur)</h3>
          <ErrorSummary items={errors} />
          <div className="form-grid form-grid--2">
            <SelectField id="aide-type" label="Type d'aide" value={kind} onChange={(v) => setKind(v as "cse" | "other")} options={AID_KINDS} required />
            <InputField id="aide-libelle" label="Libellé" hint="Ex. : CSE Papeteries de l'Isère" value={label} onChange={setLabel} errors={fieldErrors(errors, "aide-libelle")} />
            <InputField
              id="aide-montant"
              label="Montant (€)"
              inputMode="decimal"
              value={amount}
              onChange={setAmount}
              required
              errors={fieldErrors(errors, "aide-montant")}
            />
            <SelectField
              id="aide-justificatif"
              label="Justificatif"
              hint="Une pièce du dossier de la famille (déposez-la d'abord dans son dossier)."
              value={proof}
              onChange={setProof}
              placeholder="Aucun"
              options={account.documents.map((d) => ({ value: String(d.id), label: d.label }))}
              errors={fieldErrors(errors, "aide-justificatif")}
            />
          </div>
          <SubmitButton busy={add.isPending} label="Ajouter l'aide" busyLabel="Ajout en cours…" />
        </form>
      ) : (
        <p className="sejours-money__hint">
          {account.balance.invoice_id !== null
            ? "Le solde est facturé : une correction se fait par un avoir depuis la facture."
            : "La place n'est plus réservée."}
        </p>
      )}
    </section>
  );
}

function CancelPlace({ account }: { account: StaffPlaceAccount }) {
  const client = useQueryClient();
  const [reason, setReason] = useState("");
  const [medical, setMedical] = useState(false);
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [result, setResult] = useState<CancellationResult | null>(null);
  const preview = account.cancellation;
  // On a medical certificate everything invoiced is credited: what the scale would credit,
  // plus what it would keep of the invoices.
  const invoicedCredit =
    (cents(preview.preview_credit ?? 0) + cents(preview.preview_kept ?? 0) - cents(preview.preview_to_invoice ?? 0)) / 100;

  const cancel = useMutation({
    mutationFn: () => cancelPlace(account.wish_id, { reason, medical }),
    onSuccess: (data) => {
      setResult(data);
      setErrors([]);
      void client.invalidateQueries({ queryKey: moneyKeys.account(account.wish_id) });
    },
    onError: (error) => setErrors(staffErrors(error, { reason: "annulation-motif" })),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setErrors([{ message: "Indiquez le motif de l'annulation.", fieldId: "annulation-motif" }]);
      return;
    }
    if (!cancel.isPending) cancel.mutate();
  }

  return (
    <section aria-labelledby="annulation-titre" className="sejours-money__card sejours-money__card--danger">
      <h2 id="annulation-titre">Annuler la place</h2>
      <div role="status">
        {result && (
          <p className="notice notice--success">
            Place annulée : {formatMoney(result.kept)} retenus, avoir de {formatMoney(result.credit)}.
          </p>
        )}
      </div>
      <form onSubmit={submit} noValidate>
        <ErrorSummary items={errors} />
        <TextAreaField id="annulation-motif" label="Motif" required value={reason} onChange={setReason} errors={fieldErrors(errors, "annulation-motif")} />
        <CheckboxField
          id="annulation-medicale"
          label="Certificat médical reçu"
          hint="Rien n'est retenu : tout ce qui a été facturé fait l'objet d'un avoir."
          checked={medical}
          onChange={setMedical}
        />
        <div className="sejours-money__preview" aria-live="polite">
          <h3>Si la place est annulée aujourd'hui</h3>
          {medical ? (
            <p>
              Retenu : {formatMoney(0)} · avoir : {formatMoney(invoicedCredit)}
            </p>
          ) : (
            <>
              <p>
                Retenu : <strong>{formatMoney(preview.preview_kept)}</strong> · avoir : {formatMoney(preview.preview_credit)}
                {Number(preview.preview_to_invoice ?? 0) > 0 ? ` · reste à facturer : ${formatMoney(preview.preview_to_invoice)}` : ""}
                {Number(preview.preview_refund ?? 0) > 0 ? ` · à rembourser : ${formatMoney(preview.preview_refund)}` : ""}
              </p>
              <ul className="sejours-money__lines">
                {preview.lines.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </>
          )}
        </div>
        <SubmitButton busy={cancel.isPending} label="Annuler la place" busyLabel="Annulation en cours…" />
      </form>
    </section>
  );
}
