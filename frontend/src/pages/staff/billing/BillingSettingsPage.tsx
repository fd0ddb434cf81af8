import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../components/formErrors";
import { InputField, TextAreaField } from "../../../components/FormFields";
import { QueryView } from "../../../components/QueryView";
import { staffErrors } from "../../../components/serverErrors";
import { SubmitButton } from "../../../components/SubmitButton";
import { StatusMessage } from "../StaffUi";
import {
  billingKeys,
  fetchInvoicingSettings,
  fetchSeries,
  saveInvoicingSettings,
  saveSeries,
  type InvoicingSettings,
  type InvoicingSettingsInput,
  type Series,
} from "./api";

/** Configuration › Facturation: the issuer on the invoices, payment terms, SEPA creditor, numbering. */
export function BillingSettingsPage() {
  const settings = useQuery({ queryKey: billingKeys.settings, queryFn: ({ signal }) => fetchInvoicingSettings(signal) });
  const series = useQuery({ queryKey: billingKeys.series, queryFn: ({ signal }) => fetchSeries(signal) });
  return (
    <>
      <section aria-labelledby="facturation-reglages-titre" className="section">
        <h2 id="facturation-reglages-titre">Facturation</h2>
        <QueryView query={settings} loadingLabel="Chargement des réglages de facturation…">
          {(data) => <SettingsForm settings={data} />}
        </QueryView>
      </section>
      <section aria-labelledby="numerotation-titre" className="section">
        <h2 id="numerotation-titre">Numérotation</h2>
        <QueryView query={series} loadingLabel="Chargement de la numérotation…">
          {(data) => <SeriesForm series={data} />}
        </QueryView>
      </section>
    </>
  );
}

type SettingsKey = keyof InvoicingSettingsInput;

const TEXT: Array<{ name: Exclude<SettingsKey, "payment_terms_days">; label: string; type?: string; hint?: string; maxLength?: number; group: string; area?: boolean }> = [
  { name: "issuer_address", label: "Adresse de la structure", group: "issuer", area: true, hint: "Imprimée en tête des factures." },
  { name: "issuer_email", label: "E-mail de la régie", type: "email", group: "issuer", maxLength: 254 },
  { name: "issuer_phone", label: "Téléphone de la régie", type: "tel", group: "issuer", maxLength: 30 },
  { name: "siret", label: "SIRET", group: "issuer", maxLength: 14, hint: "14 chiffres." },
  { name: "legal_mentions", label: "Mentions légales", group: "mentions", area: true, hint: "Imprimées au bas des factures et des avoirs." },
  { name: "payment_instructions", label: "Modalités de règlement", group: "mentions", area: true, hint: "Chèque à l'ordre de…, adresse de la régie, paiement en ligne…" },
  { name: "sepa_creditor_name", label: "Créancier SEPA", group: "sepa", maxLength: 70 },
  { name: "sepa_creditor_id", label: "Identifiant créancier SEPA (ICS)", group: "sepa", maxLength: 35 },
  { name: "sepa_iban", label: "IBAN du créancier", group: "sepa", maxLength: 34 },
  { name: "sepa_bic", label: "BIC du créancier", group: "sepa", maxLength: 11 },
];

const settingId = (name: string) => `facturation-${name.replace(/_/g, "-")}`;
const SETTING_IDS: Record<string, string> = Object.fromEntries([...TEXT.map((f) => f.name), "payment_terms_days"].map((n) => [n, settingId(n)]));

