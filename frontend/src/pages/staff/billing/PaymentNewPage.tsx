import { useEffect, useRef, useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../components/formErrors";
import { InputField, SelectField, TextAreaField } from "../../../components/FormFields";
import { QueryView } from "../../../components/QueryView";
import { staffErrors } from "../../../components/serverErrors";
import { SubmitButton } from "../../../components/SubmitButton";
import { formatDate, todayIso } from "../../../format/dates";
import { cents, formatMoney, parseAmount, toDecimal } from "../../../format/money";
import { usePageTitle } from "../../../theme/usePageTitle";
import { fetchFamilyFile, searchFamilies, staffKeys } from "../api";
import {
  billingKeys,
  createPayment,
  fetchAccount,
  receiptPdfUrl,
  type Account,
  type PaidInvoice,
  type PaymentInput,
  type PaymentInputMethod,
  type StaffPayment,
} from "./api";
import { BillingBreadcrumb } from "./BillingLayout";
import { PAYMENT_METHOD_LABELS } from "./labels";

interface ChosenFamily {
  id: number;
  name: string;
  number: number;
}

/** « Enregistrer un règlement »: choose the family, then the payment and how it settles its invoices. */
export function PaymentNewPage() {
  usePageTitle("Enregistrer un règlement");
  const [params, setParams] = useSearchParams();
  const familyId = Number(params.get("famille"));
  const hasFamily = Number.isInteger(familyId) && familyId > 0;
  const [receipt, setReceipt] = useState<StaffPayment | null>(null);
  const file = useQuery({
    queryKey: staffKeys.family(familyId),
    queryFn: ({ signal }) => fetchFamilyFile(familyId, signal),
    enabled: hasFamily,
  });
  const choose = (id: number | null) => {
    setReceipt(null);
    setParams(id ? { famille: String(id) } : {});
  };

  return (
    <>
      <BillingBreadcrumb to="/gestion/facturation/reglements" label="Règlements" />
      <h1>Enregistrer un règlement</h1>
      {receipt ? (
        <Receipt payment={receipt} onAnother={() => setReceipt(null)} />
      ) : !hasFamily ? (
        <FamilyPicker onChoose={choose} />
      ) : (
        <QueryView query={file} loadingLabel="Chargement de la famille…">
          {(data) => (
            <PaymentForm
              family={{ id: familyId, name: data.family.name, number: data.family.number }}
              onChangeFamily={() => choose(null)}
              onRecorded={setReceipt}
            />
          )}
        </QueryView>
      )}
    </>
  );
}

function FamilyPicker({ onChoose }: { onChoose: (id: number) => void }) {
  const [draft, setDraft] = useState("");
  const [q, setQ] = useState("");
  const query = useQuery({
    queryKey: staffKeys.families({ q, status: "", page: 1 }),
    queryFn: ({ signal }) => searchFamilies({ q, status: "", page: 1 }, signal),
    enabled: q !== "",
  });
  return (
    <section aria-labelledby="choix-famille-titre" className="section">
      <h2 id="choix-famille-titre">1. La famille</h2>
      <form
        className="filters"
        role="search"
        aria-label="Rechercher la famille"
        onSubmit={(event) => {
          event.preventDefault();
          setQ(draft.trim());
        }}
      >
        <InputField id="reglement-famille-recherche" label="Rechercher une famille" hint="Nom, n° de famille, e-mail ou nom d'un enfant." type="search" value={draft} onChange={setDraft} />
        <div className="button-row">
          <button type="submit" className="button button--secondary">
            Rechercher
          </button>
        </div>
      </form>
      {q && (
        <QueryView query={query} loadingLabel="Recherche des familles…">
          {(data) =>
            data.results.length === 0 ? (
              <p role="status">Aucune famille ne correspond à « {q} ».</p>
            ) : (
              <ul className="account-list" aria-label="Familles trouvées">
                {data.results.map((family) => (
                  <li key={family.id} className="card">
                    <p>
                      <strong>Famille {family.name}</strong> (n° {family.number}) · {family.guardians.join(", ")}
                      {family.city ? ` · ${family.city}` : ""}
                    </p>
                    <button type="button" className="button button--secondary" onClick={() => onChoose(family.id)}>
                      Choisir{" "}<span className="visually-hidden">la famille {family.name} (n° {family.number})</span>
                    </button>
                  </li>
                ))}
              </ul>
            )
          }
        </QueryView>
      )}
    </section>
  );
}

const IDS = {
  method: "reglement-mode",
  amount: "reglement-montant",
  received_on: "reglement-date",
  reference: "reglement-reference",
  payer: "reglement-payeur",
  notes: "reglement-notes",
  allocation: "reglement-affectation",
} as const;

const allocationId = (invoiceId: number) => `reglement-affectation-${invoiceId}`;

interface PaymentFormProps {
  family: ChosenFamily;
  onChangeFamily: () => void;
  onRecorded: (payment: StaffPayment) => void;
}

/** The payment form of one family (also used in the family file). */
export function PaymentForm({ family, onChangeFamily, onRecorded }: PaymentFormProps) {
  const account = useQuery({ queryKey: billingKeys.account(family.id), queryFn: ({ signal }) => fetchAccount(family.id, signal) });
  return (
    <>
      <section aria-labelledby="famille-choisie-titre" className="section">
        <h2 id="famille-choisie-titre">1. La famille</h2>
        <p>
          <strong>Famille {family.name}</strong> (n° {family.number}){" "}
          <button type="button" className="button button--secondary" onClick={onChangeFamily}>
            Changer de famille
          </button>
        </p>
      </section>
      <QueryView query={account} loadingLabel="Chargement du compte de la famille…">
        {(data) => <PaymentFields family={family} account={data} onRecorded={onRecorded} />}
      </QueryView>
    </>
  );
}

function PaymentFields({ family, account, onRecorded }: { family: ChosenFamily; account: Account; onRecorded: (payment: StaffPayment) => void }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState({
    method: "cheque" as PaymentInputMethod,
    amount: "",
    received_on: todayIso(),
    reference: "",
    payer: "",
    notes: "",
    allocation: "auto" as "auto" | "manual",
  });
  const [shares, setShares] = useState<Record<number, string>>({});
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const mutation = useMutation({
    mutationFn: createPayment,
    onSuccess: (payment) => {
      setErrors([]);
      void queryClient.invalidateQueries({ queryKey: billingKeys.all });
      onRecorded(payment);
    },
    onError: (error) =>
      setErrors(
        staffErrors(error, IDS, {
          allocations: "Affectation",
        }),
      ),
  });
  const unpaid = account.unpaid;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const found: FormErrorItem[] = [];
    const amount = parseAmount(values.amount);
    if (amount === null || amount <= 0) found.push({ fieldId: IDS.amount, message: "Indiquez le montant reçu, par exemple 45,50." });
    if (!values.received_on) found.push({ fieldId: IDS.received_on, message: "Indiquez la date de réception." });
    const allocations: NonNullable<PaymentInput["allocations"]> = [];
    if (values.allocation === "manual") {
      let total = 0;
      for (const invoice of unpaid) {
        const text = (shares[invoice.id] ?? "").trim();
        if (!text) continue;
        const share = parseAmount(text);
        if (share === null) {
          found.push({ fieldId: allocationId(invoice.id), message: `Facture ${invoice.number} : indiquez un montant, par exemple 12,50.` });
          continue;
        }
        if (share === 0) continue;
        if (cents(share) > cents(invoice.outstanding))
          found.push({ fieldId: allocationId(invoice.id), message: `Facture ${invoice.number} : le reste dû n'est que de ${formatMoney(invoice.outstanding)}.` });
        total += cents(share);
        allocations.push({ invoice: invoice.id, amount: toDecimal(share) });
      }
      if (amount !== null && total > cents(amount))
        found.push({ fieldId: IDS.amount, message: `Les montants affectés (${formatMoney(total / 100)}) dépassent le montant reçu (${formatMoney(amount)}).` });
    }
    setErrors(found);
    if (found.length || amount === null) return;
    mutation.mutate({
      family: family.id,
      method: values.method,
      amount: toDecimal(amount),
      received_on: values.received_on,
      reference: values.reference.trim(),
      payer: values.payer.trim(),
      notes: values.notes.trim(),
      allocation: values.allocation,
      allocations,
    });
  }

  const set = (name: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [name]: value }));
  const amount = parseAmount(values.amount);
  const allocated = Object.values(shares).reduce((sum, text) => sum + cents(parseAmount(text) ?? 0), 0);
  return (
    <>
      <section aria-labelledby="compte-titre" className="section">
        <h2 id="compte-titre">Compte de la famille</h2>
        <p>
          Solde : <strong>{formatMoney(account.balance)}</strong> · {account.unpaid_count} facture{account.unpaid_count > 1 ? "s" : ""} à payer (
          {formatMoney(account.unpaid_total)})
          {Number(account.credit) > 0 ? ` · Avance ou avoir disponible : ${formatMoney(account.credit)}` : ""}
        </p>
      </section>
      <ErrorSummary items={errors} />
      <form className="form" noValidate onSubmit={submit} aria-labelledby="reglement-titre">
        <h2 id="reglement-titre">2. Le règlement</h2>
        <div className="form-grid form-grid--2">
          <SelectField
            id={IDS.method}
            label="Mode de règlement"
            value={values.method}
            onChange={set("method")}
            options={Object.entries(PAYMENT_METHOD_LABELS).map(([value, label]) => ({ value, label }))}
            errors={fieldErrors(errors, IDS.method)}
          />
          <InputField id={IDS.amount} label="Montant reçu (€)" inputMode="decimal" required requiredMark={false} value={values.amount} onChange={set("amount")} errors={fieldErrors(errors, IDS.amount)} />
          <InputField id={IDS.received_on} label="Reçu le" type="date" required requiredMark={false} value={values.received_on} onChange={set("received_on")} errors={fieldErrors(errors, IDS.received_on)} />
          <InputField
            id={IDS.reference}
            label="Référence"
            hint="N° de chèque, de virement, de chéquier CESU…"
            maxLength={120}
            value={values.reference}
            onChange={set("reference")}
            errors={fieldErrors(errors, IDS.reference)}
          />
          <InputField id={IDS.payer} label="Payeur / banque" maxLength={120} value={values.payer} onChange={set("payer")} errors={fieldErrors(errors, IDS.payer)} />
        </div>
        <TextAreaField id={IDS.notes} label="Notes internes" rows={2} maxLength={2000} value={values.notes} onChange={set("notes")} errors={fieldErrors(errors, IDS.notes)} />

        <fieldset className="fieldset" id={IDS.allocation}>
          <legend>Affectation aux factures</legend>
          <div className="checkbox-field">
            <input type="radio" id="affectation-auto" name="affectation" checked={values.allocation === "auto"} onChange={() => set("allocation")("auto")} />
            <label htmlFor="affectation-auto">Automatique (les plus anciennes d'abord)</label>
          </div>
          <div className="checkbox-field">
            <input
              type="radio"
              id="affectation-manuelle"
              name="affectation"
              checked={values.allocation === "manual"}
              disabled={unpaid.length === 0}
              onChange={() => set("allocation")("manual")}
            />
            <label htmlFor="affectation-manuelle">Manuelle</label>
          </div>
          <p className="field__hint">Ce qui n'est affecté à aucune facture reste en avance sur le compte de la famille.</p>
          {unpaid.length === 0 ? (
            <p>Aucune facture à payer : le règlement sera gardé en avance.</p>
          ) : (
            <table className="data-table data-table--reflow billing-allocation">
              <caption>Factures à payer ({unpaid.length})</caption>
              <thead>
                <tr>
                  <th scope="col">Facture</th>
                  <th scope="col">Émise le</th>
                  <th scope="col">Échéance</th>
                  <th scope="col" className="billing-amount">
                    Reste dû
                  </th>
                  {values.allocation === "manual" && <th scope="col">Montant affecté (€)</th>}
                </tr>
              </thead>
              <tbody>
                {unpaid.map((invoice) => (
                  <tr key={invoice.id}>
                    <th scope="row" data-label="Facture">
                      <Link to={`/gestion/facturation/factures/${invoice.id}`}>{invoice.number}</Link>
                    </th>
                    <td data-label="Émise le">{formatDate(invoice.issue_date)}</td>
                    <td data-label="Échéance">{formatDate(invoice.due_date) || "—"}</td>
                    <td data-label="Reste dû" className="billing-amount">
                      {formatMoney(invoice.outstanding)}
                    </td>
                    {values.allocation === "manual" && (
                      <td data-label="Montant affecté (€)">
                        <label htmlFor={allocationId(invoice.id)} className="visually-hidden">
                          Montant affecté à la facture {invoice.number}
                        </label>
                        <input
                          id={allocationId(invoice.id)}
                          inputMode="decimal"
                          value={shares[invoice.id] ?? ""}
                          aria-invalid={fieldErrors(errors, allocationId(invoice.id))?.length ? true : undefined}
                          onChange={(event) => setShares((s) => ({ ...s, [invoice.id]: event.target.value }))}
                        />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {values.allocation === "manual" && (
            <p aria-live="polite">
              Affecté : {formatMoney(allocated / 100)}
              {amount !== null ? ` sur ${formatMoney(amount)} reçus` : ""}
              {amount !== null && cents(amount) > allocated ? ` · ${formatMoney((cents(amount) - allocated) / 100)} en avance` : ""}
            </p>
          )}
        </fieldset>
        <div className="button-row">
          <SubmitButton busy={mutation.isPending} label="Enregistrer le règlement" busyLabel="Enregistrement…" />
        </div>
      </form>
    </>
  );
}

/** After recording: the receipt number and its PDF. */
export function Receipt({ payment, onAnother }: { payment: StaffPayment; onAnother: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const invoices = payment.invoices as unknown as PaidInvoice[];
  return (
    <section aria-labelledby="recu-titre" className="section billing-receipt">
      <h2 id="recu-titre" ref={heading} tabIndex={-1}>
        Règlement enregistré
      </h2>
      <p role="status">
        Reçu n° <strong>{payment.number}</strong> : {formatMoney(payment.amount)} ({payment.method_label}) de la famille {payment.family_name}.
      </p>
      {invoices.length > 0 && (
        <ul>
          {invoices.map((invoice) => (
            <li key={invoice.id}>
              {formatMoney(invoice.amount)} affectés à la facture <Link to={`/gestion/facturation/factures/${invoice.id}`}>{invoice.number}</Link>
            </li>
          ))}
        </ul>
      )}
      {Number(payment.unallocated) > 0 && <p>{formatMoney(payment.unallocated)} restent en avance sur le compte de la famille.</p>}
      <div className="button-row">
        <a className="button button--primary" href={receiptPdfUrl(payment.id)} target="_blank" rel="noreferrer">
          Télécharger le reçu (PDF){" "}<span className="visually-hidden">(nouvelle fenêtre)</span>
        </a>
        <button type="button" className="button button--secondary" onClick={onAnother}>
          Enregistrer un autre règlement
        </button>
        <Link to={`/gestion/familles/${payment.family_id}/facturation`}>Compte de la famille {payment.family_name}</Link>
      </div>
    </section>
  );
}
