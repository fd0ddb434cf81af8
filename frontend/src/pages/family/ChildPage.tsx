import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, useParams, useSearchParams } from "react-router";
import { apiFetch } from "../../api/client";
import {
  ageLabel,
  familyKeys,
  policyOf,
  URLS,
  useChild,
  useDossierOptions,
  type AuthorisationAnswer,
  type AuthorisedPerson,
  type AuthorisedPersonInput,
  type Child,
  type ChildPatch,
  type ChildUpdateResult,
  type DossierOptions,
  type UpdateOutcome,
  type Vaccination,
  type VaccinationInput,
} from "../../api/family";
import { mapApiError, type FieldErrorItem } from "../../components/apiErrors";
import { ErrorSummary } from "../../components/ErrorSummary";
import { SubmitButton } from "../../components/SubmitButton";
import { usePageTitle } from "../../theme/usePageTitle";
import { Breadcrumb } from "./components/Breadcrumb";
import { ChangeOutcomeNotice } from "./components/ChangeOutcomeNotice";
import { AuthorisationQuestions, checkAuthorisations, PersonsEditor, VaccinationsEditor } from "./components/ChildCollections";
import { DossierForm, VALIDATED_HINT } from "./components/DossierForm";
import { HealthDataRefused } from "./components/HealthDataRefused";
import { PageError, PageLoading } from "./components/PageStates";
import { childHealthDefs, childIdentityDefs, childSchoolDefs } from "./fieldDefs";

export const CHILD_SECTIONS = [
  { id: "identite", label: "Identité et scolarité" },
  { id: "sante", label: "Santé" },
  { id: "personnes", label: "Personnes autorisées" },
  { id: "autorisations", label: "Autorisations" },
] as const;

/** /mes-enfants/:childId(?section=identite|sante|personnes|autorisations) */
export function ChildPage() {
  const { childId } = useParams();
  const id = Number(childId);
  const child = useChild(id);
  const options = useDossierOptions();
  const name = child.data ? `${child.data.first_name} ${child.data.last_name}` : "";
  usePageTitle(name || "Fiche enfant");

  return (
    <>
      <Breadcrumb trail={[{ label: "Mes enfants", path: "/mes-enfants" }, { label: name || "Fiche enfant" }]} />
      <h1>{name || "Fiche enfant"}</h1>
      {child.isPending || options.isPending ? (
        <PageLoading />
      ) : child.isError ? (
        <PageError error={child.error} onRetry={() => void child.refetch()} />
      ) : (
        <ChildSections child={child.data} options={options.data} />
      )}
    </>
  );
}

