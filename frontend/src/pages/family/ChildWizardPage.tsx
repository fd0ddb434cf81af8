import { useEffect, useRef, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { apiFetch } from "../../api/client";
import {
  familyKeys,
  labelOf,
  policyOf,
  URLS,
  useDossierOptions,
  useGuardians,
  useHousehold,
  type AuthorisedPersonInput,
  type Child,
  type ChildCreate,
  type DossierOptions,
  type Guardian,
  type Relation,
  type VaccinationInput,
} from "../../api/family";
import { mapApiError, messagesFor, type FieldErrorItem } from "../../components/apiErrors";
import { ErrorSummary } from "../../components/ErrorSummary";
import { RequiredFieldsNote, SelectField, CHOOSE } from "../../components/FormFields";
import { StepIndicator } from "../../components/StepIndicator";
import { SubmitButton } from "../../components/SubmitButton";
import { usePageTitle } from "../../theme/usePageTitle";
import { Breadcrumb } from "./components/Breadcrumb";
import { AuthorisationQuestions, checkAuthorisations, PersonsEditor, VaccinationsEditor } from "./components/ChildCollections";
import {
  checkRequired,
  displayValue,
  DossierFields,
  fieldId,
  fieldState,
  fromFormValue,
  toFormValues,
  type DossierFieldDef,
  type FormValues,
} from "./components/DossierForm";
import { HealthDataRefused } from "./components/HealthDataRefused";
import { PageError, PageLoading } from "./components/PageStates";
import { childHealthDefs, childIdentityDefs, childSchoolDefs, choiceOptions } from "./fieldDefs";

export const CHILD_WIZARD_STEPS = [
  "Informations personnelles",
  "Scolarité",
  "Santé",
  "Liens familiaux",
  "Autorisations",
  "Personnes autorisées",
  "Récapitulatif",
] as const;
const RECAP = CHILD_WIZARD_STEPS.length - 1;
const PREFIX = "enfant";
const relationId = (guardian: number) => `lien-${guardian}`;

/** /mes-enfants/nouveau — add a child in steps. */
export function ChildWizardPage() {
  const options = useDossierOptions();
  const guardians = useGuardians();
  // The health step is replaced by an explanation when the medical-data consent was refused
  // (the server would refuse the data); if the household cannot be read, the server decides.
  const household = useHousehold();
  usePageTitle("Ajouter un enfant");
  return (
    <>
      <Breadcrumb trail={[{ label: "Mes enfants", path: "/mes-enfants" }, { label: "Ajouter un enfant" }]} />
      <h1>Ajouter un enfant</h1>
      {options.isPending || guardians.isPending || household.isPending ? (
        <PageLoading />
      ) : guardians.isError ? (
        <PageError error={guardians.error} onRetry={() => void guardians.refetch()} />
      ) : (
        <ChildWizard options={options.data} guardians={guardians.data} healthAllowed={household.data?.health_data_allowed !== false} />
      )}
    </>
  );
}

type Keyed<T> = T & { id: string };
let localId = 0;
const nextLocalId = () => `local-${++localId}`;

interface ChildWizardProps {
  options: DossierOptions | undefined;
  guardians: Guardian[];
  healthAllowed: boolean;
}

function ChildWizard({ options, guardians, healthAllowed }: ChildWizardProps) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const identity = childIdentityDefs(options);
  const school = childSchoolDefs(options);
  const health = healthAllowed ? childHealthDefs(options) : [];
  const allDefs = [...identity, ...school, ...health];
  const stepDefs: Record<number, DossierFieldDef[]> = { 0: identity, 1: school, 2: health };
  const questions = options?.authorisation_questions ?? [];
  const me = guardians.find((g) => g.is_me);

  const [step, setStep] = useState(0);
  const [values, setValues] = useState<FormValues>(() => ({ ...toFormValues(allDefs, {}), last_name: me?.last_name ?? "" }));
  const [relations, setRelations] = useState<Record<number, string>>({});
  const [answers, setAnswers] = useState<Record<number, string>>({});
  const [persons, setPersons] = useState<Keyed<AuthorisedPersonInput>[]>([]);
  const [vaccinations, setVaccinations] = useState<Keyed<VaccinationInput>[]>([]);
  const [errors, setErrors] = useState<FieldErrorItem[]>([]);

  const vaccinationsPolicy = policyOf(options, "child.vaccinations");
  const personsPolicy = policyOf(options, "child.authorised_persons");
  const authorisationsPolicy = policyOf(options, "child.authorisations");

  const headingRef = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [step]);

  const labels = Object.fromEntries(allDefs.map((d) => [d.name, fieldState(d, options, true).label]));
  const stepOfField = (name: string) => (identity.some((d) => d.name === name) ? 0 : school.some((d) => d.name === name) ? 1 : 2);

  function locate(path: string): { id?: string; label?: string; step: number } {
    const [head, a] = path.split(".");
    if (head === "relations") return { step: 3, label: "Liens familiaux" };
    if (head === "authorisation_answers") return { step: 4, label: "Autorisations" };
    if (head === "persons") return { step: 5, label: `Personne ${Number(a) + 1}` };
    if (head === "vaccination_list") return { step: 2, label: `Vaccination ${Number(a) + 1}` };
    if (labels[head]) return { id: fieldId(PREFIX, head), label: labels[head], step: stepOfField(head) };
    return { step: RECAP };
  }

  const mutation = useMutation({
    mutationFn: (body: ChildCreate) => apiFetch<Child>(URLS.children, { method: "POST", body }),
    onSuccess: async (child) => {
      queryClient.setQueryData(familyKeys.child(child.id), child);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: familyKeys.children, exact: true }),
        queryClient.invalidateQueries({ queryKey: familyKeys.home }),
        queryClient.invalidateQueries({ queryKey: familyKeys.missing }),
        queryClient.invalidateQueries({ queryKey: familyKeys.guardians }),
      ]);
      void navigate(`/mes-enfants/${child.id}`, { state: { flash: `${child.first_name} a été ajouté(e) à votre dossier.` } });
    },
    onError: (error) => {
      const items = mapApiError(error, { idFor: (p) => locate(p).id, labelFor: (p) => locate(p).label });
      const steps = items.filter((i) => i.path).map((i) => locate(i.path!).step);
      if (steps.length) setStep(Math.min(...steps));
      setErrors(items);
    },
  });

  function payload(): ChildCreate {
    const body: Record<string, unknown> = {};
    for (const def of allDefs) {
      if (!fieldState(def, options, true).visible) continue;
      if (def.showIf && !def.showIf(values)) continue;
      body[def.name] = fromFormValue(def, values[def.name] ?? "");
    }
    const links = Object.fromEntries(Object.entries(relations).filter(([, r]) => r)) as Record<string, Relation>;
    return {
      ...(body as Pick<ChildCreate, "first_name" | "last_name" | "birth_date">),
      relations: links,
      authorisation_answers:
        authorisationsPolicy.mode === "hidden"
          ? []
          : questions.filter((q) => answers[q.id]).map((q) => ({ question: q.id, value: answers[q.id] === "true" })),
      persons: personsPolicy.mode === "hidden" ? [] : persons.map(({ id: _id, ...person }) => person),
      vaccination_list: vaccinationsPolicy.mode === "hidden" || !healthAllowed ? [] : vaccinations.map(({ id: _id, ...v }) => v),
    };
  }

  function checkStep(current: number): FieldErrorItem[] {
    if (stepDefs[current]) return checkRequired(stepDefs[current], values, options, PREFIX, true);
    if (current === 4 && authorisationsPolicy.mode !== "hidden") return checkAuthorisations(PREFIX, questions, answers);
    return [];
  }

  function next(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    if (step === RECAP) {
      // Every step again: a step may have been left with an error.
      for (let s = 0; s < RECAP; s++) {
        const found = checkStep(s);
        if (found.length) {
          setStep(s);
          setErrors(found);
          return;
        }
      }
      setErrors([]);
      mutation.mutate(payload());
      return;
    }
    const found = checkStep(step);
    setErrors(found);
    if (!found.length) setStep(step + 1);
  }

  const relationChoices = choiceOptions(options?.relations);

  return (
    <>
      <StepIndicator steps={CHILD_WIZARD_STEPS} current={step} label="Étapes de l'ajout d'un enfant" />
      <h2 ref={headingRef} tabIndex={-1} className="step-title">
        Étape {step + 1} sur {CHILD_WIZARD_STEPS.length} : {CHILD_WIZARD_STEPS[step]}
      </h2>
      <ErrorSummary items={errors} />
      <form className="form form--wide" noValidate onSubmit={next}>
        {(step < 2 || (step === 2 && healthAllowed)) && <RequiredFieldsNote />}
        {step === 2 && !healthAllowed && <HealthDataRefused childName={typeof values.first_name === "string" ? values.first_name : undefined} />}
        {stepDefs[step]?.length > 0 && (
          <DossierFields
            defs={stepDefs[step]}
            values={values}
            onChange={(name, value) => setValues((v) => ({ ...v, [name]: value }))}
            options={options}
            prefix={PREFIX}
            errors={errors}
            creating
          />
        )}
        {step === 2 && healthAllowed && vaccinationsPolicy.mode !== "hidden" && (
          <VaccinationsEditor
            idPrefix="assistant"
            items={vaccinations}
            onAdd={(input) => setVaccinations((list) => [...list, { ...input, id: nextLocalId() }])}
            onRemove={(id) => setVaccinations((list) => list.filter((v) => v.id !== id))}
          />
        )}
        {step === 3 && (
          <fieldset className="fieldset">
            <legend className="fieldset__legend">Lien de chaque responsable avec l'enfant</legend>
            {guardians.map((guardian) => (
              <SelectField
                placeholder={CHOOSE}
                key={guardian.id}
                id={relationId(guardian.id)}
                label={`${guardian.first_name} ${guardian.last_name}${guardian.is_me ? " (vous)" : ""}`}
                value={relations[guardian.id] ?? ""}
                options={relationChoices}
                onChange={(value) => setRelations((r) => ({ ...r, [guardian.id]: value }))}
                errors={messagesFor(errors, relationId(guardian.id))}
              />
            ))}
          </fieldset>
        )}
        {step === 4 &&
          (authorisationsPolicy.mode === "hidden" ? (
            <p>Votre structure ne demande pas d'autorisation.</p>
          ) : (
            <AuthorisationQuestions
              idPrefix={PREFIX}
              questions={questions}
              values={answers}
              onChange={(q, v) => setAnswers((a) => ({ ...a, [q]: v }))}
              errors={errors}
            />
          ))}
        {step === 5 &&
          (personsPolicy.mode === "hidden" ? (
            <p>Votre structure ne demande pas de liste de personnes autorisées.</p>
          ) : (
            <>
              <p>Les personnes, autres que les responsables, qui peuvent venir chercher l'enfant ou être prévenues en cas d'urgence.</p>
              <PersonsEditor
                idPrefix="assistant"
                items={persons}
                onAdd={(input) => setPersons((list) => [...list, { ...input, id: nextLocalId() }])}
                onUpdate={(id, input) => setPersons((list) => list.map((p) => (p.id === id ? { ...input, id: p.id } : p)))}
                onRemove={(id) => setPersons((list) => list.filter((p) => p.id !== id))}
              />
            </>
          ))}
        {step === RECAP && (
          <ChildRecap
            defs={allDefs}
            values={values}
            options={options}
            guardians={guardians}
            relations={relations}
            answers={answers}
            persons={persons}
            vaccinations={vaccinations}
            onEdit={(s) => {
              setErrors([]);
              setStep(s);
            }}
          />
        )}
        <div className="form-actions form-actions--split">
          {step > 0 && (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setErrors([]);
                setStep(step - 1);
              }}
            >
              Précédent
            </button>
          )}
          <SubmitButton
            busy={mutation.isPending}
            label={step === RECAP ? "Ajouter l'enfant" : "Suivant"}
            busyLabel={step === RECAP ? "Enregistrement en cours…" : "Vérification…"}
          />
        </div>
      </form>
    </>
  );
}

