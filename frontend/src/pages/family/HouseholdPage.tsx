import { useState, type FormEvent, type ReactNode } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../../api/client";
import {
  familyKeys,
  URLS,
  useDossierOptions,
  useGuardians,
  useHousehold,
  useQuotients,
  useResources,
  type DossierOptions,
  type Family,
  type FamilyPatch,
  type FamilyUpdateResult,
  type Guardian,
  type GuardianCreate,
  type Quotient,
  type QuotientInput,
  type Resources,
  type ResourcesInput,
} from "../../api/family";
import { useStructure } from "../../api/StructureContext";
import { mapApiError, messagesFor, requiredError, type FieldErrorItem } from "../../components/apiErrors";
import { ErrorSummary } from "../../components/ErrorSummary";
import { InputField, RequiredFieldsNote, SelectField, CHOOSE } from "../../components/FormFields";
import { SubmitButton } from "../../components/SubmitButton";
import { formatDate } from "../../format/dates";
import { formatMoney } from "../../format/money";
import { usePageTitle } from "../../theme/usePageTitle";
import { Breadcrumb } from "./components/Breadcrumb";
import {
  checkRequired,
  DossierFields,
  DossierForm,
  fieldId,
  fieldState,
  fromFormValue,
  toFormValues,
  type DossierFieldDef,
  type FormValues,
} from "./components/DossierForm";
import { GuardianEditor } from "./components/GuardianEditor";
import { PageError, PageLoading } from "./components/PageStates";
import {
  choiceOptions,
  guardianContactDefs,
  guardianIdentityDefs,
  householdBankDefs,
  householdCafDefs,
  householdContactDefs,
  householdSituationDefs,
} from "./fieldDefs";

/** /mon-foyer — the household, the QF, the other guardians. */
export function HouseholdPage() {
  usePageTitle("Mon foyer");
  const household = useHousehold();
  const options = useDossierOptions();

  return (
    <>
      <Breadcrumb trail={[{ label: "Mon foyer" }]} />
      <h1>Mon foyer</h1>
      {household.isPending || options.isPending ? (
        <PageLoading />
      ) : household.isError ? (
        <PageError error={household.error} onRetry={() => void household.refetch()} />
      ) : (
        <HouseholdSections family={household.data} options={options.data} />
      )}
    </>
  );
}

