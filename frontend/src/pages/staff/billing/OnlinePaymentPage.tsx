import { useState, type FormEvent } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../components/formErrors";
import { InputField, CheckboxField, SelectField } from "../../../components/FormFields";
import { DataTable, type Column } from "../../../components/list/DataTable";
import { FilterForm } from "../../../components/list/FilterForm";
import { ListView } from "../../../components/list/ListView";
import { useListParams } from "../../../components/list/useListParams";
import { QueryView } from "../../../components/QueryView";
import { staffErrors } from "../../../components/serverErrors";
import { SubmitButton } from "../../../components/SubmitButton";
import { formatDateTime } from "../../../format/dates";
import { formatMoney } from "../../../format/money";
import { StatusMessage } from "../StaffUi";
import {
  billingKeys,
  fetchPaymentAttempts,
  fetchPaymentSettings,
  receiptPdfUrl,
  savePaymentSettings,
  type AttemptFilters,
  type PaymentAttempt,
  type PayfipMode,
  type PaymentAttemptStatus,
  type PaymentSettings,
  type PaymentSettingsInput,
  type Provider,
} from "./api";
import { ATTEMPT_STATUS_LABELS, PAYFIP_MODE_LABELS, PROVIDERS } from "./labels";

/** « Paiement en ligne »: the provider the families pay through, and the attempts made. */
export function OnlinePaymentPage() {
  const settings = useQuery({ queryKey: billingKeys.paymentSettings, queryFn: ({ signal }) => fetchPaymentSettings(signal) });
  return (
    <>
      <p className="lead">Les familles règlent leurs factures en ligne depuis leur espace, par le prestataire choisi ici.</p>
      <section aria-labelledby="paiement-en-ligne-reglages-titre" className="section">
        <h2 id="paiement-en-ligne-reglages-titre">Prestataire de paiement</h2>
        <QueryView query={settings} loadingLabel="Chargement des réglages du paiement en ligne…">
          {(data) => <ProviderForm settings={data} />}
        </QueryView>
      </section>
      <AttemptsSection />
    </>
  );
}

const IDS = {
  provider: "paiement-prestataire",
  enabled: "paiement-ouvert",
  stripe_account_id: "paiement-stripe-compte",
  payfip_numcli: "paiement-payfip-numcli",
  payfip_mode: "paiement-payfip-mode",
} as const;

const LABELS: Record<string, string> = {
  provider: "Prestataire",
  enabled: "Paiement en ligne ouvert aux familles",
  stripe_account_id: "Compte Stripe connecté",
  payfip_numcli: "Numéro de client PayFiP (régie)",
  payfip_mode: "Mode PayFiP",
};

interface ProviderValues {
  provider: Provider;
  enabled: boolean;
  stripe_account_id: string;
  payfip_numcli: string;
  payfip_mode: PayfipMode;
}

const valuesOf = (s: PaymentSettings): ProviderValues => ({
  provider: s.provider ?? "dummy",
  enabled: Boolean(s.enabled),
  stripe_account_id: s.stripe_account_id ?? "",
  payfip_numcli: s.payfip_numcli ?? "",
  payfip_mode: s.payfip_mode ?? "T",
});

