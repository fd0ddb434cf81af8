import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { mapApiError, messagesFor, requiredError, type FieldErrorItem } from "../../../../components/apiErrors";
import { ErrorSummary } from "../../../../components/ErrorSummary";
import { InputField, RequiredFieldsNote, SelectField, TextAreaField } from "../../../../components/FormFields";
import { SubmitButton } from "../../../../components/SubmitButton";
import { formatDate, formatPeriod } from "../../../../format/dates";
import { Breadcrumb } from "../../../../pages/family/components/Breadcrumb";
import { PageError, PageLoading } from "../../../../pages/family/components/PageStates";
import { usePageTitle } from "../../../../theme/usePageTitle";
import {
  REASONS,
  declareAbsence,
  fetchAbsenceContracts,
  fetchAbsences,
  moneyKeys,
  proofLink,
  type Absence,
  type AbsenceContract,
} from "../api";

const IDS = {
  child: "absence-enfant",
  start: "absence-debut",
  end: "absence-fin",
  reason: "absence-motif",
  comment: "absence-commentaire",
  proof: "absence-justificatif",
};
const PATHS: Record<string, string> = {
  child: IDS.child,
  start_date: IDS.start,
  end_date: IDS.end,
  reason: IDS.reason,
  comment: IDS.comment,
  proof: IDS.proof,
  file: IDS.proof,
};
const LABELS: Record<string, string> = {
  child: "Enfant",
  start_date: "Du",
  end_date: "Au",
  reason: "Motif",
  comment: "Commentaire",
  proof: "Justificatif",
  file: "Justificatif",
};

