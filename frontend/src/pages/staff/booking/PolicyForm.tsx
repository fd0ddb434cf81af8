import type { FormEvent } from "react";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../components/formErrors";
import { InputField, SelectField } from "../../../components/FormFields";
import { SubmitButton } from "../../../components/SubmitButton";
import { timeInputValue, WEEKDAYS } from "../../../format/calendar";
import type { Policy, PolicyInput, PolicyKind } from "./api";
import { CheckboxGroup, isWholeNumber, useFormValues, type ConfigEditor } from "./configKit";
import { POLICY_KIND_LABELS } from "./labels";
import { localDateTime, validateWindows, WindowsEditor, type WindowDraft } from "./WindowsEditor";

export const POLICY_IDS = {
  name: "delai-nom",
  kind: "delai-type",
  days: "delai-jours",
  at: "delai-heure",
  skip_weekdays: "delai-jours-non-ouvres",
  weekday: "delai-jour-semaine",
  day_of_month: "delai-jour-mois",
} as const;

const KINDS = Object.keys(POLICY_KIND_LABELS) as PolicyKind[];
const WITH_TIME = new Set<PolicyKind>(["relative", "working_days", "previous_week", "previous_month"]);

interface Values {
  name: string;
  kind: PolicyKind;
  days: string;
  at: string;
  skip_weekdays: number[];
  weekday: string;
  day_of_month: string;
  windows: WindowDraft[];
}

function initialValues(policy: Policy | null): Values {
  return {
    name: policy?.name ?? "",
    kind: policy?.kind ?? "relative",
    days: String(policy?.days ?? 1),
    at: timeInputValue(policy?.at) || "23:59",
    skip_weekdays: policy?.skip_weekdays ?? [],
    weekday: String(policy?.weekday ?? 1),
    day_of_month: String(policy?.day_of_month ?? 20),
    windows: (policy?.windows ?? []).map((w, i) => ({
      key: i + 1,
      label: w.label,
      opens_at: localDateTime(w.opens_at),
      closes_at: localDateTime(w.closes_at),
      first_date: w.first_date,
      last_date: w.last_date,
    })),
  };
}

function validate(v: Values): FormErrorItem[] {
  const found: FormErrorItem[] = [];
  if (!v.name.trim()) found.push({ fieldId: POLICY_IDS.name, message: "Saisissez le nom du délai." });
  if (v.kind === "relative" || v.kind === "working_days") {
    if (!isWholeNumber(v.days)) found.push({ fieldId: POLICY_IDS.days, message: "Nombre de jours : un nombre entier positif." });
    else if (v.kind === "working_days" && Number(v.days) < 1) found.push({ fieldId: POLICY_IDS.days, message: "Au moins un jour ouvré." });
  }
  if (v.kind === "previous_month" && !(isWholeNumber(v.day_of_month) && Number(v.day_of_month) >= 1 && Number(v.day_of_month) <= 31))
    found.push({ fieldId: POLICY_IDS.day_of_month, message: "Jour du mois : de 1 à 31." });
  if (WITH_TIME.has(v.kind) && !/^\d{2}:\d{2}$/.test(v.at)) found.push({ fieldId: POLICY_IDS.at, message: "Indiquez l'heure limite (HH:MM)." });
  if (v.kind === "fixed_windows") found.push(...validateWindows(v.windows));
  return found;
}

function bodyOf(v: Values): PolicyInput {
  const body: PolicyInput = { name: v.name.trim(), kind: v.kind };
  if (WITH_TIME.has(v.kind)) body.at = `${v.at}:00`;
  if (v.kind === "relative" || v.kind === "working_days") body.days = Number(v.days);
  if (v.kind === "working_days") body.skip_weekdays = v.skip_weekdays;
  if (v.kind === "previous_week") body.weekday = Number(v.weekday);
  if (v.kind === "previous_month") body.day_of_month = Number(v.day_of_month);
  if (v.kind === "fixed_windows")
    body.windows = v.windows.map(({ label, opens_at, closes_at, first_date, last_date }) => ({ label: label.trim(), opens_at, closes_at, first_date, last_date }));
  return body;
}

