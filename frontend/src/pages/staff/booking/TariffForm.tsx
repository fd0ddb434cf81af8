import type { FormEvent } from "react";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../components/formErrors";
import { InputField, SelectField } from "../../../components/FormFields";
import { SubmitButton } from "../../../components/SubmitButton";
import { isIsoDate } from "../../../format/dates";
import type { Activity, PricingMethod, Tariff, TariffInput, TariffMethod, Unit } from "./api";
import { BracketsEditor, bracketsBody, validateBrackets, type BracketDraft } from "./BracketsEditor";
import { optionalId, useFormValues, type ConfigEditor } from "./configKit";
import { decimalInput, isDecimal } from "./labels";
import { initialParameters, PARAMETERS_FIELD_ID, parametersBody, PricingParameterFields, validateParameters } from "./PricingParameters";
import { activityOptions, useUnits } from "./queries";

export const TARIFF_IDS = {
  name: "tarif-nom",
  activity: "tarif-activite",
  unit: "tarif-prestation",
  valid_from: "tarif-debut",
  valid_until: "tarif-fin",
  method: "tarif-mode",
  amount: "tarif-prix",
  amount_exterior: "tarif-prix-exterieur",
  meal_supplement: "tarif-supplement-repas",
  sibling_discounts: "tarif-reductions",
  brackets: "tranches-ajouter",
  parameters: PARAMETERS_FIELD_ID,
} as const;

const decimalOrEmpty = (value: string | null | undefined) => (value ? value.replace(".", ",") : "");

function initialValues(tariff: Tariff | null, units: readonly Unit[]) {
  const activity = tariff?.activity ?? units.find((u) => u.id === tariff?.unit)?.activity;
  return {
    name: tariff?.name ?? "",
    activity: activity ? String(activity) : "",
    unit: tariff?.unit ? String(tariff.unit) : "",
    valid_from: tariff?.valid_from ?? "",
    valid_until: tariff?.valid_until ?? "",
    method: (tariff?.method ?? "flat") as TariffMethod,
    amount: decimalOrEmpty(tariff?.amount),
    amount_exterior: decimalOrEmpty(tariff?.amount_exterior),
    meal_supplement: decimalOrEmpty(tariff?.meal_supplement),
    parameters: initialParameters(tariff?.parameters as Record<string, unknown> | undefined),
    sibling_discounts: (tariff?.sibling_discounts ?? []).map((d) => d.replace(/\.0+$/, "").replace(".", ",")).join(" ; "),
    brackets: (tariff?.brackets ?? []).map<BracketDraft>((b, i) => ({
      key: i + 1,
      qf_min: decimalOrEmpty(b.qf_min),
      qf_max: decimalOrEmpty(b.qf_max),
      amount: decimalOrEmpty(b.amount),
      amount_exterior: decimalOrEmpty(b.amount_exterior),
    })),
  };
}

type Values = ReturnType<typeof initialValues>;

const discountsOf = (text: string) => text.split(/[;\s]+|,\s+/).map((d) => d.trim()).filter(Boolean);

/** Whether the method prices by quotient brackets (a method not offered any more keeps its shape). */
const usesBrackets = (method: PricingMethod | undefined, code: TariffMethod) => method?.uses_brackets ?? code === "quotient";