function SettingsForm({ settings }: { settings: InvoicingSettings }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries([...TEXT.map((f) => f.name), "payment_terms_days"].map((n) => [n, String(settings[n as SettingsKey] ?? "")])),
  );
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [status, setStatus] = useState("");
  const mutation = useMutation({
    mutationFn: saveInvoicingSettings,
    onSuccess: (saved) => {
      queryClient.setQueryData(billingKeys.settings, saved);
      setErrors([]);
      setStatus("Les réglages de facturation sont enregistrés.");
    },
    onError: (error) => {
      setStatus("");
      setErrors(staffErrors(error, SETTING_IDS));
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const days = Number(values.payment_terms_days);
    const found: FormErrorItem[] = [];
    if (!Number.isInteger(days) || days < 0 || days > 120)
      found.push({ fieldId: SETTING_IDS.payment_terms_days, message: "Le délai de paiement est compris entre 0 et 120 jours." });
    setErrors(found);
    setStatus("");
    if (found.length) return;
    const input = Object.fromEntries(TEXT.map((f) => [f.name, values[f.name].trim()])) as InvoicingSettingsInput;
    mutation.mutate({ ...input, payment_terms_days: days });
  }

  const field = (group: string) =>
    TEXT.filter((f) => f.group === group).map((f) =>
      f.area ? (
        <TextAreaField
          key={f.name}
          id={settingId(f.name)}
          label={f.label}
          hint={f.hint}
          rows={3}
          value={values[f.name]}
          onChange={(v) => setValues((s) => ({ ...s, [f.name]: v }))}
          errors={fieldErrors(errors, settingId(f.name))}
        />
      ) : (
        <InputField
          key={f.name}
          id={settingId(f.name)}
          label={f.label}
          type={f.type}
          hint={f.hint}
          maxLength={f.maxLength}
          value={values[f.name]}
          onChange={(v) => setValues((s) => ({ ...s, [f.name]: v }))}
          errors={fieldErrors(errors, settingId(f.name))}
        />
      ),
    );

  return (
    <>
      <StatusMessage message={status} />
      <ErrorSummary items={errors} />
      <form className="form" noValidate onSubmit={submit}>
        <fieldset className="fieldset">
          <legend>Émetteur des factures</legend>
          {field("issuer")}
        </fieldset>
        <fieldset className="fieldset">
          <legend>Mentions et règlement</legend>
          {field("mentions")}
          <InputField
            id={SETTING_IDS.payment_terms_days}
            label="Délai de paiement (jours)"
            hint="L'échéance d'une facture est sa date d'émission plus ce délai (entre 0 et 120 jours)."
            type="number"
            inputMode="numeric"
            min={0}
            max={120}
            value={values.payment_terms_days}
            onChange={(v) => setValues((s) => ({ ...s, payment_terms_days: v }))}
            errors={fieldErrors(errors, SETTING_IDS.payment_terms_days)}
          />
        </fieldset>
        <fieldset className="fieldset">
          <legend>Prélèvement SEPA (créancier)</legend>
          <div className="form-grid form-grid--2">{field("sepa")}</div>
        </fieldset>
        <div className="button-row">
          <SubmitButton busy={mutation.isPending} label="Enregistrer les réglages de facturation" busyLabel="Enregistrement…" />
        </div>
      </form>
    </>
  );
}

const SERIES_IDS = {
  name: "serie-nom",
  invoice_prefix: "serie-prefixe-factures",
  credit_note_prefix: "serie-prefixe-avoirs",
  receipt_prefix: "serie-prefixe-recus",
  digits: "serie-chiffres",
} as const;

function SeriesForm({ series }: { series: Series }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState({
    name: series.name,
    invoice_prefix: series.invoice_prefix ?? "",
    credit_note_prefix: series.credit_note_prefix ?? "",
    receipt_prefix: series.receipt_prefix ?? "",
    digits: String(series.digits ?? ""),
  });
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [status, setStatus] = useState("");
  const mutation = useMutation({
    mutationFn: saveSeries,
    onSuccess: (saved) => {
      queryClient.setQueryData(billingKeys.series, saved);
      setErrors([]);
      setStatus("La numérotation est enregistrée.");
    },
    onError: (error) => {
      setStatus("");
      setErrors(staffErrors(error, SERIES_IDS));
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const found: FormErrorItem[] = [];
    const digits = Number(values.digits);
    if (!values.name.trim()) found.push({ fieldId: SERIES_IDS.name, message: "Indiquez le nom de la série." });
    for (const [key, label] of [
      ["invoice_prefix", "des factures"],
      ["credit_note_prefix", "des avoirs"],
      ["receipt_prefix", "des reçus"],
    ] as const) {
      if (!values[key].trim()) found.push({ fieldId: SERIES_IDS[key], message: `Indiquez le préfixe ${label}.` });
    }
    if (!Number.isInteger(digits) || digits < 1 || digits > 12) found.push({ fieldId: SERIES_IDS.digits, message: "Le nombre de chiffres est compris entre 1 et 12." });
    setErrors(found);
    setStatus("");
    if (found.length) return;
    mutation.mutate({
      name: values.name.trim(),
      invoice_prefix: values.invoice_prefix.trim(),
      credit_note_prefix: values.credit_note_prefix.trim(),
      receipt_prefix: values.receipt_prefix.trim(),
      digits,
    });
  }

  const set = (name: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [name]: value }));
  const example = `${values.invoice_prefix.replace("{annee}", String(new Date().getFullYear()))}${"1".padStart(Math.max(1, Math.min(12, Number(values.digits) || 1)), "0")}`;
  return (
    <>
      <p>
        « {"{annee}"} » dans un préfixe est remplacé par l'année d'émission ; la numérotation repart alors à 1 chaque année. Un préfixe ne peut plus changer une
        fois des numéros attribués.
      </p>
      <StatusMessage message={status} />
      <ErrorSummary items={errors} />
      <form className="form" noValidate onSubmit={submit}>
        <InputField id={SERIES_IDS.name} label="Nom de la série" maxLength={80} required requiredMark={false} value={values.name} onChange={set("name")} errors={fieldErrors(errors, SERIES_IDS.name)} />
        <div className="form-grid form-grid--2">
          <InputField
            id={SERIES_IDS.invoice_prefix}
            label="Préfixe des factures"
            hint={`Par exemple « FA-{annee}- ». Première facture : ${example}.`}
            maxLength={20}
            required requiredMark={false}
            value={values.invoice_prefix}
            onChange={set("invoice_prefix")}
            errors={fieldErrors(errors, SERIES_IDS.invoice_prefix)}
          />
          <InputField
            id={SERIES_IDS.credit_note_prefix}
            label="Préfixe des avoirs"
            maxLength={20}
            required requiredMark={false}
            value={values.credit_note_prefix}
            onChange={set("credit_note_prefix")}
            errors={fieldErrors(errors, SERIES_IDS.credit_note_prefix)}
          />
          <InputField
            id={SERIES_IDS.receipt_prefix}
            label="Préfixe des reçus"
            maxLength={20}
            required requiredMark={false}
            value={values.receipt_prefix}
            onChange={set("receipt_prefix")}
            errors={fieldErrors(errors, SERIES_IDS.receipt_prefix)}
          />
          <InputField
            id={SERIES_IDS.digits}
            label="Nombre de chiffres"
            hint="Complétés par des zéros (4 : 0001)."
            type="number"
            inputMode="numeric"
            min={1}
            max={12}
            value={values.digits}
            onChange={set("digits")}
            errors={fieldErrors(errors, SERIES_IDS.digits)}
          />
        </div>
        <div className="button-row">
          <SubmitButton busy={mutation.isPending} label="Enregistrer la numérotation" busyLabel="Enregistrement…" />
        </div>
      </form>
    </>
  );
}
