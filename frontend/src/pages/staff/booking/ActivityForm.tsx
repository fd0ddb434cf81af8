import type { FormEvent } from "react";
import { useStructure } from "../../../api/StructureContext";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../components/formErrors";
import { InputField, type InputFieldProps, CheckboxField, SelectField, TextAreaField } from "../../../components/FormFields";
import { SubmitButton } from "../../../components/SubmitButton";
import { isIsoDate } from "../../../format/dates";
import type { Activity, ActivityInput, CalendarKind, ValidationMode } from "./api";
import { isWholeNumber, optionalId, optionalNumber, useFormValues, type ConfigEditor } from "./configKit";
import { CALENDAR_LABELS, VALIDATION_LABELS } from "./labels";
import { policyOptions, usePolicies } from "./queries";

export const ACTIVITY_IDS = {
  module: "activite-module",
  kind: "activite-type",
  name: "activite-nom",
  season: "activite-periode",
  start_date: "activite-debut",
  end_date: "activite-fin",
  calendar: "activite-calendrier",
  place: "activite-lieu",
  description: "activite-description",
  min_age: "activite-age-min",
  max_age: "activite-age-max",
  enrolment_opens_on: "activite-inscriptions-debut",
  enrolment_closes_on: "activite-inscriptions-fin",
  enrolment_validation: "activite-validation-inscriptions",
  max_enrolments: "activite-inscriptions-max",
  booking_validation: "activite-validation-reservations",
  booking_policy: "activite-delai",
  cancel_policy: "activite-delai-annulation",
  horizon_days: "activite-horizon",
} as const;

const str = (value: number | null | undefined) => (value === null || value === undefined ? "" : String(value));
const OPTIONAL_NUMBERS = ["min_age", "max_age", "max_enrolments", "horizon_days"] as const;

function initialValues(activity: Activity | null, defaultModule: string) {
  return {
    module: activity?.module ?? defaultModule,
    kind: activity?.kind ?? "",
    name: activity?.name ?? "",
    season: activity?.season ?? "",
    start_date: activity?.start_date ?? "",
    end_date: activity?.end_date ?? "",
    calendar: (activity?.calendar ?? "school_days") as CalendarKind,
    place: activity?.place ?? "",
    description: activity?.description ?? "",
    min_age: str(activity?.min_age),
    max_age: str(activity?.max_age),
    enrolment_opens_on: activity?.enrolment_opens_on ?? "",
    enrolment_closes_on: activity?.enrolment_closes_on ?? "",
    enrolment_validation: (activity?.enrolment_validation ?? "staff") as ValidationMode,
    max_enrolments: str(activity?.max_enrolments),
    booking_validation: (activity?.booking_validation ?? "auto") as ValidationMode,
    booking_policy: str(activity?.booking_policy),
    cancel_policy: str(activity?.cancel_policy),
    horizon_days: str(activity?.horizon_days),
    published: activity?.published ?? false,
    with_default_units: true,
  };
}

type Values = ReturnType<typeof initialValues>;

function validate(v: Values): FormErrorItem[] {
  const found: FormErrorItem[] = [];
  const need = (ok: boolean, field: keyof typeof ACTIVITY_IDS, message: string) => {
    if (!ok) found.push({ fieldId: ACTIVITY_IDS[field], message });
  };
  need(Boolean(v.module), "module", "Choisissez le service.");
  need(Boolean(v.kind), "kind", "Choisissez le type d'activité.");
  need(Boolean(v.name.trim()), "name", "Saisissez le nom de l'activité.");
  need(Boolean(v.season.trim()), "season", "Saisissez la période (ex. 2025/2026).");
  need(isIsoDate(v.start_date), "start_date", "Indiquez le premier jour de l'activité.");
  need(isIsoDate(v.end_date) && !(isIsoDate(v.start_date) && v.end_date < v.start_date), "end_date", "Indiquez le dernier jour, après le premier.");
  for (const f of OPTIONAL_NUMBERS) need(!v[f].trim() || isWholeNumber(v[f]), f, "Un nombre entier positif, ou rien.");
  const enrolmentOrder = !v.enrolment_closes_on || !v.enrolment_opens_on || v.enrolment_closes_on >= v.enrolment_opens_on;
  need(enrolmentOrder, "enrolment_closes_on", "La fin des inscriptions doit suivre leur ouverture.");
  return found;
}