function validate(v: Values, method: PricingMethod | undefined): FormErrorItem[] {
  const found: FormErrorItem[] = [];
  if (!v.name.trim()) found.push({ fieldId: TARIFF_IDS.name, message: "Saisissez le nom du tarif." });
  if (!v.activity) found.push({ fieldId: TARIFF_IDS.activity, message: "Choisissez l'activité." });
  if (!isIsoDate(v.valid_from)) found.push({ fieldId: TARIFF_IDS.valid_from, message: "Indiquez la date de début de validité." });
  if (v.valid_until && (!isIsoDate(v.valid_until) || v.valid_until < v.valid_from))
    found.push({ fieldId: TARIFF_IDS.valid_until, message: "La fin de validité doit suivre son début." });
  if (!usesBrackets(method, v.method)) {
    if (!isDecimal(v.amount)) found.push({ fieldId: TARIFF_IDS.amount, message: "Indiquez le prix résident (ex. 3,50)." });
    if (v.amount_exterior.trim() && !isDecimal(v.amount_exterior))
      found.push({ fieldId: TARIFF_IDS.amount_exterior, message: "Le prix extérieur doit être un montant (ex. 4,20)." });
  }
  if (v.meal_supplement.trim() && !isDecimal(v.meal_supplement))
    found.push({ fieldId: TARIFF_IDS.meal_supplement, message: "Le supplément repas doit être un montant (ex. 1,20)." });
  if (discountsOf(v.sibling_discounts).some((d) => !isDecimal(d) || Number(decimalInput(d)) > 100))
    found.push({ fieldId: TARIFF_IDS.sibling_discounts, message: "Réductions fratrie : des pourcentages de 0 à 100 séparés par « ; »." });
  if (usesBrackets(method, v.method)) found.push(...validateBrackets(v.brackets));
  found.push(...validateParameters(method, v.parameters));
  return found;
}

function bodyOf(v: Values, method: PricingMethod | undefined): TariffInput {
  const body: TariffInput = {
    name: v.name.trim(),
    activity: optionalId(v.activity),
    unit: optionalId(v.unit),
    valid_from: v.valid_from,
    valid_until: v.valid_until || null,
    method: v.method,
    parameters: parametersBody(method, v.parameters),
    meal_supplement: v.meal_supplement.trim() ? decimalInput(v.meal_supplement) : "0",
    sibling_discounts: discountsOf(v.sibling_discounts).map(decimalInput),
  };
  if (!usesBrackets(method, v.method)) {
    body.amount = decimalInput(v.amount);
    body.amount_exterior = v.amount_exterior.trim() ? decimalInput(v.amount_exterior) : null;
    body.brackets = [];
  } else {
    body.brackets = bracketsBody(v.brackets);
  }
  return body;
}

/** A tariff: what it applies to, its validity, its pricing method (a price or quotient brackets, and the
 * method's parameters), supplements and discounts. */
interface TariffFormProps {
  editor: ConfigEditor<Tariff>;
  activities: readonly Activity[] | undefined;
  /** The methods offered to the structure (the core's and its enabled modules'). */
  methods: readonly PricingMethod[] | undefined;
  /** Every unit: finds the activity of a tariff set on a unit only. */
  allUnits: readonly Unit[];
}

export function methodOptions(methods: readonly PricingMethod[] | undefined, current: TariffMethod) {
  const options = (methods ?? []).map((m) => ({ value: m.code, label: m.label }));
  // A saved tariff keeps a method its structure no longer offers (a module switched off).
  if (!options.some((o) => o.value === current)) options.push({ value: current, label: methods ? `${current} (mode indisponible)` : current });
  return options;
}

