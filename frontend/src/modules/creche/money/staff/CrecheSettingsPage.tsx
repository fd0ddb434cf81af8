import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { ErrorSummary } from "../../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../../components/formErrors";
import { CheckboxField, InputField, SelectField } from "../../../../components/FormFields";
import { QueryView } from "../../../../components/QueryView";
import { staffErrors } from "../../../../components/serverErrors";
import { SubmitButton } from "../../../../components/SubmitButton";
import { usePageTitle } from "../../../../theme/usePageTitle";
import { fetchSettings, moneyKeys, saveSettings, type CrecheSettings } from "../api";

type NumberKey = "rounding_minutes" | "tolerance_minutes" | "carence_days" | "request_renewal_months" | "offer_answer_days";

const NUMBERS: { key: NumberKey; label: string; hint: string }[] = [
  { key: "rounding_minutes", label: "Unité de facturation des heures en plus (minutes)", hint: "Toute unité commencée est due : 30 = chaque demi-heure commencée." },
  { key: "tolerance_minutes", label: "Tolérance avant de compter un dépassement (minutes)", hint: "0 : aucune tolérance." },
  { key: "carence_days", label: "Délai de carence maladie (jours calendaires)", hint: "Le premier jour d'absence et les deux jours suivants : 3." },
  { key: "request_renewal_months", label: "Renouvellement des demandes de place (mois)", hint: "0 : jamais." },
  { key: "offer_answer_days", label: "Délai de réponse à une proposition de place (jours)", hint: "" },
];

const ID = (key: string) => `reglages-${key.replace(/_/g, "-")}`;

function SettingsForm({ initial }: { initial: CrecheSettings }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState(initial);
  const [numbers, setNumbers] = useState<Record<NumberKey, string>>(
    () => Object.fromEntries(NUMBERS.map(({ key }) => [key, String(initial[key])])) as Record<NumberKey, string>,
  );
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [saved, setSaved] = useState("");
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setErrors([]);
    setSaved("");
    try {
      const input = { ...values, ...Object.fromEntries(NUMBERS.map(({ key }) => [key, Number(numbers[key])])) } as CrecheSettings;
      const result = await saveSettings(input);
      queryClient.setQueryData(moneyKeys.settings, result);
      setValues(result);
      setSaved("Réglages enregistrés.");
    } catch (caught) {
      const ids = Object.fromEntries(
        [...NUMBERS.map(({ key }) => key), "missing_resources", "rate_rounding", "contact_email", "parents_may_clock", "occasional_validation"].map((key) => [key, ID(key)]),
      );
      setErrors(staffErrors(caught, ids));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="creche-money__form">
      <ErrorSummary items={errors} />
      <p role="status">{saved}</p>
      {NUMBERS.map(({ key, label, hint }) => (
        <InputField
          key={key}
          id={ID(key)}
          label={label}
          hint={hint || undefined}
          inputMode="numeric"
          value={numbers[key]}
          onChange={(value) => setNumbers({ ...numbers, [key]: value })}
          errors={fieldErrors(errors, ID(key))}
        />
      ))}
      <SelectField
        id={ID("missing_resources")}
        label="Ressources inconnues : tarif au"
        value={values.missing_resources}
        onChange={(value) => setValues({ ...values, missing_resources: value as CrecheSettings["missing_resources"] })}
        options={[
          { value: "ceiling", label: "Plafond (règle de la Cnaf)" },
          { value: "floor", label: "Plancher (accueil d'urgence, aide sociale à l'enfance)" },
        ]}
        errors={fieldErrors(errors, ID("missing_resources"))}
      />
      <SelectField
        id={ID("rate_rounding")}
        label="Arrondi du tarif horaire"
        hint="La Cnaf ne fixe pas d'arrondi : indiquez celui de votre règlement de fonctionnement."
        value={values.rate_rounding}
        onChange={(value) => setValues({ ...values, rate_rounding: value as CrecheSettings["rate_rounding"] })}
        options={[
          { value: "half_up", label: "Au centime le plus proche (la moitié vers le haut)" },
          { value: "down", label: "Au centime inférieur (en faveur des familles)" },
        ]}
        errors={fieldErrors(errors, ID("rate_rounding"))}
      />
      <CheckboxField
        id={ID("parents_may_clock")}
        label="Les parents pointent eux-mêmes à l'arrivée et au départ"
        checked={values.parents_may_clock}
        onChange={(checked) => setValues({ ...values, parents_may_clock: checked })}
      />
      <CheckboxField
        id={ID("occasional_validation")}
        label="L'accueil occasionnel est validé par la structure"
        checked={values.occasional_validation}
        onChange={(checked) => setValues({ ...values, occasional_validation: checked })}
      />
      <InputField
        id={ID("contact_email")}
        label="Adresse de la direction de la crèche"
        type="email"
        value={values.contact_email}
        onChange={(value) => setValues({ ...values, contact_email: value })}
        errors={fieldErrors(errors, ID("contact_email"))}
      />
      <SubmitButton busy={busy} label="Enregistrer" busyLabel="Enregistrement…" />
    </form>
  );
}

/** /gestion/creche/reglages — the crèche's settings. */
export function CrecheSettingsPage() {
  usePageTitle("Réglages de la crèche");
  const query = useQuery({ queryKey: moneyKeys.settings, queryFn: ({ signal }) => fetchSettings(signal) });
  return (
    <section aria-labelledby="reglages-titre" className="creche-money">
      <p>
        <Link to="/gestion/creche">← Crèche</Link>
      </p>
      <h1 id="reglages-titre">Réglages de la crèche</h1>
      <QueryView query={query} loadingLabel="Chargement des réglages…">
        {(data) => <SettingsForm initial={data} />}
      </QueryView>
    </section>
  );
}
