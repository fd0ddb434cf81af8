import { useEffect, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { ErrorSummary } from "../../../components/ErrorSummary";
import type { FormErrorItem } from "../../../components/formErrors";
import { QueryView } from "../../../components/QueryView";
import { staffErrors } from "../../../components/serverErrors";
import { formatLongDate, formatClock } from "../../../format/calendar";
import { plural } from "../../../format/text";
import { bookingKeys, fetchAttendance, saveAttendance, type AttendanceLine, type AttendanceMark, type AttendanceMarks, type AttendanceSheet } from "../../../pages/staff/booking/api";
import { deName, STATE_LABELS } from "../../../pages/staff/booking/labels";
import { StatusMessage } from "../../../pages/staff/StaffUi";
import { usePageTitle } from "../../../theme/usePageTitle";

const CHOICES: Array<{ value: Exclude<AttendanceMark, "confirmed">; label: string }> = [
  { value: "present", label: "Présent" },
  { value: "absent_excused", label: "Absent excusé" },
  { value: "absent_billed", label: "Absent facturé" },
];
const MARKABLE = new Set<string>(["confirmed", "present", "absent_excused", "absent_billed"]);

/** « Feuille de présence » of one opening: big toggles per child, saved together. */
export function AttendancePage() {
  const openingId = Number(useParams().openingId);
  const valid = Number.isInteger(openingId) && openingId > 0;
  usePageTitle("Feuille de présence");
  const query = useQuery({
    queryKey: bookingKeys.attendance(openingId),
    queryFn: ({ signal }) => fetchAttendance(openingId, signal),
    enabled: valid,
  });
  return (
    <>
      <p className="breadcrumb">
        <Link to="/gestion">Espace de gestion</Link> › <Link to="/gestion/presences">Présences</Link>
      </p>
      <h1>Feuille de présence</h1>
      {valid ? (
        <QueryView query={query} loadingLabel="Chargement de la feuille de présence…">
          {(sheet) => <Sheet key={sheet.opening} sheet={sheet} />}
        </QueryView>
      ) : (
        <p className="notice notice--error">Cette feuille de présence n'existe pas. Choisissez un accueil dans la liste des présences.</p>
      )}
    </>
  );
}

function marksOf(lines: readonly AttendanceLine[]): Record<number, string> {
  return Object.fromEntries(lines.map((l) => [l.reservation, l.state]));
}

function Sheet({ sheet }: { sheet: AttendanceSheet }) {
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(() => marksOf(sheet.lines));
  const [marks, setMarks] = useState(saved);
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [status, setStatus] = useState("");
  const changed = sheet.lines.filter((l) => marks[l.reservation] !== saved[l.reservation]);
  const dirty = changed.length > 0;

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const save = useMutation({
    mutationFn: (body: AttendanceMarks) => saveAttendance(sheet.opening, body),
    onSuccess: (next, body) => {
      queryClient.setQueryData(bookingKeys.attendance(sheet.opening), next);
      const fresh = marksOf(next.lines);
      setSaved(fresh);
      setMarks(fresh);
      setErrors([]);
      const time = formatClock(new Date());
      setStatus(`Présences enregistrées à ${time} (${plural(Object.keys(body).length, "enfant", "enfants")}).`);
      void queryClient.invalidateQueries({ queryKey: bookingKeys.occupancyAll });
    },
    onError: (error) => {
      setStatus("");
      setErrors(staffErrors(error));
    },
  });

  function mark(line: AttendanceLine, value: AttendanceMark) {
    setStatus("");
    setMarks((current) => ({ ...current, [line.reservation]: current[line.reservation] === value ? "confirmed" : value }));
  }

  function allPresent() {
    setStatus("");
    setMarks((current) => {
      const next = { ...current };
      for (const line of sheet.lines) if (next[line.reservation] === "confirmed") next[line.reservation] = "present";
      return next;
    });
  }

  function submit() {
    if (save.isPending) return;
    if (!dirty) {
      setStatus("Aucune modification à enregistrer.");
      return;
    }
    save.mutate(Object.fromEntries(changed.map((l) => [String(l.reservation), marks[l.reservation] as AttendanceMark])));
  }

  const counts = CHOICES.map((c) => [c.label, sheet.lines.filter((l) => marks[l.reservation] === c.value).length] as const);
  const unmarked = sheet.lines.filter((l) => marks[l.reservation] === "confirmed").length;
  const date = formatLongDate(sheet.date);

  return (
    <section className="attendance" aria-labelledby="feuille-titre">
      <h2 id="feuille-titre" className="attendance__title">
        {sheet.unit_name} — {date.charAt(0).toUpperCase() + date.slice(1)}
      </h2>
      <p className="lead">
        {sheet.activity_name} · {plural(sheet.lines.length, "enfant attendu", "enfants attendus")} · {sheet.capacity} places
      </p>
      {sheet.lines.length === 0 ? (
        <p>Aucun enfant n'est inscrit ce jour.</p>
      ) : (
        <>
          <p className="attendance__summary">
            {counts.map(([label, n]) => `${label} : ${n}`).join(" · ")} · Non pointés : {unmarked}
          </p>
          <div className="button-row attendance__tools">
            <button type="button" className="button button--secondary" onClick={allPresent} aria-describedby="tout-present-aide">
              Tout présent
            </button>
            <span id="tout-present-aide" className="field__hint">
              Marque présents les enfants pas encore pointés.
            </span>
          </div>
          <ul className="attendance__list" role="list">
            {sheet.lines.map((line) => (
              <Line key={line.reservation} line={line} value={marks[line.reservation]} onMark={(v) => mark(line, v)} />
            ))}
          </ul>
        </>
      )}
      <ErrorSummary items={errors} />
      <StatusMessage message={status} />
      <div className="attendance__footer">
        <p className="attendance__dirty" aria-live="polite">
          {dirty ? `${plural(changed.length, "modification non enregistrée", "modifications non enregistrées")}.` : ""}
        </p>
        <button type="button" className="button button--primary attendance__save" aria-disabled={save.isPending || undefined} onClick={submit}>
          {save.isPending && <span className="spinner" aria-hidden="true" />}
          Enregistrer
        </button>
      </div>
    </section>
  );
}

function Line({ line, value, onMark }: { line: AttendanceLine; value: string; onMark: (value: AttendanceMark) => void }) {
  const name = `${line.first_name} ${line.last_name}`;
  const markable = MARKABLE.has(line.state);
  return (
    <li className={`attendance__line attendance__line--${value}`}>
      <div className="attendance__child">
        <span className="attendance__name">
          <span className="attendance__last-name">{line.last_name}</span> {line.first_name}
        </span>
        {line.has_pai && <span className="tag tag--alert">PAI</span>}
        {line.allergies && <span className="tag tag--alert">Allergies : {line.allergies}</span>}
        {line.absence_reason && <span className="field__hint">Motif : {line.absence_reason}</span>}
      </div>
      {markable ? (
        <div role="group" aria-label={`Présence ${deName(name)}`} className="toggle-group">
          {CHOICES.map((choice) => (
            <button
              key={choice.value}
              type="button"
              className={`toggle toggle--${choice.value}`}
              aria-pressed={value === choice.value}
              onClick={() => onMark(choice.value)}
            >
              {value === choice.value && (
                <span className="toggle__check" aria-hidden="true">
                  ✓
                </span>
              )}
              {choice.label}
            </button>
          ))}
        </div>
      ) : (
        <p className="attendance__state">
          {STATE_LABELS[line.state as keyof typeof STATE_LABELS] ?? line.state} —{" "}
          <Link to="/gestion/reservations?onglet=annulations">à traiter dans les demandes d'annulation</Link>
        </p>
      )}
    </li>
  );
}