function Section({ id, title, children, intro }: { id: string; title: string; intro?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-titre`} className="section card" id={id}>
      <h2 id={`${id}-titre`}>{title}</h2>
      {intro && <p className="section-intro">{intro}</p>}
      {children}
    </section>
  );
}

function visibleDefs(defs: DossierFieldDef[], options: DossierOptions | undefined) {
  return defs.filter((def) => fieldState(def, options).visible);
}

function HouseholdSections({ family, options }: { family: Family; options: DossierOptions | undefined }) {
  const queryClient = useQueryClient();
  const structure = useStructure();
  const hasCreche = structure.modules.some((m) => m.id === "creche");

  const save = async (changes: Record<string, unknown>) => {
    const result = await apiFetch<FamilyUpdateResult>(URLS.family, { method: "PATCH", body: changes as FamilyPatch });
    queryClient.setQueryData(familyKeys.household, result.family);
    void queryClient.invalidateQueries({ queryKey: familyKeys.home });
    void queryClient.invalidateQueries({ queryKey: ["family", "requests"] });
    return { source: result.family, applied: result.applied, requests: result.requests };
  };

  const sections: { id: string; title: string; defs: DossierFieldDef[]; intro?: string }[] = [
    { id: "adresse", title: "Adresse et contact", defs: householdContactDefs() },
    { id: "situation", title: "Situation", defs: householdSituationDefs(options) },
    { id: "caf", title: "CAF / MSA", defs: householdCafDefs(options) },
    {
      id: "bancaire",
      title: "Coordonnées bancaires",
      defs: householdBankDefs(),
      intro: "Pour le prélèvement automatique de vos factures.",
    },
  ];

  return (
    <>
      <p className="family-number">
        N° famille : <strong>{family.number}</strong> · {family.name}
      </p>
      {sections.map((section) =>
        visibleDefs(section.defs, options).length ? (
          <Section key={section.id} id={section.id} title={section.title} intro={section.intro}>
            <DossierForm idPrefix={`foyer-${section.id}`} defs={section.defs} source={family} options={options} onSave={save} />
          </Section>
        ) : null,
      )}
      <Section id="quotient" title="Quotient familial">
        <QuotientSection />
      </Section>
      {hasCreche && (
        <Section id="ressources" title="Ressources annuelles" intro="La crèche calcule son tarif à partir des ressources de l'année N-2.">
          <ResourcesSection />
        </Section>
      )}
      <Section id="responsables" title="Autres responsables">
        <OtherGuardians options={options} />
      </Section>
    </>
  );
}

// --- Quotient familial -------------------------------------------------------------------
function QuotientSection() {
  const quotients = useQuotients();
  const queryClient = useQueryClient();
  const [value, setValue] = useState("");
  const [from, setFrom] = useState("");
  const [until, setUntil] = useState("");
  const [errors, setErrors] = useState<FieldErrorItem[]>([]);
  const [saved, setSaved] = useState(false);
  const ids = { value: "qf-valeur", valid_from: "qf-debut", valid_until: "qf-fin" };
  const labels = { value: "Quotient familial", valid_from: "Valable du", valid_until: "Au" };

  const mutation = useMutation({
    mutationFn: (body: QuotientInput) => apiFetch<Quotient>(URLS.quotients, { method: "POST", body }),
    onSuccess: (created) => {
      queryClient.setQueryData<Quotient[]>(familyKeys.quotients, (list) => [created, ...(list ?? [])]);
      void queryClient.invalidateQueries({ queryKey: familyKeys.home });
      setValue("");
      setFrom("");
      setUntil("");
      setErrors([]);
      setSaved(true);
    },
    onError: (error) =>
      setErrors(
        mapApiError(error, {
          idFor: (path) => ids[path as keyof typeof ids],
          labelFor: (path) => labels[path as keyof typeof labels],
        }),
      ),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    setSaved(false);
    const found: FieldErrorItem[] = [];
    if (!value.trim()) found.push(requiredError(ids.value, labels.value));
    else if (!/^\d+$/.test(value.trim())) found.push(requiredError(ids.value, labels.value, "Saisissez un nombre entier."));
    if (!from) found.push(requiredError(ids.valid_from, labels.valid_from));
    setErrors(found);
    if (!found.length) mutation.mutate({ value: Number(value.trim()), valid_from: from, valid_until: until || null });
  }

  return (
    <>
      {quotients.isPending ? (
        <PageLoading />
      ) : quotients.data?.length ? (
        <div className="table-wrapper">
          <table className="data-table">
            <caption>Quotients déclarés</caption>
            <thead>
              <tr>
                <th scope="col">Quotient</th>
                <th scope="col">Période</th>
                <th scope="col">Origine</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {quotients.data.map((q) => (
                <tr key={q.id}>
                  <td>{q.value}</td>
                  <td>
                    du {formatDate(q.valid_from)}
                    {q.valid_until ? ` au ${formatDate(q.valid_until)}` : ""}
                  </td>
                  <td>{q.source === "staff" ? "Saisi par la structure" : "Déclaré par vous"}</td>
                  <td>
                    {q.status_label}
                    {q.status === "refused" && q.reason ? ` : ${q.reason}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Aucun quotient familial déclaré.</p>
      )}
      <h3>Déclarer un quotient familial</h3>
      <p className="section-intro">Déposez l'attestation CAF ou MSA correspondante dans « Mes documents ».</p>
      <ErrorSummary items={errors} />
      <form className="form form--wide" noValidate onSubmit={submit}>
        <RequiredFieldsNote />
        <InputField id={ids.value} label={labels.value} required inputMode="numeric" value={value} onChange={setValue} errors={messagesFor(errors, ids.value)} />
        <InputField id={ids.valid_from} label={labels.valid_from} type="date" required value={from} onChange={setFrom} errors={messagesFor(errors, ids.valid_from)} />
        <InputField id={ids.valid_until} label={labels.valid_until} type="date" value={until} onChange={setUntil} errors={messagesFor(errors, ids.valid_until)} />
        <div className="form-actions">
          <SubmitButton busy={mutation.isPending} label="Déclarer" busyLabel="Enregistrement en cours…" />
        </div>
        <div role="status">{saved && <p className="notice notice--success">Quotient familial envoyé : la structure le vérifiera avant de l'appliquer.</p>}</div>
      </form>
    </>
  );
}