function ProviderForm({ settings }: { settings: PaymentSettings }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState(() => valuesOf(settings));
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [status, setStatus] = useState("");
  const set = <K extends keyof ProviderValues>(key: K) => (value: ProviderValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  // Only the fields on screen get the server's messages next to them; the others are named.
  const shownIds: Record<string, string> = {
    provider: IDS.provider,
    enabled: IDS.enabled,
    ...(values.provider === "stripe" ? { stripe_account_id: IDS.stripe_account_id } : {}),
    ...(values.provider === "payfip" ? { payfip_numcli: IDS.payfip_numcli, payfip_mode: IDS.payfip_mode } : {}),
  };
  const mutation = useMutation({
    mutationFn: savePaymentSettings,
    onSuccess: (saved) => {
      queryClient.setQueryData(billingKeys.paymentSettings, saved);
      setValues(valuesOf(saved));
      setErrors([]);
      setStatus(
        saved.enabled
          ? "Les réglages du paiement en ligne sont enregistrés : les familles peuvent payer en ligne."
          : "Les réglages du paiement en ligne sont enregistrés. Le paiement en ligne n'est pas ouvert aux familles.",
      );
    },
    onError: (error) => {
      setStatus("");
      setErrors(staffErrors(error, shownIds, LABELS));
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const input: PaymentSettingsInput = {
      provider: values.provider,
      enabled: values.enabled,
      stripe_account_id: values.stripe_account_id.trim(),
      payfip_numcli: values.payfip_numcli.trim(),
      payfip_mode: values.payfip_mode,
    };
    const found: FormErrorItem[] = [];
    if (input.provider === "stripe" && !/^acct_[A-Za-z0-9]+$/.test(input.stripe_account_id ?? ""))
      found.push({ fieldId: IDS.stripe_account_id, message: "Indiquez l'identifiant du compte Stripe connecté, de la forme « acct_… »." });
    if (input.provider === "payfip" && !/^\d{6}$/.test(input.payfip_numcli ?? ""))
      found.push({ fieldId: IDS.payfip_numcli, message: "Le numéro de client PayFiP de la régie compte 6 chiffres." });
    setErrors(found);
    setStatus("");
    if (found.length) return;
    mutation.mutate(input);
  }

  return (
    <>
      <StatusMessage message={status} />
      <ErrorSummary items={errors} />
      <form className="form" noValidate onSubmit={submit} aria-labelledby="paiement-en-ligne-reglages-titre">
        <fieldset
          className={fieldErrors(errors, IDS.provider) ? "fieldset field--error" : "fieldset"}
          aria-describedby={fieldErrors(errors, IDS.provider) ? `${IDS.provider}-erreur` : undefined}
        >
          <legend>Prestataire</legend>
          {fieldErrors(errors, IDS.provider) && (
            <p id={`${IDS.provider}-erreur`} className="field__error">
              <span className="visually-hidden">Erreur :</span> {fieldErrors(errors, IDS.provider)!.join(" ")}
            </p>
          )}
          {PROVIDERS.map((p, index) => {
            const id = index === 0 ? IDS.provider : `${IDS.provider}-${p.value}`;
            return (
              <div className="checkbox-field" key={p.value}>
                <input
                  type="radio"
                  id={id}
                  name="prestataire"
                  value={p.value}
                  checked={values.provider === p.value}
                  onChange={() => set("provider")(p.value)}
                  aria-describedby={`${id}-aide`}
                />
                <label htmlFor={id}>{p.label}</label>
                <p id={`${id}-aide`} className="field__hint checkbox-field__hint">
                  {p.text}
                </p>
              </div>
            );
          })}
        </fieldset>
        {values.provider === "stripe" && (
          <fieldset className="fieldset">
            <legend>Stripe Connect</legend>
            <InputField
              id={IDS.stripe_account_id}
              label={LABELS.stripe_account_id}
              hint="L'identifiant du compte connecté de la structure, de la forme « acct_… » (tableau de bord Stripe)."
              required requiredMark={false}
              autoComplete="off"
              spellCheck={false}
              maxLength={255}
              value={values.stripe_account_id}
              onChange={set("stripe_account_id")}
              errors={fieldErrors(errors, IDS.stripe_account_id)}
            />
          </fieldset>
        )}
        {values.provider === "payfip" && (
          <fieldset className="fieldset">
            <legend>PayFiP</legend>
            <InputField
              id={IDS.payfip_numcli}
              label={LABELS.payfip_numcli}
              hint="6 chiffres, communiqués par la DGFiP à l'adhésion de la régie."
              required requiredMark={false}
              inputMode="numeric"
              autoComplete="off"
              maxLength={6}
              value={values.payfip_numcli}
              onChange={set("payfip_numcli")}
              errors={fieldErrors(errors, IDS.payfip_numcli)}
            />
            <SelectField
              id={IDS.payfip_mode}
              label={LABELS.payfip_mode}
              hint="Test pour essayer, activation pendant la recette avec la DGFiP, production une fois la régie ouverte."
              value={values.payfip_mode}
              onChange={(v) => set("payfip_mode")(v as PayfipMode)}
              options={Object.entries(PAYFIP_MODE_LABELS).map(([value, label]) => ({ value, label }))}
              errors={fieldErrors(errors, IDS.payfip_mode)}
            />
          </fieldset>
        )}
        <CheckboxField
          id={IDS.enabled}
          label={LABELS.enabled}
          checked={values.enabled}
          onChange={set("enabled")}
          hint="Décoché, les familles ne voient pas le bouton « Payer en ligne »."
        />
        <div className="button-row">
          <SubmitButton busy={mutation.isPending} label="Enregistrer le prestataire" busyLabel="Enregistrement…" />
        </div>
      </form>
    </>
  );
}

const ATTEMPT_FILTERS = { status: { param: "etat", values: Object.keys(ATTEMPT_STATUS_LABELS) } };
const ATTEMPT_STATUS_OPTIONS = [{ value: "", label: "Tous les états" }, ...Object.entries(ATTEMPT_STATUS_LABELS).map(([value, label]) => ({ value, label }))];

const ATTEMPT_COLUMNS: Column<PaymentAttempt>[] = [
  {
    key: "family",
    header: "Famille",
    rowHeader: true,
    cell: (attempt) => <Link to={`/gestion/familles/${attempt.family_id}/facturation`}>Famille {attempt.family_name}</Link>,
  },
  { key: "amount", header: "Montant", className: "billing-amount", cell: (attempt) => formatMoney(attempt.amount) },
  { key: "provider", header: "Prestataire", cell: (attempt) => attempt.provider_label },
  { key: "status", header: "État", cell: (attempt) => <span className="status-pill">{attempt.status ? ATTEMPT_STATUS_LABELS[attempt.status] : "—"}</span> },
  { key: "created", header: "Commencé le", cell: (attempt) => formatDateTime(attempt.created_at) || "—" },
  { key: "completed", header: "Terminé le", cell: (attempt) => formatDateTime(attempt.completed_at) || "—" },
  {
    key: "payment",
    header: "Règlement",
    cell: (attempt) =>
      attempt.payment_id && attempt.payment_number ? (
        <a href={receiptPdfUrl(attempt.payment_id)} target="_blank" rel="noreferrer">
          {attempt.payment_number}{" "}
          <span className="visually-hidden">(reçu PDF, nouvelle fenêtre)</span>
        </a>
      ) : (
        attempt.payment_number || "—"
      ),
  },
  { key: "error", header: "Dernière erreur", cell: (attempt) => attempt.last_error || "—" },
];

function AttemptsSection() {
  const { filters: values, page, setFilters, setPage } = useListParams(ATTEMPT_FILTERS);
  const filters: AttemptFilters = { status: values.status as PaymentAttemptStatus | "", page };
  const query = useQuery({
    queryKey: billingKeys.attempts(filters),
    queryFn: ({ signal }) => fetchPaymentAttempts(filters, signal),
    placeholderData: keepPreviousData,
  });

  return (
    <section aria-labelledby="paiement-en-ligne-tentatives-titre" className="section">
      <h2 id="paiement-en-ligne-tentatives-titre">Paiements tentés par les familles</h2>
      <FilterForm label="Filtrer les paiements tentés" values={values} onApply={setFilters}>
        {({ draft, set }) => <SelectField id="tentatives-etat" label="État" value={draft.status} onChange={set("status")} options={ATTEMPT_STATUS_OPTIONS} />}
      </FilterForm>
      <ListView
        query={query}
        loadingLabel="Chargement des paiements tentés…"
        empty={filters.status ? "Aucun paiement en ligne dans cet état." : "Aucun paiement en ligne tenté pour l'instant."}
        pagination={{ label: "Pages des paiements tentés", page, onPage: setPage }}
      >
        {(data) => <DataTable caption={`Paiements tentés (${data.count})`} columns={ATTEMPT_COLUMNS} rows={data.results} rowKey={(attempt) => attempt.id} />}
      </ListView>
    </section>
  );
}