/** A booking policy: the fields of its kind (days, hour, weekday, day of month, dated windows). */
export function PolicyForm({ editor }: { editor: ConfigEditor<Policy> }) {
  const policy = editor.editing;
  const [values, set] = useFormValues(() => initialValues(policy));
  const errors = editor.errors;
  const err = (id: string) => fieldErrors(errors, id);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (editor.save.isPending) return;
    const found = validate(values);
    editor.setErrors(found);
    editor.setStatus("");
    if (!found.length) editor.save.mutate(bodyOf(values));
  }

  return (
    <form className="form card" noValidate onSubmit={submit} aria-labelledby="delai-form-titre">
      <h2 id="delai-form-titre" ref={editor.formHeading} tabIndex={-1}>
        {policy ? `Modifier « ${policy.name} »` : "Ajouter un délai"}
      </h2>
      {policy && <p className="field__hint">Règle actuelle : {policy.description}</p>}
      <ErrorSummary items={errors} />
      <InputField id={POLICY_IDS.name} label="Nom *" value={values.name} onChange={set("name")} errors={err(POLICY_IDS.name)} required requiredMark={false} />
      <SelectField
        id={POLICY_IDS.kind}
        label="Type de délai"
        value={values.kind}
        onChange={(v) => set("kind")(v as PolicyKind)}
        options={KINDS.map((k) => ({ value: k, label: POLICY_KIND_LABELS[k] }))}
        errors={err(POLICY_IDS.kind)}
      />
      {(values.kind === "relative" || values.kind === "working_days") && (
        <InputField
          id={POLICY_IDS.days}
          label={values.kind === "relative" ? "Nombre de jours avant" : "Nombre de jours ouvrés avant"}
          hint="0 = le jour même, 1 = la veille, 2 = l'avant-veille…"
          type="number"
          inputMode="numeric"
          min={0}
          value={values.days}
          onChange={set("days")}
          errors={err(POLICY_IDS.days)}
        />
      )}
      {values.kind === "working_days" && (
        <CheckboxGroup
          id={POLICY_IDS.skip_weekdays}
          legend="Autres jours jamais ouvrés"
          hint="Le samedi et le dimanche ne sont jamais comptés."
          options={WEEKDAYS.slice(0, 5).map((label, value) => ({ value, label }))}
          value={values.skip_weekdays}
          onChange={set("skip_weekdays")}
          errors={err(POLICY_IDS.skip_weekdays)}
        />
      )}
      {values.kind === "previous_week" && (
        <SelectField
          id={POLICY_IDS.weekday}
          label="Jour de la semaine précédente"
          value={values.weekday}
          onChange={set("weekday")}
          options={WEEKDAYS.map((label, value) => ({ value: String(value), label }))}
          errors={err(POLICY_IDS.weekday)}
        />
      )}
      {values.kind === "previous_month" && (
        <InputField
          id={POLICY_IDS.day_of_month}
          label="Jour du mois précédent"
          hint="De 1 à 31 (le dernier jour du mois s'il est plus court)."
          type="number"
          inputMode="numeric"
          min={1}
          max={31}
          value={values.day_of_month}
          onChange={set("day_of_month")}
          errors={err(POLICY_IDS.day_of_month)}
        />
      )}
      {WITH_TIME.has(values.kind) && (
        <InputField id={POLICY_IDS.at} label="Heure limite" type="time" value={values.at} onChange={set("at")} errors={err(POLICY_IDS.at)} />
      )}
      {values.kind === "fixed_windows" && <WindowsEditor windows={values.windows} onChange={set("windows")} errors={errors} />}
      {values.kind === "unrestricted" && <p className="notice notice--info">Les familles peuvent réserver et annuler jusqu'à la veille.</p>}
      <div className="button-row">
        <SubmitButton busy={editor.save.isPending} label={policy ? "Enregistrer le délai" : "Ajouter le délai"} busyLabel="Enregistrement…" />
        {policy && (
          <button type="button" className="button button--secondary" onClick={editor.cancelEdit}>
            Annuler la modification
          </button>
        )}
      </div>
    </form>
  );
}