// --- Ressources annuelles (crèche) ---------------------------------------------------------
function ResourcesSection() {
  const resources = useResources(true);
  const queryClient = useQueryClient();
  const [year, setYear] = useState(String(new Date().getFullYear() - 2));
  const [amount, setAmount] = useState("");
  const [errors, setErrors] = useState<FieldErrorItem[]>([]);
  const [saved, setSaved] = useState(false);
  const ids = { year: "ressources-annee", amount: "ressources-montant" };
  const labels = { year: "Année des revenus", amount: "Montant annuel (€)" };

  const mutation = useMutation({
    mutationFn: (body: ResourcesInput) => apiFetch<Resources>(URLS.resources, { method: "POST", body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: familyKeys.resources });
      setAmount("");
      setErrors([]);
      setSaved(true);
    },
    onError: (error) =>
      setErrors(
        mapApiError(error, {
          idFor: (path) => ids[path as keyof typeof ids],
          labelFor: (path) => labels[path as keyof typeof labels],
        }),
      ),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    setSaved(false);
    const found: FieldErrorItem[] = [];
    if (!/^\d{4}$/.test(year.trim())) found.push(requiredError(ids.year, labels.year, "Saisissez une année sur 4 chiffres."));
    const normalised = amount.replace(/\s/g, "").replace(",", ".");
    if (!normalised) found.push(requiredError(ids.amount, labels.amount));
    else if (!/^\d+(\.\d{1,2})?$/.test(normalised)) found.push(requiredError(ids.amount, labels.amount, "Saisissez un montant, par exemple 24500,00."));
    setErrors(found);
    if (!found.length) mutation.mutate({ year: Number(year), amount: normalised });
  }

  return (
    <>
      {resources.data?.length ? (
        <div className="table-wrapper">
          <table className="data-table">
            <caption>Ressources déclarées</caption>
            <thead>
              <tr>
                <th scope="col">Année</th>
                <th scope="col">Montant</th>
              </tr>
            </thead>
            <tbody>
              {resources.data.map((r) => (
                <tr key={r.id}>
                  <td>{r.year}</td>
                  <td>{formatMoney(r.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : resources.isPending ? (
        <PageLoading />
      ) : (
        <p>Aucune ressource déclarée.</p>
      )}
      <h3>Déclarer des ressources</h3>
      <ErrorSummary items={errors} />
      <form className="form form--wide" noValidate onSubmit={submit}>
        <RequiredFieldsNote />
        <InputField id={ids.year} label={labels.year} required inputMode="numeric" value={year} onChange={setYear} errors={messagesFor(errors, ids.year)} />
        <InputField
          id={ids.amount}
          label={labels.amount}
          required
          inputMode="decimal"
          value={amount}
          onChange={setAmount}
          hint="Revenus imposables du foyer, tels qu'indiqués sur l'avis d'imposition."
          errors={messagesFor(errors, ids.amount)}
        />
        <div className="form-actions">
          <SubmitButton busy={mutation.isPending} label="Déclarer" busyLabel="Enregistrement en cours…" />
        </div>
        <div role="status">{saved && <p className="notice notice--success">Ressources enregistrées.</p>}</div>
      </form>
    </>
  );
}

// --- Autres responsables -----------------------------------------------------------------
function OtherGuardians({ options }: { options: DossierOptions | undefined }) {
  const guardians = useGuardians();
  const [editing, setEditing] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState("");
  if (guardians.isPending) return <PageLoading />;
  if (guardians.isError) return <PageError error={guardians.error} onRetry={() => void guardians.refetch()} />;
  const others = guardians.data.filter((g) => !g.is_me);

  return (
    <>
      {others.length ? (
        <ul className="plain-list">
          {others.map((g) => (
            <li key={g.id} className="subcard">
              <h3>
                {g.first_name} {g.last_name}
                {g.is_primary && <span className="tag tag--small"> Responsable principal</span>}
              </h3>
              <p>{[g.phone_mobile, g.email].filter(Boolean).join(" · ") || "Aucune coordonnée renseignée."}</p>
              <button
                type="button"
                className="button button--secondary"
                aria-expanded={editing === g.id}
                aria-controls={`responsable-${g.id}`}
                onClick={() => setEditing(editing === g.id ? null : g.id)}
              >
                {editing === g.id ? "Fermer" : "Modifier"} <span className="visually-hidden">{`${g.first_name} ${g.last_name}`}</span>
              </button>
              <div id={`responsable-${g.id}`} hidden={editing !== g.id}>
                {editing === g.id && <GuardianEditor guardian={g} options={options} idPrefix={`responsable-${g.id}`} />}
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p>Aucun autre responsable n'est déclaré.</p>
      )}
      <div role="status">{added && <p className="notice notice--success">{added}</p>}</div>
      <button type="button" className="button button--secondary" aria-expanded={adding} aria-controls="ajout-responsable" onClick={() => setAdding(!adding)}>
        Ajouter un responsable
      </button>
      <div id="ajout-responsable" hidden={!adding}>
        {adding && (
          <AddGuardianForm
            options={options}
            onAdded={(g) => {
              setAdding(false);
              setAdded(`${g.first_name} ${g.last_name} a été ajouté(e) au foyer.`);
            }}
          />
        )}
      </div>
    </>
  );
}

function AddGuardianForm({ options, onAdded }: { options: DossierOptions | undefined; onAdded: (g: Guardian) => void }) {
  const queryClient = useQueryClient();
  const defs: DossierFieldDef[] = [
    ...guardianIdentityDefs(options),
    { name: "email", policy: "guardian.email", kind: "email" },
    ...guardianContactDefs().slice(0, 3),
  ];
  const prefix = "nouveau-responsable";
  const relationId = `${prefix}-relation`;
  const [values, setValues] = useState<FormValues>(() => ({ ...toFormValues(defs, {}), relation: "" }));
  const [errors, setErrors] = useState<FieldErrorItem[]>([]);
  const labels: Record<string, string> = Object.fromEntries(defs.map((d) => [d.name, fieldState(d, options, true).label]));
  labels.relation = "Lien avec les enfants";

  const mutation = useMutation({
    mutationFn: (body: GuardianCreate) => apiFetch<Guardian>(URLS.guardians, { method: "POST", body }),
    onSuccess: (guardian) => {
      queryClient.setQueryData<Guardian[]>(familyKeys.guardians, (list) => [...(list ?? []), guardian]);
      void queryClient.invalidateQueries({ queryKey: familyKeys.home });
      onAdded(guardian);
    },
    onError: (error) =>
      setErrors(
        mapApiError(error, {
          idFor: (path) => (path === "relation" ? relationId : labels[path] ? fieldId(prefix, path) : undefined),
          labelFor: (path) => labels[path],
        }),
      ),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const found = checkRequired(defs, values, options, prefix, true);
    setErrors(found);
    if (found.length) return;
    const body: Record<string, unknown> = {};
    for (const def of defs) if (fieldState(def, options, true).visible) body[def.name] = fromFormValue(def, values[def.name]);
    if (values.relation) body.relation = values.relation;
    mutation.mutate(body as GuardianCreate);
  }

  return (
    <form className="form form--wide subcard" noValidate onSubmit={submit}>
      <h3>Nouveau responsable</h3>
      <ErrorSummary items={errors} />
      <RequiredFieldsNote />
      <DossierFields
        defs={defs}
        values={values}
        onChange={(name, value) => setValues((v) => ({ ...v, [name]: value }))}
        options={options}
        prefix={prefix}
        errors={errors}
        creating
      />
      <SelectField
        placeholder={CHOOSE}
        id={relationId}
        label={labels.relation}
        value={String(values.relation)}
        options={choiceOptions(options?.relations)}
        onChange={(value) => setValues((v) => ({ ...v, relation: value }))}
        errors={messagesFor(errors, relationId)}
      />
      <div className="form-actions">
        <SubmitButton busy={mutation.isPending} label="Ajouter ce responsable" busyLabel="Enregistrement en cours…" />
      </div>
    </form>
  );
}
