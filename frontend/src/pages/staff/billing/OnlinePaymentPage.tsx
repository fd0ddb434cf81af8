import { useState, type FormEvent } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../components/formErrors";
import { SubmitButton } from "../../../components/SubmitButton";
import { TextField } from "../../../components/TextField";
import { staffErrors } from "../errors";
import { formatDateTime } from "../format";
import { CheckboxField, pageParam, Pagination, QueryView, SelectField, StatusMessage } from "../StaffUi";
import {
  billingKeys,
  fetchPaymentAttempts,
  fetchPaymentSettings,
  receiptPdfUrl,
  savePaymentSettings,
  type AttemptFilters,
  type PayfipMode,
  type PaymentAttemptStatus,
  type PaymentSettings,
  type PaymentSettingsInput,
  type Provider,
} from "./api";
import { ATTEMPT_STATUS_LABELS, formatMoney, PAYFIP_MODE_LABELS, PROVIDERS } from "./format";

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
            <TextField
              id={IDS.stripe_account_id}
              label={LABELS.stripe_account_id}
              hint="L'identifiant du compte connecté de la structure, de la forme « acct_… » (tableau de bord Stripe)."
              required
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
            <TextField
              id={IDS.payfip_numcli}
              label={LABELS.payfip_numcli}
              hint="6 chiffres, communiqués par la DGFiP à l'adhésion de la régie."
              required
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

function attemptFilters(params: URLSearchParams): AttemptFilters {
  const status = params.get("etat") ?? "";
  return {
    status: (status in ATTEMPT_STATUS_LABELS ? status : "") as PaymentAttemptStatus | "",
    page: pageParam(params.get("page")),
  };
}

function AttemptsSection() {
  const [params, setParams] = useSearchParams();
  const filters = attemptFilters(params);
  const [draft, setDraft] = useState(filters.status);
  const query = useQuery({
    queryKey: billingKeys.attempts(filters),
    queryFn: ({ signal }) => fetchPaymentAttempts(filters, signal),
    placeholderData: keepPreviousData,
  });

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft) next.set("etat", draft);
    setParams(next);
  }

  return (
    <section aria-labelledby="paiement-en-ligne-tentatives-titre" className="section">
      <h2 id="paiement-en-ligne-tentatives-titre">Paiements tentés par les familles</h2>
      <form className="filters" onSubmit={apply} aria-label="Filtrer les paiements tentés">
        <SelectField
          id="tentatives-etat"
          label="État"
          value={draft}
          onChange={(v) => setDraft(v as PaymentAttemptStatus | "")}
          options={[{ value: "", label: "Tous les états" }, ...Object.entries(ATTEMPT_STATUS_LABELS).map(([value, label]) => ({ value, label }))]}
        />
        <div className="button-row">
          <button type="submit" className="button button--secondary">
            Filtrer
          </button>
        </div>
      </form>
      <QueryView query={query} loadingLabel="Chargement des paiements tentés…">
        {(data) =>
          data.results.length === 0 ? (
            <p>{filters.status ? "Aucun paiement en ligne dans cet état." : "Aucun paiement en ligne tenté pour l'instant."}</p>
          ) : (
            <>
              <div className="table-wrapper">
                <table className="data-table data-table--reflow">
                  <caption>Paiements tentés ({data.count})</caption>
                  <thead>
                    <tr>
                      <th scope="col">Famille</th>
                      <th scope="col" className="billing-amount">
                        Montant
                      </th>
                      <th scope="col">Prestataire</th>
                      <th scope="col">État</th>
                      <th scope="col">Commencé le</th>
                      <th scope="col">Terminé le</th>
                      <th scope="col">Règlement</th>
                      <th scope="col">Dernière erreur</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.results.map((attempt) => (
                      <tr key={attempt.id}>
                        <th scope="row" data-label="Famille">
                          <Link to={`/gestion/familles/${attempt.family_id}/facturation`}>Famille {attempt.family_name}</Link>
                        </th>
                        <td data-label="Montant" className="billing-amount">
                          {formatMoney(attempt.amount)}
                        </td>
                        <td data-label="Prestataire">{attempt.provider_label}</td>
                        <td data-label="État">
                          <span className="status-pill">{attempt.status ? ATTEMPT_STATUS_LABELS[attempt.status] : "—"}</span>
                        </td>
                        <td data-label="Commencé le">{formatDateTime(attempt.created_at) || "—"}</td>
                        <td data-label="Terminé le">{formatDateTime(attempt.completed_at) || "—"}</td>
                        <td data-label="Règlement">
                          {attempt.payment_id && attempt.payment_number ? (
                            <a href={receiptPdfUrl(attempt.payment_id)} target="_blank" rel="noreferrer">
                              {attempt.payment_number}{" "}
                              <span className="visually-hidden">(reçu PDF, nouvelle fenêtre)</span>
                            </a>
                          ) : (
                            attempt.payment_number || "—"
                          )}
                        </td>
                        <td data-label="Dernière erreur">{attempt.last_error || "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pagination
                label="Pages des paiements tentés"
                page={filters.page}
                count={data.count}
                hasNext={Boolean(data.next)}
                hasPrevious={Boolean(data.previous)}
                onPage={(p) => {
                  const next = new URLSearchParams(params);
                  if (p > 1) next.set("page", String(p));
                  else next.delete("page");
                  setParams(next);
                }}
              />
            </>
          )
        }
      </QueryView>
    </section>
  );
}
