import { useEffect, useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { ErrorSummary } from "../../../../components/ErrorSummary";
import { InputField, SelectField, CHOOSE } from "../../../../components/FormFields";
import { fieldErrors, type FormErrorItem } from "../../../../components/formErrors";
import { QueryView } from "../../../../components/QueryView";
import { staffErrors } from "../../../../components/serverErrors";
import { SubmitButton } from "../../../../components/SubmitButton";
import { formatDate } from "../../../../format/dates";
import { usePageTitle } from "../../../../theme/usePageTitle";
import {
  contractKeys,
  createContract,
  fetchOptions,
  fetchPrefill,
  fetchStaffContract,
  searchChildren,
  updateContract,
  type ChildChoice,
  type Contract,
  type ContractOptions,
  type Prefill,
} from "../api";
import { EMPTY_TERMS, SimulationPanel, TermsFields, termsInput, termsParams, type TermsForm } from "./TermsFields";

interface Frame {
  child: ChildChoice | null;
  establishment: string;
  section: string;
  start_date: string;
  end_date: string;
  months_billed: string;
  request: number | null;
}

const PARAMS = {
  child: "contrat-enfant",
  establishment: "contrat-etablissement",
  section: "contrat-section",
  start_date: "contrat-debut",
  end_date: "contrat-fin",
  months_billed: "contrat-mois",
  ...termsParams("contrat"),
};

function fromPrefill(prefill: Prefill, terms: TermsForm): TermsForm {
  return {
    ...terms,
    schedule: prefill.schedule.length ? prefill.schedule : terms.schedule,
    alternating: prefill.schedule.length ? prefill.alternating : terms.alternating,
    annual_resources: prefill.annual_resources ?? "",
    resources_year: String(prefill.resources_year),
    missing_resources: prefill.missing_resources,
    children: String(prefill.children),
    aeeh_children: String(prefill.aeeh_children),
  };
}

/** « Nouveau contrat » (optionally from an accepted place request) or a draft's change. */
export function ContractFormPage() {
  const { contractId } = useParams();
  const id = contractId ? Number(contractId) : null;
  const options = useQuery({ queryKey: contractKeys.options, queryFn: ({ signal }) => fetchOptions(signal) });
  const existing = useQuery({
    queryKey: contractKeys.staff(id ?? 0),
    queryFn: ({ signal }) => fetchStaffContract(id as number, signal),
    enabled: id !== null,
  });
  usePageTitle(id ? `Modifier le contrat n° ${id}` : "Nouveau contrat d'accueil");
  return (
    <div className="creche-contract">
      <p>
        <Link to={id ? `/gestion/creche/contrats/${id}` : "/gestion/creche/contrats"}>← {id ? "Le contrat" : "Contrats"}</Link>
      </p>
      <h1>{id ? `Modifier le contrat n° ${id}` : "Nouveau contrat d'accueil"}</h1>
      <QueryView query={options} loadingLabel="Chargement…">
        {(opts) =>
          id === null ? (
            <ContractForm options={opts} contract={null} />
          ) : (
            <QueryView query={existing} loadingLabel="Chargement du contrat…">
              {(contract) => <ContractForm options={opts} contract={contract} />}
            </QueryView>
          )
        }
      </QueryView>
    </div>
  );
}

function initialFrame(contract: Contract | null): Frame {
  if (!contract) return { child: null, establishment: "", section: "", start_date: "", end_date: "", months_billed: "", request: null };
  return {
    child: { ...contract.child, family_name: contract.family.name },
    establishment: String(contract.establishment.id),
    section: contract.section ? String(contract.section.id) : "",
    start_date: contract.start_date,
    end_date: contract.end_date,
    months_billed: String(contract.months_billed),
    request: contract.request,
  };
}

function initialTerms(contract: Contract | null): TermsForm {
  const terms = contract?.terms.find((t) => t.number === 0);
  if (!terms) return EMPTY_TERMS;
  return {
    schedule: terms.schedule,
    alternating: terms.alternating,
    weeks_per_year: terms.weeks_per_year,
    leave_weeks: terms.leave_weeks,
    annual_resources: terms.annual_resources ?? "",
    resources_year: terms.resources_year ? String(terms.resources_year) : "",
    missing_resources: terms.missing_resources,
    children: String(terms.children),
    aeeh_children: String(terms.aeeh_children),
  };
}

function ContractForm({ options, contract }: { options: ContractOptions; contract: Contract | null }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const requestId = Number(search.get("demande")) || null;
  const [frame, setFrame] = useState<Frame>(() => initialFrame(contract));
  const [terms, setTerms] = useState<TermsForm>(() => initialTerms(contract));
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [childSearch, setChildSearch] = useState("");
  const setField = <K extends keyof Frame>(key: K) => (value: Frame[K]) => setFrame((f) => ({ ...f, [key]: value }));

  // From an accepted place request: child, establishment, section, start, schedule, resources.
  const prefill = useQuery({
    queryKey: ["creche", "contracts", "prefill", requestId],
    queryFn: ({ signal }) => fetchPrefill({ request: requestId as number }, signal),
    enabled: contract === null && requestId !== null,
  });
  useEffect(() => {
    const data = prefill.data;
    if (!data) return;
    setFrame((f) => ({
      ...f,
      child: data.child
        ? { id: data.child, first_name: data.child_first_name, last_name: data.child_last_name, birth_date: null, family_name: data.family_name }
        : f.child,
      establishment: data.establishment ? String(data.establishment) : f.establishment,
      section: data.section ? String(data.section) : f.section,
      start_date: data.start_date ?? f.start_date,
      request: data.request,
    }));
    setTerms((t) => fromPrefill(data, t));
  }, [prefill.data]);

  const children = useQuery({
    queryKey: ["creche", "contracts", "children", childSearch],
    queryFn: ({ signal }) => searchChildren(childSearch, signal),
    enabled: childSearch.trim().length >= 2,
  });

  async function chooseChild(child: ChildChoice) {
    setFrame((f) => ({ ...f, child }));
    setChildSearch("");
    try {
      const data = await fetchPrefill({ child: child.id, start: frame.start_date || undefined });
      setTerms((t) => fromPrefill(data, t));
    } catch {
      // The defaults stay: staff type the figures.
    }
  }

  const establishment = options.establishments.find((e) => String(e.id) === frame.establishment);
  const save = useMutation({
    mutationFn: () => {
      const common = {
        section: frame.section ? Number(frame.section) : null,
        start_date: frame.start_date,
        end_date: frame.end_date,
        months_billed: frame.months_billed ? Number(frame.months_billed) : null,
        ...termsInput(terms),
      };
      return contract
        ? updateContract(contract.id, common)
        : createContract({ ...common, child: frame.child?.id ?? 0, establishment: Number(frame.establishment), request: frame.request });
    },
    onSuccess: (saved) => {
      client.setQueryData(contractKeys.staff(saved.id), saved);
      void client.invalidateQueries({ queryKey: ["creche", "contracts", "staff", "list"] });
      void navigate(`/gestion/creche/contrats/${saved.id}`);
    },
    onError: (error) => setErrors(staffErrors(error, PARAMS)),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: FormErrorItem[] = [];
    if (!frame.child) problems.push({ message: "Choisissez l'enfant.", fieldId: PARAMS.child });
    if (!frame.establishment) problems.push({ message: "Choisissez l'établissement.", fieldId: PARAMS.establishment });
    if (!frame.start_date) problems.push({ message: "Indiquez le début du contrat.", fieldId: PARAMS.start_date });
    if (!frame.end_date) problems.push({ message: "Indiquez la fin du contrat.", fieldId: PARAMS.end_date });
    if (!terms.schedule.length) problems.push({ message: "Indiquez au moins un jour d'accueil.", fieldId: "contrat-planning" });
    setErrors(problems);
    if (!problems.length && !save.isPending) save.mutate();
  }

  const childLabel = frame.child
    ? `${frame.child.first_name} ${frame.child.last_name}`.trim() || `Enfant de la famille ${frame.child.family_name}`
    : "";

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary items={errors} />
      {frame.request && <p className="notice">Contrat établi depuis la demande de place n° {frame.request}.</p>}
      <section aria-labelledby="cadre-titre" className="card">
        <h2 id="cadre-titre">Enfant et accueil</h2>
        {contract || frame.child ? (
          <p id={PARAMS.child} tabIndex={-1}>
            Enfant : <strong>{childLabel}</strong> (famille {frame.child?.family_name})
            {!contract && (
              <>
                {" "}
                <button type="button" className="button button--secondary" onClick={() => setFrame((f) => ({ ...f, child: null }))}>
                  Changer
                </button>
              </>
            )}
          </p>
        ) : (
          <>
            <InputField
              id={PARAMS.child}
              label="Enfant (nom ou prénom)"
              required
              value={childSearch}
              onChange={setChildSearch}
              errors={fieldErrors(errors, PARAMS.child)}
              autoComplete="off"
            />
            {children.data && (
              <ul aria-label="Enfants trouvés" className="card-list" role="list">
                {children.data.length === 0 && <li>Aucun enfant trouvé.</li>}
                {children.data.map((child) => (
                  <li key={child.id}>
                    <button type="button" className="button button--secondary" onClick={() => void chooseChild(child)}>
                      {child.first_name} {child.last_name}
                      {child.birth_date ? `, né(e) le ${formatDate(child.birth_date)}` : ""} — famille {child.family_name}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
        <div className="creche-contract__grid">
          <SelectField
            id={PARAMS.establishment}
            label="Établissement"
            required
            placeholder={CHOOSE}
            value={frame.establishment}
            onChange={(value) => setFrame((f) => ({ ...f, establishment: value, section: "" }))}
            options={options.establishments.map((e) => ({ value: String(e.id), label: e.name }))}
            errors={fieldErrors(errors, PARAMS.establishment)}
            disabled={contract !== null}
          />
          <SelectField
            id={PARAMS.section}
            label="Section"
            placeholder="— Aucune —"
            value={frame.section}
            onChange={setField("section")}
            options={(establishment?.sections ?? []).map((s) => ({ value: String(s.id), label: s.name }))}
            errors={fieldErrors(errors, PARAMS.section)}
          />
          <InputField id={PARAMS.start_date} label="Début" type="date" required value={frame.start_date} onChange={setField("start_date")} errors={fieldErrors(errors, PARAMS.start_date)} />
          <InputField id={PARAMS.end_date} label="Fin" type="date" required value={frame.end_date} onChange={setField("end_date")} errors={fieldErrors(errors, PARAMS.end_date)} />
          <InputField
            id={PARAMS.months_billed}
            label="Mois facturés"
            hint="Vide : le nombre de mois du début à la fin (12 au plus)."
            inputMode="numeric"
            value={frame.months_billed}
            onChange={setField("months_billed")}
            errors={fieldErrors(errors, PARAMS.months_billed)}
          />
        </div>
      </section>
      <section aria-labelledby="conditions-form-titre" className="card">
        <h2 id="conditions-form-titre">Planning et ressources</h2>
        <TermsFields prefix="contrat" value={terms} onChange={setTerms} errors={errors} />
      </section>
      <SimulationPanel
        establishment={frame.establishment ? Number(frame.establishment) : null}
        on={frame.start_date}
        end={frame.end_date || null}
        monthsBilled={frame.months_billed ? Number(frame.months_billed) : null}
        terms={terms}
      />
      <div className="creche-contract__actions">
        <SubmitButton busy={save.isPending} label="Enregistrer le brouillon" busyLabel="Enregistrement…" />
      </div>
    </form>
  );
}
