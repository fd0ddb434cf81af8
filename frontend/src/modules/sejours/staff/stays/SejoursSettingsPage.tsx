import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { ErrorSummary } from "../../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../../components/formErrors";
import { CheckboxField, InputField } from "../../../../components/FormFields";
import { QueryView } from "../../../../components/QueryView";
import { staffErrors } from "../../../../components/serverErrors";
import { SubmitButton } from "../../../../components/SubmitButton";
import { StatusMessage } from "../../../../pages/staff/StaffUi";
import { usePageTitle } from "../../../../theme/usePageTitle";
import { fetchSejoursSettings, staysKeys, updateSejoursSettings, type SejoursSettings } from "./api";

const IDS = {
  accept_days: "reglages-delai",
  vacaf_bands: "reglages-vacaf",
  vacaf_cap_days: "reglages-vacaf-jours",
  coordinator_email: "reglages-email",
};

/** `/gestion/sejours/reglages`: delay to accept a place, VACAF (AVE) rule, coordinator e-mail. */
export function SejoursSettingsPage() {
  usePageTitle("Réglages des séjours");
  const query = useQuery({ queryKey: staysKeys.settings, queryFn: ({ signal }) => fetchSejoursSettings(signal) });
  return (
    <section aria-labelledby="reglages-sejours-titre" className="sejours-staff">
      <p>
        <Link to="/gestion/sejours">Retour aux séjours</Link>
      </p>
      <h1 id="reglages-sejours-titre">Réglages des séjours</h1>
      <QueryView query={query} loadingLabel="Chargement des réglages…">
        {(settings) => <SettingsForm settings={settings} />}
      </QueryView>
    </section>
  );
}

function SettingsForm({ settings }: { settings: SejoursSettings }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState({
    accept_days: String(settings.accept_days),
    vacaf_enabled: settings.vacaf_enabled,
    vacaf_cap_days: String(settings.vacaf_cap_days),
    coordinator_email: settings.coordinator_email,
  });
  const [bands, setBands] = useState(settings.vacaf_bands.map(([qf, rate]) => ({ qf, rate })));
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [status, setStatus] = useState("");
  const mutation = useMutation({
    mutationFn: () =>
      updateSejoursSettings({
        accept_days: Number(values.accept_days),
        vacaf_enabled: values.vacaf_enabled,
        vacaf_cap_days: Number(values.vacaf_cap_days),
        coordinator_email: values.coordinator_email.trim(),
        vacaf_bands: bands.map((b) => [b.qf.trim().replace(",", "."), b.rate.trim().replace(",", ".")] as [string, string]),
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(staysKeys.settings, saved);
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
    const found: FormErrorItem[] = [];
    const days = Number(values.accept_days);
    if (!Number.isInteger(days) || days < 1 || days > 60) found.push({ fieldId: IDS.accept_days, message: "Le délai pour accepter est de 1 à 60 jours." });
    const numbers = bands.map((b) => [Number(b.qf.replace(",", ".")), Number(b.rate.replace(",", "."))]);
    if (numbers.some(([qf, rate]) => !(qf > 0) || !(rate > 0))) found.push({ fieldId: IDS.vacaf_bands, message: "Les quotients et montants VACAF sont positifs." });
    else if (numbers.some(([qf], i) => i > 0 && qf <= numbers[i - 1][0])) found.push({ fieldId: IDS.vacaf_bands, message: "Les tranches VACAF vont du plus petit quotient au plus grand." });
    setErrors(found);
    setStatus("");
    if (!found.length && !mutation.isPending) mutation.mutate();
  }

  const bandErrors = fieldErrors(errors, IDS.vacaf_bands);
  return (
    <>
      <StatusMessage message={status} />
      <ErrorSummary items={errors} />
      <form className="form" noValidate onSubmit={submit}>
        <fieldset className="fieldset">
          <legend>Places attribuées</legend>
          <InputField
            id={IDS.accept_days}
            label="Délai pour accepter une place (jours)"
            type="number"
            min={1}
            max={60}
            hint="Passé ce délai, la place est proposée à la famille suivante."
            value={values.accept_days}
            onChange={(v) => setValues((s) => ({ ...s, accept_days: v }))}
            errors={fieldErrors(errors, IDS.accept_days)}
          />
          <InputField
            id={IDS.coordinator_email}
            label="Adresse du coordinateur séjours"
            type="email"
            value={values.coordinator_email}
            onChange={(v) => setValues((s) => ({ ...s, coordinator_email: v }))}
            errors={fieldErrors(errors, IDS.coordinator_email)}
          />
        </fieldset>
        <fieldset className="fieldset sejours-rows" id={IDS.vacaf_bands} tabIndex={-1}>
          <legend>Aide VACAF (AVE) de la CAF</legend>
          <CheckboxField id="reglages-vacaf-actif" label="Appliquer l'aide VACAF" checked={values.vacaf_enabled} onChange={(v) => setValues((s) => ({ ...s, vacaf_enabled: v }))} />
          <InputField
            id={IDS.vacaf_cap_days}
            label="Jours aidés par enfant et par an"
            type="number"
            min={1}
            value={values.vacaf_cap_days}
            onChange={(v) => setValues((s) => ({ ...s, vacaf_cap_days: v }))}
            errors={fieldErrors(errors, IDS.vacaf_cap_days)}
          />
          <p className="field__hint">Tranches de la plus basse à la plus haute : jusqu'à tel quotient, tel montant par jour.</p>
          {bandErrors?.map((m) => (
            <p key={m} className="field__error">
              {m}
            </p>
          ))}
          {bands.map((band, index) => (
            <div className="sejours-row" key={index} role="group" aria-label={`Tranche VACAF ${index + 1}`}>
              <InputField id={`vacaf-${index}-qf`} label="Quotient jusqu'à" inputMode="decimal" value={band.qf} onChange={(v) => setBands(bands.map((b, i) => (i === index ? { ...b, qf: v } : b)))} />
              <InputField id={`vacaf-${index}-montant`} label="Montant par jour (€)" inputMode="decimal" value={band.rate} onChange={(v) => setBands(bands.map((b, i) => (i === index ? { ...b, rate: v } : b)))} />
              <button type="button" className="button button--secondary button--small" onClick={() => setBands(bands.filter((_, i) => i !== index))} aria-label={`Retirer la tranche VACAF ${index + 1}`}>
                Retirer
              </button>
            </div>
          ))}
          <button type="button" className="button button--secondary" onClick={() => setBands([...bands, { qf: "", rate: "" }])}>
            Ajouter une tranche
          </button>
        </fieldset>
        <div className="form-actions">
          <SubmitButton busy={mutation.isPending} label="Enregistrer" busyLabel="Enregistrement…" />
        </div>
      </form>
    </>
  );
}
