import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { ErrorSummary } from "../../../../components/ErrorSummary";
import { InputField } from "../../../../components/FormFields";
import { fieldErrors, type FormErrorItem } from "../../../../components/formErrors";
import { QueryView } from "../../../../components/QueryView";
import { staffErrors } from "../../../../components/serverErrors";
import { SubmitButton } from "../../../../components/SubmitButton";
import { formatDateTime, formatPeriod } from "../../../../format/dates";
import { usePageTitle } from "../../../../theme/usePageTitle";
import { addAmendment, contractAction, contractKeys, endContract, fetchStaffContract, type Contract } from "../api";
import { TermsView } from "../TermsView";
import { SimulationPanel, TermsFields, termsInput, termsParams, type TermsForm } from "./TermsFields";

/** One contract for the staff: terms history with steps, actions, avenants, early end. */
export function StaffContractPage() {
  const id = Number(useParams().contractId);
  const query = useQuery({ queryKey: contractKeys.staff(id), queryFn: ({ signal }) => fetchStaffContract(id, signal) });
  usePageTitle(query.data ? `Contrat n° ${id} — ${query.data.child.first_name} ${query.data.child.last_name}` : "Contrat d'accueil");
  return (
    <div className="creche-contract">
      <p>
        <Link to="/gestion/creche/contrats">← Contrats</Link>
      </p>
      <QueryView query={query} loadingLabel="Chargement du contrat…">
        {(contract) => <ContractDetail contract={contract} />}
      </QueryView>
    </div>
  );
}

function useSaved(contract: Contract) {
  const client = useQueryClient();
  return (saved: Contract) => {
    client.setQueryData(contractKeys.staff(contract.id), saved);
    void client.invalidateQueries({ queryKey: ["creche", "contracts", "staff", "list"] });
  };
}

function ContractDetail({ contract }: { contract: Contract }) {
  const saved = useSaved(contract);
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [done, setDone] = useState("");
  const action = useMutation({
    mutationFn: (name: "propose" | "cancel" | "signed-on-paper") => contractAction(contract.id, name),
    onSuccess: (data, name) => {
      setErrors([]);
      setDone(
        name === "propose"
          ? "Contrat proposé : les places sont réservées et la famille est prévenue par courriel."
          : name === "cancel"
            ? "Contrat annulé : les places sont libérées."
            : "Signature sur papier enregistrée.",
      );
      saved(data);
    },
    onError: (error) => {
      setDone("");
      setErrors(staffErrors(error));
    },
  });
  const terms = [...contract.terms].sort((a, b) => a.number - b.number);
  const running = contract.state === "proposed" || contract.state === "signed";

  return (
    <>
      <h1>
        Contrat n° {contract.id} — {contract.child.first_name} {contract.child.last_name}
      </h1>
      <p>
        Famille {contract.family.name} · {contract.establishment.name}
        {contract.section ? ` – section ${contract.section.name}` : ""} · {formatPeriod(contract.start_date, contract.end_date)} ·{" "}
        {contract.months_billed} mois facturés
      </p>
      <p>
        État : <strong>{contract.state_label}</strong>
        {contract.signed_at && (
          <>
            {" "}
            — signé le {formatDateTime(contract.signed_at)} ({contract.signature_label.toLowerCase()}
            {contract.signed_by_name ? `, ${contract.signed_by_name}` : ""})
          </>
        )}
        {contract.signed_document && (
          <>
            {" "}
            · <a href={contract.signed_document.url}>contrat signé déposé ({contract.signed_document.name})</a>
          </>
        )}
      </p>
      <p>
        Transmission FILOUÉ à la Caf :{" "}
        <strong>{contract.filoue_consent ? "accord de la famille" : "pas d'accord de la famille"}</strong>
        {contract.filoue_consent_at && (
          <>
            {" "}
            (réponse du {formatDateTime(contract.filoue_consent_at)}
            {contract.filoue_consent_by_name ? `, ${contract.filoue_consent_by_name}` : ""})
          </>
        )}
      </p>
      <p>
        <a href={`/api/v1/creche/staff/contracts/${contract.id}/contract.pdf`} download>
          Contrat pré-rempli à imprimer (PDF)
        </a>
      </p>
      <div role="status">{done && <p className="notice notice--success">{done}</p>}</div>
      <ErrorSummary items={errors} />
      <div className="creche-contract__actions">
        {contract.state === "draft" && (
          <>
            <Link className="button button--secondary" to={`/gestion/creche/contrats/${contract.id}/modifier`}>
              Modifier le brouillon
            </Link>
            <button type="button" className="button button--primary" disabled={action.isPending} onClick={() => action.mutate("propose")}>
              Proposer à la famille
            </button>
          </>
        )}
        {contract.state === "proposed" && (
          <button type="button" className="button button--primary" disabled={action.isPending} onClick={() => action.mutate("signed-on-paper")}>
            Signé sur papier
          </button>
        )}
        {(contract.state === "draft" || contract.state === "proposed") && (
          <button type="button" className="button button--danger" disabled={action.isPending} onClick={() => action.mutate("cancel")}>
            Annuler le contrat
          </button>
        )}
      </div>
      <section aria-labelledby="historique-titre">
        <h2 id="historique-titre">Conditions et avenants</h2>
        {terms.map((t) => (
          <TermsView key={t.id} terms={t} monthsBilled={contract.months_billed} />
        ))}
      </section>
      {running && <AmendmentForm contract={contract} />}
      {running && <EndForm contract={contract} />}
    </>
  );
}

