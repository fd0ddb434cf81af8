import { useEffect, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { InputField, RadioGroupField } from "../../../../components/FormFields";
import { fieldErrors, type FormErrorItem } from "../../../../components/formErrors";
import { formatMoney } from "../../../../format/money";
import { ScheduleEditor } from "../../requests/ScheduleEditor";
import { simulate, type MissingResources, type TermsInput } from "../api";
import { RateSteps } from "../TermsView";

/** The terms as the form holds them (text inputs). */
export interface TermsForm {
  schedule: TermsInput["schedule"];
  alternating: boolean;
  weeks_per_year: string;
  leave_weeks: string;
  annual_resources: string;
  resources_year: string;
  missing_resources: MissingResources;
  children: string;
  aeeh_children: string;
}

export const EMPTY_TERMS: TermsForm = {
  schedule: [],
  alternating: false,
  weeks_per_year: "45",
  leave_weeks: "0",
  annual_resources: "",
  resources_year: "",
  missing_resources: "ceiling",
  children: "1",
  aeeh_children: "0",
};

const decimal = (text: string) => text.trim().replace(",", ".").replace(/\s/g, "");

/** The form's terms as the API takes them (empty resources: unknown). */
export function termsInput(form: TermsForm): TermsInput {
  return {
    schedule: form.schedule,
    alternating: form.alternating,
    weeks_per_year: decimal(form.weeks_per_year),
    leave_weeks: decimal(form.leave_weeks) || "0",
    annual_resources: decimal(form.annual_resources) || null,
    resources_year: form.resources_year ? Number(form.resources_year) : null,
    missing_resources: form.missing_resources,
    children: Number(form.children) || 0,
    aeeh_children: Number(form.aeeh_children) || 0,
  };
}

const MISSING_OPTIONS = [
  { value: "ceiling", label: "Plafond (règle de la Cnaf)" },
  { value: "floor", label: "Plancher (accueil d'urgence, placement à l'aide sociale à l'enfance)" },
] as const;

interface TermsFieldsProps {
  prefix: string;
  value: TermsForm;
  onChange: (value: TermsForm) => void;
  errors: FormErrorItem[];
}

/** Schedule, weeks, resources, children and AEEH of a contract or an avenant. */
export function TermsFields({ prefix, value, onChange, errors }: TermsFieldsProps) {
  const set = <K extends keyof TermsForm>(key: K) => (next: TermsForm[K]) => onChange({ ...value, [key]: next });
  return (
    <>
      <ScheduleEditor
        legend="Planning hebdomadaire"
        value={value.schedule}
        alternating={value.alternating}
        onChange={(schedule, alternating) => onChange({ ...value, schedule, alternating })}
        errors={fieldErrors(errors, `${prefix}-planning`)}
        firstId={`${prefix}-planning`}
      />
      <div className="creche-contract__grid">
        <InputField id={`${prefix}-semaines`} label="Semaines d'accueil par an" inputMode="decimal" required value={value.weeks_per_year} onChange={set("weeks_per_year")} errors={fieldErrors(errors, `${prefix}-semaines`)} />
        <InputField id={`${prefix}-conges`} label="Semaines de congés déclarées" inputMode="decimal" value={value.leave_weeks} onChange={set("leave_weeks")} errors={fieldErrors(errors, `${prefix}-conges`)} />
        <InputField
          id={`${prefix}-ressources`}
          label="Ressources annuelles N-2 (€)"
          hint="Telles que lues dans CDAP. Vide : ressources inconnues."
          inputMode="decimal"
          value={value.annual_resources}
          onChange={set("annual_resources")}
          errors={fieldErrors(errors, `${prefix}-ressources`)}
        />
        <InputField id={`${prefix}-annee`} label="Année des ressources" inputMode="numeric" value={value.resources_year} onChange={set("resources_year")} errors={fieldErrors(errors, `${prefix}-annee`)} />
        <InputField id={`${prefix}-enfants`} label="Enfants à charge" inputMode="numeric" required value={value.children} onChange={set("children")} errors={fieldErrors(errors, `${prefix}-enfants`)} />
        <InputField
          id={`${prefix}-aeeh`}
          label="Enfants bénéficiaires de l'AEEH dans le foyer"
          inputMode="numeric"
          value={value.aeeh_children}
          onChange={set("aeeh_children")}
          errors={fieldErrors(errors, `${prefix}-aeeh`)}
        />
      </div>
      {!value.annual_resources.trim() && (
        <RadioGroupField
          id={`${prefix}-inconnues`}
          label="Ressources inconnues : tarif au"
          value={value.missing_resources}
          onChange={(next) => set("missing_resources")(next as MissingResources)}
          options={MISSING_OPTIONS}
          errors={fieldErrors(errors, `${prefix}-inconnues`)}
        />
      )}
    </>
  );
}

/** The DRF field → input id map of the terms' fields. */
export function termsParams(prefix: string): Record<string, string> {
  return {
    schedule: `${prefix}-planning`,
    weeks_per_year: `${prefix}-semaines`,
    leave_weeks: `${prefix}-conges`,
    annual_resources: `${prefix}-ressources`,
    resources_year: `${prefix}-annee`,
    children: `${prefix}-enfants`,
    aeeh_children: `${prefix}-aeeh`,
    missing_resources: `${prefix}-inconnues`,
  };
}

function useDebounced<T>(value: T, delay = 400): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setCurrent(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return current;
}

interface SimulationProps {
  establishment: number | null;
  on: string;
  end: string | null;
  monthsBilled: number | null;
  terms: TermsForm;
}

/**
 * The PSU computation of the figures being typed, step by step (resources →
 * clamped → effort rate → hourly rate → monthly hours → fee), recomputed by
 * the server as they change; nothing is saved.
 */
export function SimulationPanel({ establishment, on, end, monthsBilled, terms }: SimulationProps) {
  const input = useDebounced({ establishment, on, end, monthsBilled, terms: termsInput(terms) });
  const ready = Boolean(input.establishment && input.on && input.terms.schedule.length && input.terms.weeks_per_year);
  const query = useQuery({
    queryKey: ["creche", "contracts", "simulation", input],
    queryFn: () =>
      simulate({ ...input.terms, establishment: input.establishment as number, start_date: input.on, end_date: input.end || null, months_billed: input.monthsBilled }),
    enabled: ready,
    placeholderData: keepPreviousData,
    retry: false,
  });
  return (
    <section aria-labelledby="simulation-titre" className="card">
      <h2 id="simulation-titre">Calcul du tarif (PSU)</h2>
      <div role="status" aria-live="polite">
        {!ready ? (
          <p>Choisissez l'établissement, la date et le planning pour voir le calcul.</p>
        ) : query.isError ? (
          <p className="notice notice--warning">Calcul impossible avec ces valeurs : corrigez le formulaire.</p>
        ) : query.data ? (
          <>
            <RateSteps steps={query.data.steps} />
            <p>
              Tarif horaire <strong>{formatMoney(query.data.hourly_rate)}</strong> · mensualité{" "}
              <strong>{formatMoney(query.data.monthly_fee)}</strong> sur {query.data.months_billed} mois
            </p>
          </>
        ) : (
          <p className="inline-status">
            <span className="spinner" aria-hidden="true" /> Calcul en cours…
          </p>
        )}
      </div>
    </section>
  );
}