interface ChildRecapProps {
  defs: DossierFieldDef[];
  values: FormValues;
  options: DossierOptions | undefined;
  guardians: Guardian[];
  relations: Record<number, string>;
  answers: Record<number, string>;
  persons: AuthorisedPersonInput[];
  vaccinations: VaccinationInput[];
  onEdit: (step: number) => void;
}

function ChildRecap({ defs, values, options, guardians, relations, answers, persons, vaccinations, onEdit }: ChildRecapProps) {
  const shown = defs.filter((d) => fieldState(d, options, true).visible && (!d.showIf || d.showIf(values)));
  const edit = (s: number, what: string) => (
    <button type="button" className="button button--link" onClick={() => onEdit(s)}>
      Modifier <span className="visually-hidden">: {what}</span>
    </button>
  );
  return (
    <>
      <p>Vérifiez les informations avant d'ajouter l'enfant à votre dossier.</p>
      <div className="recap-section">
        <div className="recap-section__head">
          <h3>Fiche de l'enfant</h3>
          {edit(0, "informations personnelles")}
        </div>
        <dl className="definition-list">
          {shown.map((def) => (
            <div key={def.name}>
              <dt>{fieldState(def, options, true).label}</dt>
              <dd>{displayValue(def, values[def.name] ?? "") || "Non renseigné"}</dd>
            </div>
          ))}
          <div>
            <dt>Vaccinations</dt>
            <dd>{vaccinations.length ? vaccinations.map((v) => `${v.vaccine} (${displayValue({ name: "d", policy: "", kind: "date" }, v.date)})`).join(", ") : "Aucune"}</dd>
          </div>
        </dl>
      </div>
      <div className="recap-section">
        <div className="recap-section__head">
          <h3>Liens familiaux</h3>
          {edit(3, "liens familiaux")}
        </div>
        <ul>
          {guardians.map((g) => (
            <li key={g.id}>
              {g.first_name} {g.last_name} : {labelOf(options?.relations, relations[g.id]) || "Autre"}
            </li>
          ))}
        </ul>
      </div>
      <div className="recap-section">
        <div className="recap-section__head">
          <h3>Autorisations</h3>
          {edit(4, "autorisations")}
        </div>
        <ul>
          {(options?.authorisation_questions ?? []).map((q) => (
            <li key={q.id}>
              {q.label} : {answers[q.id] === "true" ? "Oui" : answers[q.id] === "false" ? "Non" : "Sans réponse"}
            </li>
          ))}
        </ul>
      </div>
      <div className="recap-section">
        <div className="recap-section__head">
          <h3>Personnes autorisées</h3>
          {edit(5, "personnes autorisées")}
        </div>
        {persons.length ? (
          <ul>
            {persons.map((p, i) => (
              <li key={i}>
                {p.name} ({p.relation}) · {p.phone}
              </li>
            ))}
          </ul>
        ) : (
          <p>Aucune.</p>
        )}
      </div>
    </>
  );
}