function ChildSections({ child, options }: { child: Child; options: DossierOptions | undefined }) {
  const queryClient = useQueryClient();
  const [searchParams] = useSearchParams();
  const section = searchParams.get("section");

  // ?section=…: bring that section into view and move the focus to its title
  // (after the page-level focus on the h1).
  useEffect(() => {
    if (!section) return;
    const timer = window.setTimeout(() => {
      const heading = document.getElementById(`section-${section}-titre`);
      if (!heading) return;
      heading.scrollIntoView?.({ block: "start" });
      heading.focus();
    }, 0);
    return () => window.clearTimeout(timer);
  }, [section]);

  const setChild = (next: Child) => {
    queryClient.setQueryData(familyKeys.child(child.id), next);
    void queryClient.invalidateQueries({ queryKey: familyKeys.children, exact: true });
    void queryClient.invalidateQueries({ queryKey: familyKeys.home });
    void queryClient.invalidateQueries({ queryKey: familyKeys.missing });
  };
  const savePatch = async (changes: Record<string, unknown>) => {
    const result = await apiFetch<ChildUpdateResult>(URLS.child(child.id), { method: "PATCH", body: changes as ChildPatch });
    setChild(result.child);
    void queryClient.invalidateQueries({ queryKey: ["family", "requests"] });
    return { source: result.child, applied: result.applied, requests: result.requests };
  };
  const refresh = () => queryClient.invalidateQueries({ queryKey: familyKeys.child(child.id) });

  const vaccinationsPolicy = policyOf(options, "child.vaccinations");
  const personsPolicy = policyOf(options, "child.authorised_persons");
  const authorisationsPolicy = policyOf(options, "child.authorisations");

  return (
    <>
      <p className="lead">
        {ageLabel(child.age)}
        {child.school_level_label ? ` · ${child.school_level_label}` : ""}
      </p>
      <nav aria-label="Sections de la fiche" className="section-nav">
        <ul>
          {CHILD_SECTIONS.map((s) => (
            <li key={s.id}>
              <Link to={`?section=${s.id}`} aria-current={section === s.id ? "location" : undefined}>
                {s.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <ChildSection id="identite" title="Identité et scolarité">
        <DossierForm
          idPrefix="enfant-identite"
          defs={[...childIdentityDefs(options), ...childSchoolDefs(options)]}
          source={child}
          options={options}
          onSave={savePatch}
        />
      </ChildSection>

      <ChildSection id="sante" title="Santé">
        {child.health_data_allowed === false ? (
          <HealthDataRefused childName={child.first_name} />
        ) : (
          <DossierForm idPrefix="enfant-sante" defs={childHealthDefs(options)} source={child} options={options} onSave={savePatch} />
        )}
        {child.health_data_allowed !== false && vaccinationsPolicy.mode !== "hidden" && (
          <VaccinationsEditor
            idPrefix="enfant"
            items={child.vaccinations}
            readOnly={vaccinationsPolicy.mode === "read_only"}
            onAdd={async (input: VaccinationInput) => {
              await apiFetch<Vaccination>(URLS.vaccinations(child.id), { method: "POST", body: input });
              await refresh();
            }}
            onRemove={async (item) => {
              await apiFetch<null>(URLS.vaccination(child.id, Number(item)), { method: "DELETE" });
              await refresh();
            }}
          />
        )}
      </ChildSection>

      {personsPolicy.mode !== "hidden" && (
        <ChildSection id="personnes" title="Personnes autorisées et à prévenir">
          <PersonsEditor
            idPrefix="enfant"
            items={child.authorised_persons}
            readOnly={personsPolicy.mode === "read_only"}
            onAdd={async (input: AuthorisedPersonInput) => {
              await apiFetch<AuthorisedPerson>(URLS.persons(child.id), { method: "POST", body: input });
              await refresh();
            }}
            onUpdate={async (item, input) => {
              await apiFetch<AuthorisedPerson>(URLS.person(child.id, Number(item)), { method: "PATCH", body: input });
              await refresh();
            }}
            onRemove={async (item) => {
              await apiFetch<null>(URLS.person(child.id, Number(item)), { method: "DELETE" });
              await refresh();
            }}
          />
        </ChildSection>
      )}

      {authorisationsPolicy.mode !== "hidden" && (
        <ChildSection id="autorisations" title="Autorisations">
          <AuthorisationsForm child={child} options={options} onSaved={setChild} />
        </ChildSection>
      )}
    </>
  );
}

function ChildSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`section-${id}-titre`} className="section card" id={`section-${id}`}>
      <h2 id={`section-${id}-titre`} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  );
}

function AuthorisationsForm({ child, options, onSaved }: { child: Child; options: DossierOptions | undefined; onSaved: (c: Child) => void }) {
  const policy = policyOf(options, "child.authorisations");
  const questions = options?.authorisation_questions ?? [];
  const initial = () =>
    Object.fromEntries(child.authorisations.map((a) => [a.question, a.value === null ? "" : String(a.value)])) as Record<number, string>;
  const [values, setValues] = useState<Record<number, string>>(initial);
  const [errors, setErrors] = useState<FieldErrorItem[]>([]);
  const [outcome, setOutcome] = useState<UpdateOutcome | "unchanged" | null>(null);
  const readOnly = policy.mode === "read_only";

  const mutation = useMutation({
    mutationFn: (answers: AuthorisationAnswer[]) =>
      apiFetch<ChildUpdateResult>(URLS.authorisations(child.id), { method: "PUT", body: { answers } }),
    onSuccess: (result) => {
      onSaved(result.child);
      setErrors([]);
      setOutcome({ applied: result.applied, requests: result.requests });
    },
    onError: (error) => {
      setOutcome(null);
      setErrors(mapApiError(error, { idFor: () => undefined }));
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const found = checkAuthorisations("enfant", questions, values);
    setErrors(found);
    if (found.length) return;
    const answers = questions.filter((q) => values[q.id]).map((q) => ({ question: q.id, value: values[q.id] === "true" }));
    if (!answers.length) {
      setOutcome("unchanged");
      return;
    }
    mutation.mutate(answers);
  }

  return (
    <form className="form form--wide" noValidate onSubmit={submit}>
      <ErrorSummary items={errors} />
      <AuthorisationQuestions
        idPrefix="enfant"
        questions={questions}
        values={values}
        onChange={(q, v) => setValues((current) => ({ ...current, [q]: v }))}
        errors={errors}
        readOnly={readOnly}
        hint={policy.mode === "validated" ? VALIDATED_HINT : undefined}
      />
      {!readOnly && questions.length > 0 && (
        <div className="form-actions">
          <SubmitButton busy={mutation.isPending} label="Enregistrer les autorisations" busyLabel="Enregistrement en cours…" />
        </div>
      )}
      <ChangeOutcomeNotice outcome={outcome} />
    </form>
  );
}
