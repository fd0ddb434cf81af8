import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ErrorSummary } from "../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../components/formErrors";
import { InputField, CheckboxField, SelectField } from "../../components/FormFields";
import { QueryView } from "../../components/QueryView";
import { staffErrors } from "../../components/serverErrors";
import { SubmitButton } from "../../components/SubmitButton";
import { fetchSettings, staffKeys, updateSettings, type DossierSettings, type SignupMode } from "./api";
import { SIGNUP_MODE_LABELS } from "./labels";
import { StatusMessage } from "./StaffUi";

const IDS = {
  signup_mode: "reglage-creation-comptes",
  signup_requires_validation: "reglage-validation",
  email_change_by_staff_only: "reglage-email",
  max_upload_mb: "reglage-taille",
  retention_years: "reglage-conservation",
} as const;

export function SettingsPage() {
  const query = useQuery({ queryKey: staffKeys.settings, queryFn: ({ signal }) => fetchSettings(signal) });
  return (
    <section aria-labelledby="reglages-titre">
      <h2 id="reglages-titre">Réglages</h2>
      <QueryView query={query} loadingLabel="Chargement des réglages…">
        {(settings) => <SettingsForm settings={settings} />}
      </QueryView>
    </section>
  );
}

function SettingsForm({ settings }: { settings: DossierSettings }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState({
    signup_mode: settings.signup_mode ?? "staff_only",
    signup_requires_validation: settings.signup_requires_validation ?? true,
    email_change_by_staff_only: settings.email_change_by_staff_only ?? false,
    max_upload_mb: String(settings.max_upload_mb ?? ""),
    retention_years: String(settings.retention_years ?? ""),
  });
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [status, setStatus] = useState("");
  const mutation = useMutation({
    mutationFn: updateSettings,
    onSuccess: (saved) => {
      queryClient.setQueryData(staffKeys.settings, saved);
      setErrors([]);
      setStatus("Les réglages sont enregistrés.");
    },
    onError: (error) => {
      setStatus("");
      setErrors(staffErrors(error, IDS));
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const found: FormErrorItem[] = [];
    const size = Number(values.max_upload_mb);
    const years = Number(values.retention_years);
    if (!Number.isInteger(size) || size < 1 || size > 20) found.push({ fieldId: IDS.max_upload_mb, message: "La taille maximale d'un document est comprise entre 1 et 20 Mo." });
    if (!Number.isInteger(years) || years < 1 || years > 30) found.push({ fieldId: IDS.retention_years, message: "La durée de conservation est comprise entre 1 et 30 ans." });
    setErrors(found);
    setStatus("");
    if (found.length) return;
    mutation.mutate({ ...values, max_upload_mb: size, retention_years: years });
  }

  return (
    <>
      <StatusMessage message={status} />
      <ErrorSummary items={errors} />
      <form className="form" noValidate onSubmit={submit}>
        <fieldset className="fieldset">
          <legend>Comptes des familles</legend>
          <SelectField
            id={IDS.signup_mode}
            label="Création des comptes"
            value={values.signup_mode}
            onChange={(v) => setValues((s) => ({ ...s, signup_mode: v as SignupMode }))}
            options={(Object.entries(SIGNUP_MODE_LABELS) as Array<[SignupMode, string]>).map(([value, label]) => ({ value, label }))}
            errors={fieldErrors(errors, IDS.signup_mode)}
          />
          <CheckboxField
            id={IDS.signup_requires_validation}
            label="Les comptes créés en ligne sont validés par la structure"
            checked={values.signup_requires_validation}
            onChange={(v) => setValues((s) => ({ ...s, signup_requires_validation: v }))}
          />
          <CheckboxField
            id={IDS.email_change_by_staff_only}
            label="Seule la structure modifie les adresses e-mail"
            hint="L'e-mail sert d'identifiant de connexion."
            checked={values.email_change_by_staff_only}
            onChange={(v) => setValues((s) => ({ ...s, email_change_by_staff_only: v }))}
          />
        </fieldset>
        <fieldset className="fieldset">
          <legend>Documents et données</legend>
          <div className="form-grid form-grid--2">
            <InputField
              id={IDS.max_upload_mb}
              label="Taille maximale d'un document (Mo)"
              type="number"
              inputMode="numeric"
              min={1}
              max={20}
              value={values.max_upload_mb}
              onChange={(v) => setValues((s) => ({ ...s, max_upload_mb: v }))}
              errors={fieldErrors(errors, IDS.max_upload_mb)}
              hint="Entre 1 et 20."
            />
            <InputField
              id={IDS.retention_years}
              label="Conservation des dossiers inactifs (années)"
              type="number"
              inputMode="numeric"
              min={1}
              max={30}
              value={values.retention_years}
              onChange={(v) => setValues((s) => ({ ...s, retention_years: v }))}
              errors={fieldErrors(errors, IDS.retention_years)}
              hint="Au-delà, le dossier est anonymisé (entre 1 et 30 ans)."
            />
          </div>
        </fieldset>
        <div className="button-row">
          <SubmitButton busy={mutation.isPending} label="Enregistrer les réglages" busyLabel="Enregistrement…" />
        </div>
      </form>
    </>
  );
}