function bodyOf(v: Values, creating: boolean): ActivityInput {
  const body: ActivityInput = {
    module: v.module,
    kind: v.kind,
    name: v.name.trim(),
    season: v.season.trim(),
    start_date: v.start_date,
    end_date: v.end_date,
    calendar: v.calendar,
    place: v.place.trim(),
    description: v.description.trim(),
    min_age: optionalNumber(v.min_age),
    max_age: optionalNumber(v.max_age),
    enrolment_opens_on: v.enrolment_opens_on || null,
    enrolment_closes_on: v.enrolment_closes_on || null,
    enrolment_validation: v.enrolment_validation,
    max_enrolments: optionalNumber(v.max_enrolments),
    booking_validation: v.booking_validation,
    booking_policy: optionalId(v.booking_policy),
    cancel_policy: optionalId(v.cancel_policy),
    horizon_days: optionalNumber(v.horizon_days),
    published: v.published,
    with_default_units: creating ? v.with_default_units : false,
  };
  if (!creating) delete (body as Partial<ActivityInput>).with_default_units;
  return body;
}

const VALIDATIONS = (Object.keys(VALIDATION_LABELS) as ValidationMode[]).map((m) => ({ value: m, label: VALIDATION_LABELS[m] }));

/** An activity of a service: dates, calendar, ages, enrolments, booking rules, publication. */
export function ActivityForm({ editor }: { editor: ConfigEditor<Activity> }) {
  const structure = useStructure();
  const policies = usePolicies();
  const activity = editor.editing;
  const [values, set, setValues] = useFormValues(() => initialValues(activity, structure.modules[0]?.id ?? ""));
  const kinds = structure.modules.find((m) => m.id === values.module)?.activity_kinds ?? [];
  const err = (field: keyof typeof ACTIVITY_IDS) => fieldErrors(editor.errors, ACTIVITY_IDS[field]);
  const text = (field: keyof typeof ACTIVITY_IDS & keyof Values, label: string, extra: Partial<InputFieldProps> = {}) => (
    <InputField id={ACTIVITY_IDS[field]} label={label} value={String(values[field])} onChange={set(field) as (v: string) => void} errors={err(field)} requiredMark={false} {...extra} />
  );
  const number: Partial<InputFieldProps> = { type: "number", inputMode: "numeric", min: 0 };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (editor.save.isPending) return;
    const found = validate(values);
    editor.setErrors(found);
    editor.setStatus("");
    if (!found.length) editor.save.mutate(bodyOf(values, !activity));
  }

  return (
    <form className="form card" noValidate onSubmit={submit} aria-labelledby="activite-form-titre">
      <h2 id="activite-form-titre" ref={editor.formHeading} tabIndex={-1}>
        {activity ? `Modifier « ${activity.name} »` : "Ajouter une activité"}
      </h2>
      <ErrorSummary items={editor.errors} />
      <fieldset className="fieldset">
        <legend>L'activité</legend>
        <div className="form-grid form-grid--2">
          <SelectField
            id={ACTIVITY_IDS.module}
            label="Service *"
            value={values.module}
            onChange={(v) => setValues((s) => ({ ...s, module: v, kind: "" }))}
            options={[{ value: "", label: "Choisir un service" }, ...structure.modules.map((m) => ({ value: m.id, label: m.label }))]}
            errors={err("module")}
          />
          <SelectField
            id={ACTIVITY_IDS.kind}
            label="Type d'activité *"
            value={values.kind}
            onChange={set("kind")}
            options={[{ value: "", label: "Choisir un type" }, ...kinds.map((k) => ({ value: k.id, label: k.label }))]}
            errors={err("kind")}
          />
          {text("name", "Nom *", { required: true })}
          {text("season", "Période *", { hint: "Par exemple 2025/2026.", required: true })}
          {text("start_date", "Début *", { type: "date", required: true })}
          {text("end_date", "Fin *", { type: "date", required: true })}
          <SelectField
            id={ACTIVITY_IDS.calendar}
            label="Jours d'ouverture"
            value={values.calendar}
            onChange={(v) => set("calendar")(v as CalendarKind)}
            options={(Object.keys(CALENDAR_LABELS) as CalendarKind[]).map((c) => ({ value: c, label: CALENDAR_LABELS[c] }))}
            errors={err("calendar")}
          />
          {text("place", "Lieu")}
          {text("min_age", "Âge minimum", number)}
          {text("max_age", "Âge maximum", number)}
        </div>
        <TextAreaField id={ACTIVITY_IDS.description} label="Description" rows={3} value={values.description} onChange={set("description")} errors={err("description")} />
      </fieldset>
      <fieldset className="fieldset">
        <legend>Inscriptions</legend>
        <div className="form-grid form-grid--2">
          {text("enrolment_opens_on", "Inscriptions à partir du", { type: "date" })}
          {text("enrolment_closes_on", "Inscriptions jusqu'au", { type: "date" })}
          <SelectField
            id={ACTIVITY_IDS.enrolment_validation}
            label="Validation des inscriptions"
            value={values.enrolment_validation}
            onChange={(v) => set("enrolment_validation")(v as ValidationMode)}
            options={VALIDATIONS}
          />
          {text("max_enrolments", "Inscriptions maximum", { ...number, hint: "Vide : sans limite." })}
        </div>
      </fieldset>
      <fieldset className="fieldset">
        <legend>Réservations</legend>
        <div className="form-grid form-grid--2">
          <SelectField
            id={ACTIVITY_IDS.booking_validation}
            label="Validation des réservations"
            value={values.booking_validation}
            onChange={(v) => set("booking_validation")(v as ValidationMode)}
            options={VALIDATIONS}
          />
          {text("horizon_days", "Horizon de réservation (jours)", { ...number, hint: "Jusqu'où à l'avance les familles peuvent réserver. Vide : toute la période." })}
          <SelectField
            id={ACTIVITY_IDS.booking_policy}
            label="Délai de réservation"
            value={values.booking_policy}
            onChange={set("booking_policy")}
            options={policyOptions(policies.data, "Aucun délai choisi")}
            errors={err("booking_policy")}
          />
          <SelectField
            id={ACTIVITY_IDS.cancel_policy}
            label="Délai d'annulation"
            value={values.cancel_policy}
            onChange={set("cancel_policy")}
            options={policyOptions(policies.data, "Le même que pour réserver")}
            errors={err("cancel_policy")}
          />
        </div>
      </fieldset>
      <CheckboxField id="activite-publiee" label="Proposée aux familles" checked={values.published} onChange={set("published")} />
      {!activity && (
        <CheckboxField
          id="activite-prestations-par-defaut"
          label="Créer les prestations habituelles de ce type"
          hint="Par exemple matin, midi et soir pour un accueil périscolaire ; vous pourrez les modifier."
          checked={values.with_default_units}
          onChange={set("with_default_units")}
        />
      )}
      <div className="button-row">
        <SubmitButton busy={editor.save.isPending} label={activity ? "Enregistrer l'activité" : "Ajouter l'activité"} busyLabel="Enregistrement…" />
        {activity && (
          <button type="button" className="button button--secondary" onClick={editor.cancelEdit}>
            Quitter cette activité
          </button>
        )}
      </div>
    </form>
  );
}