function AbsenceItem({ absence }: { absence: Absence }) {
  return (
    <li className="creche-money__card">
      <h3>
        {absence.child_name} — {absence.declared_kind_label}
      </h3>
      <p>
        {absence.start_date === absence.end_date ? `le ${formatDate(absence.start_date)}` : formatPeriod(absence.start_date, absence.end_date)} ·{" "}
        {absence.establishment_name}
      </p>
      <p>
        <span className={`creche-money__state creche-money__state--${absence.state}`}>{absence.state_label}</span>
        {absence.state === "qualified" ? ` : ${absence.kind_label}` : ""}
      </p>
      {absence.staff_note ? <p>Note de l'équipe : {absence.staff_note}</p> : null}
      {absence.has_proof ? (
        <p>
          <a href={proofLink(absence.id)}>Justificatif ({absence.proof_name})</a>
        </p>
      ) : null}
    </li>
  );
}

/** /creche/absences — the family's declared absences. */
export function MyAbsencesPage() {
  usePageTitle("Absences à la crèche");
  const location = useLocation();
  const message = (location.state as { message?: string } | null)?.message;
  const query = useQuery({ queryKey: moneyKeys.absences, queryFn: ({ signal }) => fetchAbsences(signal) });
  return (
    <>
      <Breadcrumb trail={[{ label: "Crèche", path: "/creche" }, { label: "Absences" }]} />
      <h1>Absences à la crèche</h1>
      {message ? (
        <p role="status" className="creche-money__flash">
          {message}
        </p>
      ) : null}
      <p>
        <Link className="button" to="/creche/absences/nouvelle">
          Déclarer une absence
        </Link>
      </p>
      <p className="field__hint">
        Une absence pour maladie est déduite sur certificat médical, après un délai de carence (le premier jour et les deux jours
        calendaires suivants) ; une hospitalisation dès le premier jour, sur bulletin. Les congés sont déjà hors contrat.
      </p>
      {query.isPending ? (
        <PageLoading label="Chargement des absences…" />
      ) : query.isError ? (
        <PageError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.length === 0 ? (
        <p>Aucune absence déclarée.</p>
      ) : (
        <section aria-labelledby="absences-liste">
          <h2 id="absences-liste">Absences déclarées</h2>
          <ul className="creche-money__list" role="list">
            {query.data.map((absence) => (
              <AbsenceItem key={absence.id} absence={absence} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function AbsenceForm({ contracts }: { contracts: AbsenceContract[] }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const children = Array.from(new Map(contracts.map((c) => [c.child, c])).values());
  const [child, setChild] = useState(children.length === 1 ? String(children[0].child) : "");
  const [start, setStart] = useState("");
  const [end, setEnd] = useState("");
  const [reason, setReason] = useState("");
  const [comment, setComment] = useState("");
  const fileRef = useRef<HTMLInputElement>(null);
  const [errors, setErrors] = useState<FieldErrorItem[]>([]);
  const [busy, setBusy] = useState(false);

  function check(): FieldErrorItem[] {
    const found: FieldErrorItem[] = [];
    if (!child) found.push(requiredError(IDS.child, LABELS.child, "Choisissez l'enfant absent."));
    if (!start) found.push(requiredError(IDS.start, LABELS.start_date));
    if (!end) found.push(requiredError(IDS.end, LABELS.end_date));
    if (start && end && end < start) found.push(requiredError(IDS.end, LABELS.end_date, "La date de fin précède la date de début."));
    if (!reason) found.push(requiredError(IDS.reason, LABELS.reason, "Choisissez le motif de l'absence."));
    return found;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found = check();
    setErrors(found);
    if (found.length) return;
    const data = new FormData();
    data.append("child", child);
    data.append("start_date", start);
    data.append("end_date", end);
    data.append("reason", reason);
    data.append("comment", comment.trim());
    const file = fileRef.current?.files?.[0];
    if (file) data.append("proof", file);
    setBusy(true);
    try {
      await declareAbsence(data);
      await queryClient.invalidateQueries({ queryKey: moneyKeys.absences });
      void navigate("/creche/absences", { state: { message: "Votre absence est déclarée. L'équipe de la crèche la qualifiera." } });
    } catch (caught) {
      setErrors(mapApiError(caught, { idFor: (path) => PATHS[path.split(".")[0]], labelFor: (path) => LABELS[path.split(".")[0]] }));
    } finally {
      setBusy(false);
    }
  }

  const proofErrors = messagesFor(errors, IDS.proof);
  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="creche-money__form">
      <ErrorSummary items={errors} />
      <RequiredFieldsNote />
      <SelectField
        id={IDS.child}
        label="Enfant"
        required
        value={child}
        onChange={setChild}
        placeholder="Choisir l'enfant"
        options={children.map((c) => ({ value: String(c.child), label: `${c.child_name} (${c.establishment_name})` }))}
        errors={messagesFor(errors, IDS.child)}
      />
      <InputField id={IDS.start} label="Du" type="date" required value={start} onChange={setStart} errors={messagesFor(errors, IDS.start)} />
      <InputField id={IDS.end} label="Au (inclus)" type="date" required value={end} min={start || undefined} onChange={setEnd} errors={messagesFor(errors, IDS.end)} />
      <SelectField
        id={IDS.reason}
        label="Motif"
        required
        value={reason}
        onChange={setReason}
        placeholder="Choisir le motif"
        options={REASONS}
        errors={messagesFor(errors, IDS.reason)}
      />
      <TextAreaField id={IDS.comment} label="Commentaire" hint="Facultatif." value={comment} onChange={setComment} maxLength={1000} errors={messagesFor(errors, IDS.comment)} />
      <div className="field">
        <label htmlFor={IDS.proof} className="field__label">
          Justificatif (facultatif)
        </label>
        <p id={`${IDS.proof}-aide`} className="field__hint">
          Certificat médical ou bulletin d'hospitalisation : PDF, JPEG ou PNG. Sans certificat, une maladie n'est pas déduite.
        </p>
        <input
          ref={fileRef}
          id={IDS.proof}
          name="proof"
          type="file"
          accept="application/pdf,image/jpeg,image/png"
          aria-describedby={`${IDS.proof}-aide${proofErrors ? ` ${IDS.proof}-erreur` : ""}`}
          aria-invalid={proofErrors ? true : undefined}
        />
        {proofErrors ? (
          <p id={`${IDS.proof}-erreur`} className="field__error">
            <span className="visually-hidden">Erreur :</span> {proofErrors.join(" ")}
          </p>
        ) : null}
      </div>
      <SubmitButton busy={busy} label="Déclarer l'absence" busyLabel="Envoi de la déclaration…" />
    </form>
  );
}

/** /creche/absences/nouvelle — declare an absence, with its proof. */
export function NewAbsencePage() {
  usePageTitle("Déclarer une absence");
  const contracts = useQuery({ queryKey: moneyKeys.absenceContracts, queryFn: ({ signal }) => fetchAbsenceContracts(signal) });
  return (
    <>
      <Breadcrumb trail={[{ label: "Absences", path: "/creche/absences" }, { label: "Déclarer une absence" }]} />
      <h1>Déclarer une absence</h1>
      {contracts.isPending ? (
        <PageLoading label="Chargement du formulaire…" />
      ) : contracts.isError ? (
        <PageError error={contracts.error} onRetry={() => void contracts.refetch()} />
      ) : contracts.data.length === 0 ? (
        <p>Aucun contrat d'accueil en cours : il n'y a pas d'absence à déclarer.</p>
      ) : (
        <AbsenceForm contracts={contracts.data} />
      )}
    </>
  );
}
