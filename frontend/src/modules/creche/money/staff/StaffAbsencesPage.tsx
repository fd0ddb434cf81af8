import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { ErrorSummary } from "../../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../../components/formErrors";
import { InputField, SelectField, TextAreaField } from "../../../../components/FormFields";
import { QueryView } from "../../../../components/QueryView";
import { staffErrors } from "../../../../components/serverErrors";
import { SubmitButton } from "../../../../components/SubmitButton";
import { formatDate, formatPeriod } from "../../../../format/dates";
import { usePageTitle } from "../../../../theme/usePageTitle";
import {
  RETAINED,
  fetchSignedContracts,
  fetchStaffAbsences,
  moneyKeys,
  noteEviction,
  qualifyAbsence,
  staffProofLink,
  type RetainedKind,
  type StaffAbsence,
} from "../api";

const STATES = [
  { value: "declared", label: "À qualifier" },
  { value: "qualified", label: "Qualifiées" },
  { value: "", label: "Toutes" },
];

/** The kind staff start from: what the family declared (closures never). */
function initialKind(absence: StaffAbsence): RetainedKind {
  return absence.kind === "closure" ? "other" : absence.kind;
}

function QualifyForm({ absence, onDone }: { absence: StaffAbsence; onDone: (message: string) => void }) {
  const [kind, setKind] = useState<RetainedKind>(initialKind(absence));
  const [note, setNote] = useState(absence.staff_note);
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [busy, setBusy] = useState(false);
  const ids = { kind: `qualifier-${absence.id}-motif`, note: `qualifier-${absence.id}-note` };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setErrors([]);
    try {
      await qualifyAbsence(absence.id, { kind, note: note.trim() });
      onDone(`Absence de ${absence.child_name} qualifiée.`);
    } catch (caught) {
      setErrors(staffErrors(caught, { kind: ids.kind, note: ids.note }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="creche-money__form">
      <ErrorSummary items={errors} />
      <SelectField
        id={ids.kind}
        label="Motif retenu"
        value={kind}
        onChange={(value) => setKind(value as RetainedKind)}
        options={RETAINED.map((r) => ({ value: r.value, label: `${r.label} — ${r.hint}` }))}
        errors={fieldErrors(errors, ids.kind)}
      />
      <TextAreaField
        id={ids.note}
        label="Note de l'équipe"
        hint="Par exemple : certificat remis à l'accueil. Obligatoire pour une maladie ou une hospitalisation sans justificatif joint."
        value={note}
        onChange={setNote}
        maxLength={300}
        rows={2}
        errors={fieldErrors(errors, ids.note)}
      />
      <SubmitButton busy={busy} label="Qualifier" busyLabel="Enregistrement…" />
    </form>
  );
}

function AbsenceRow({ absence, onDone }: { absence: StaffAbsence; onDone: (message: string) => void }) {
  return (
    <li className="creche-money__card">
      <h3>
        {absence.child_name} ({absence.family_name}) — {absence.declared_kind_label}
      </h3>
      <p>
        {absence.start_date === absence.end_date ? `Le ${formatDate(absence.start_date)}` : formatPeriod(absence.start_date, absence.end_date)} ·{" "}
        {absence.establishment_name} · déclarée le {formatDate(absence.declared_at.slice(0, 10))}
      </p>
      {absence.comment ? <p>Commentaire de la famille : {absence.comment}</p> : null}
      <p>
        {absence.has_proof ? (
          <a href={staffProofLink(absence.id)}>Voir le justificatif ({absence.proof_name})</a>
        ) : (
          "Aucun justificatif joint."
        )}
      </p>
      {absence.state === "qualified" ? (
        <p>
          <span className="creche-money__state creche-money__state--qualified">Qualifiée</span> : {absence.kind_label}
          {absence.staff_note ? ` — ${absence.staff_note}` : ""}
        </p>
      ) : null}
      <details className="creche-money__details" open={absence.state === "declared"}>
        <summary>{absence.state === "declared" ? "Qualifier l'absence" : "Changer la qualification"}</summary>
        <QualifyForm absence={absence} onDone={onDone} />
      </details>
    </li>
  );
}

function EvictionForm({ onDone }: { onDone: (message: string) => void }) {
  const contracts = useQuery({ queryKey: moneyKeys.signedContracts, queryFn: ({ signal }) => fetchSignedContracts(signal) });
  const [contract, setContract] = useState("");
  const [start, setStart] = useState("");
  const [end, setEnd] = useState("");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [busy, setBusy] = useState(false);
  const ids = { contract: "eviction-contrat", start: "eviction-debut", end: "eviction-fin", note: "eviction-note" };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setErrors([]);
    if (!contract) {
      setErrors([{ message: "Choisissez le contrat de l'enfant évincé.", fieldId: ids.contract }]);
      setBusy(false);
      return;
    }
    try {
      await noteEviction({ contract: Number(contract), start_date: start, end_date: end, note: note.trim() });
      setContract("");
      setStart("");
      setEnd("");
      setNote("");
      onDone("Éviction enregistrée : elle est déduite dès le premier jour.");
    } catch (caught) {
      setErrors(staffErrors(caught, { contract: ids.contract, start_date: ids.start, end_date: ids.end, note: ids.note }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="creche-money__form">
      <ErrorSummary items={errors} />
      <SelectField
        id={ids.contract}
        label="Contrat"
        required
        value={contract}
        onChange={setContract}
        placeholder={contracts.isPending ? "Chargement des contrats…" : "Choisir le contrat"}
        options={(contracts.data ?? []).map((c) => ({
          value: String(c.id),
          label: `${c.child.first_name} ${c.child.last_name} — ${c.establishment.name} (contrat n° ${c.id})`,
        }))}
        hint={contracts.isError ? "Les contrats n'ont pas pu être chargés : rechargez la page." : undefined}
        errors={fieldErrors(errors, ids.contract)}
      />
      <InputField id={ids.start} label="Du" type="date" required value={start} onChange={setStart} errors={fieldErrors(errors, ids.start)} />
      <InputField id={ids.end} label="Au (inclus)" type="date" required value={end} onChange={setEnd} errors={fieldErrors(errors, ids.end)} />
      <TextAreaField id={ids.note} label="Note" hint="Par exemple : la maladie et l'avis du médecin." value={note} onChange={setNote} maxLength={300} rows={2} errors={fieldErrors(errors, ids.note)} />
      <SubmitButton busy={busy} label="Enregistrer l'éviction" busyLabel="Enregistrement…" />
    </form>
  );
}

/** /gestion/creche/absences — absences to qualify, their proof, évictions. */
export function StaffAbsencesPage() {
  usePageTitle("Absences à qualifier");
  const [state, setState] = useState("declared");
  const [message, setMessage] = useState("");
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: moneyKeys.staffAbsences(state), queryFn: ({ signal }) => fetchStaffAbsences(state, signal) });

  function done(text: string) {
    setMessage(text);
    void queryClient.invalidateQueries({ queryKey: ["creche", "money", "staff-absences"] });
  }

  return (
    <section aria-labelledby="absences-titre" className="creche-money">
      <p>
        <Link to="/gestion/creche">← Crèche</Link>
      </p>
      <h1 id="absences-titre">Absences</h1>
      <p role="status" className={message ? "creche-money__flash" : undefined}>
        {message}
      </p>
      <h2>Absences déclarées</h2>
      <div className="creche-money__filters">
        <SelectField id="absences-etat" label="Afficher" value={state} onChange={setState} options={STATES} />
      </div>
      <QueryView query={query} loadingLabel="Chargement des absences…">
        {(rows) =>
          rows.length === 0 ? (
            <p>Aucune absence.</p>
          ) : (
            <ul className="creche-money__list" role="list">
              {rows.map((absence) => (
                <AbsenceRow key={absence.id} absence={absence} onDone={done} />
              ))}
            </ul>
          )
        }
      </QueryView>
      <section aria-labelledby="eviction-titre">
        <h2 id="eviction-titre">Éviction par le médecin de la crèche</h2>
        <EvictionForm onDone={done} />
      </section>
    </section>
  );
}