export function TariffForm({ editor, activities, methods, allUnits }: TariffFormProps) {
  const tariff = editor.editing;
  const [values, set, setValues] = useFormValues(() => initialValues(tariff, allUnits));
  const units = useUnits(values.activity);
  const errors = editor.errors;
  const err = (id: string) => fieldErrors(errors, id);
  const method = methods?.find((m) => m.code === values.method);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (editor.save.isPending) return;
    const found = validate(values, method);
    editor.setErrors(found);
    editor.setStatus("");
    if (!found.length) editor.save.mutate(bodyOf(values, method));
  }

  return (
    <form className="form card" noValidate onSubmit={submit} aria-labelledby="tarif-form-titre">
      <h2 id="tarif-form-titre" ref={editor.formHeading} tabIndex={-1}>
        {tariff ? `Modifier « ${tariff.name} »` : "Ajouter un tarif"}
      </h2>
      <ErrorSummary items={errors} />
      <InputField
        id={TARIFF_IDS.name}
        label="Nom *"
        hint="Affiché comme « Tarification » dans le récapitulatif des familles."
        value={values.name}
        onChange={set("name")}
        errors={err(TARIFF_IDS.name)}
        required requiredMark={false}
      />
      <div className="form-grid form-grid--2">
        <SelectField
          id={TARIFF_IDS.activity}
          label="Activité *"
          value={values.activity}
          onChange={(v) => setValues((s) => ({ ...s, activity: v, unit: "" }))}
          options={activityOptions(activities, "Choisir une activité")}
          errors={err(TARIFF_IDS.activity)}
        />
        <SelectField
          id={TARIFF_IDS.unit}
          label="Prestation"
          hint="Toutes : les prestations de l'activité sans tarif propre."
          value={values.unit}
          onChange={set("unit")}
          options={[{ value: "", label: "Toutes les prestations" }, ...(units.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))]}
          errors={err(TARIFF_IDS.unit)}
        />
        <InputField
          id={TARIFF_IDS.valid_from}
          label="Valable du *"
          type="date"
          value={values.valid_from}
          onChange={set("valid_from")}
          errors={err(TARIFF_IDS.valid_from)}
          required requiredMark={false}
        />
        <InputField
          id={TARIFF_IDS.valid_until}
          label="Au"
          hint="Vide : sans fin."
          type="date"
          value={values.valid_until}
          onChange={set("valid_until")}
          errors={err(TARIFF_IDS.valid_until)}
        />
      </div>
      <SelectField
        id={TARIFF_IDS.method}
        label="Mode de calcul"
        hint={method?.description}
        value={values.method}
        onChange={(v) => set("method")(v as TariffMethod)}
        options={methodOptions(methods, values.method)}
        errors={err(TARIFF_IDS.method)}
      />
      <PricingParameterFields method={method} values={values.parameters} onChange={set("parameters")} errors={errors} />
      {!usesBrackets(method, values.method) ? (
        <div className="form-grid form-grid--2">
          <InputField
            id={TARIFF_IDS.amount}
            label="Prix résident (€) *"
            inputMode="decimal"
            value={values.amount}
            onChange={set("amount")}
            errors={err(TARIFF_IDS.amount)}
            required requiredMark={false}
          />
          <InputField
            id={TARIFF_IDS.amount_exterior}
            label="Prix extérieur (€)"
            hint="Vide : le même que pour les résidents."
            inputMode="decimal"
            value={values.amount_exterior}
            onChange={set("amount_exterior")}
            errors={err(TARIFF_IDS.amount_exterior)}
          />
        </div>
      ) : (
        <BracketsEditor brackets={values.brackets} onChange={set("brackets")} errors={errors} />
      )}
      <div className="form-grid form-grid--2">
        <InputField
          id={TARIFF_IDS.meal_supplement}
          label="Supplément repas (€)"
          hint="Ajouté pour les prestations avec repas."
          inputMode="decimal"
          value={values.meal_supplement}
          onChange={set("meal_supplement")}
          errors={err(TARIFF_IDS.meal_supplement)}
        />
        <InputField
          id={TARIFF_IDS.sibling_discounts}
          label="Réductions fratrie (%)"
          hint="2e enfant, 3e et suivants, séparés par « ; » (ex. 10 ; 20)."
          value={values.sibling_discounts}
          onChange={set("sibling_discounts")}
          errors={err(TARIFF_IDS.sibling_discounts)}
        />
      </div>
      <div className="button-row">
        <SubmitButton busy={editor.save.isPending} label={tariff ? "Enregistrer le tarif" : "Ajouter le tarif"} busyLabel="Enregistrement…" />
        {tariff && (
          <button type="button" className="button button--secondary" onClick={editor.cancelEdit}>
            Annuler la modification
          </button>
        )}
      </div>
    </form>
  );
}