function lastTermsForm(contract: Contract): TermsForm {
  const last = [...contract.terms].sort((a, b) => b.number - a.number)[0];
  return {
    schedule: last.schedule,
    alternating: last.alternating,
    weeks_per_year: last.weeks_per_year,
    leave_weeks: last.leave_weeks,
    annual_resources: last.annual_resources ?? "",
    resources_year: last.resources_year ? String(last.resources_year) : "",
    missing_resources: last.missing_resources,
    children: String(last.children),
    aeeh_children: String(last.aeeh_children),
  };
}

const AMEND_PARAMS = { effective_from: "avenant-date", reason: "avenant-motif", ...termsParams("avenant") };

function AmendmentForm({ contract }: { contract: Contract }) {
  const saved = useSaved(contract);
  const [open, setOpen] = useState(false);
  const [effective, setEffective] = useState("");
  const [reason, setReason] = useState("");
  const [terms, setTerms] = useState<TermsForm>(() => lastTermsForm(contract));
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [done, setDone] = useState(false);
  const amend = useMutation({
    mutationFn: () => addAmendment(contract.id, { effective_from: effective, reason, ...termsInput(terms) }),
    onSuccess: (data) => {
      saved(data);
      setOpen(false);
      setDone(true);
      setEffective("");
      setReason("");
    },
    onError: (error) => setErrors(staffErrors(error, AMEND_PARAMS)),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: FormErrorItem[] = [];
    if (!effective) problems.push({ message: "Indiquez la date d'effet de l'avenant.", fieldId: "avenant-date" });
    if (!reason.trim()) problems.push({ message: "Indiquez le motif de l'avenant.", fieldId: "avenant-motif" });
    setErrors(problems);
    if (!problems.length && !amend.isPending) amend.mutate();
  }

  return (
    <section aria-labelledby="avenant-titre" className="card">
      <h2 id="avenant-titre">Avenant</h2>
      <div role="status">{done && <p className="notice notice--success">Avenant enregistré : les places sont réservées selon le nouveau planning.</p>}</div>
      {!open ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setTerms(lastTermsForm(contract));
            setDone(false);
            setOpen(true);
          }}
        >
          Ajouter un avenant
        </button>
      ) : (
        <form onSubmit={submit} noValidate>
          <p>Nouveau planning et/ou nouvelles ressources à partir d'une date du contrat ; le tarif est celui du barème de cette date.</p>
          <ErrorSummary items={errors} />
          <div className="creche-contract__grid">
            <InputField id="avenant-date" label="En vigueur à partir du" type="date" required value={effective} onChange={setEffective} errors={fieldErrors(errors, "avenant-date")} />
            <InputField id="avenant-motif" label="Motif" required maxLength={200} value={reason} onChange={setReason} errors={fieldErrors(errors, "avenant-motif")} />
          </div>
          <TermsFields prefix="avenant" value={terms} onChange={setTerms} errors={errors} />
          <SimulationPanel establishment={contract.establishment.id} on={effective} end={null} monthsBilled={contract.months_billed} terms={terms} />
          <div className="creche-contract__actions">
            <SubmitButton busy={amend.isPending} label="Enregistrer l'avenant" busyLabel="Enregistrement…" />
            <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
              Fermer
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function EndForm({ contract }: { contract: Contract }) {
  const saved = useSaved(contract);
  const [end, setEnd] = useState("");
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const finish = useMutation({
    mutationFn: () => endContract(contract.id, end),
    onSuccess: (data) => {
      setErrors([]);
      saved(data);
    },
    onError: (error) => setErrors(staffErrors(error, { end_date: "fin-anticipee" })),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!end) {
      setErrors([{ message: "Indiquez la nouvelle date de fin.", fieldId: "fin-anticipee" }]);
      return;
    }
    if (!finish.isPending) finish.mutate();
  }

  return (
    <section aria-labelledby="fin-titre" className="card">
      <h2 id="fin-titre">Mettre fin au contrat avant son terme</h2>
      <form onSubmit={submit} noValidate>
        <ErrorSummary items={errors} />
        <InputField
          id="fin-anticipee"
          label="Nouvelle date de fin"
          hint="Les places réservées après cette date sont libérées."
          type="date"
          value={end}
          onChange={setEnd}
          errors={fieldErrors(errors, "fin-anticipee")}
        />
        <SubmitButton busy={finish.isPending} label="Écourter le contrat" busyLabel="Enregistrement…" />
      </form>
    </section>
  );
}
