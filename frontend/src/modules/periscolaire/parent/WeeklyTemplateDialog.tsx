import { useEffect, useRef, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { mapApiError, messagesFor, type FieldErrorItem } from "../../../components/apiErrors";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { InputField } from "../../../components/FormFields";
import { SubmitButton } from "../../../components/SubmitButton";
import { formatDayLabel, WEEKDAYS } from "../../../format/calendar";
import { todayIso } from "../../../format/dates";
import { plural } from "../../../format/text";
import { applyWeeklyTemplate, bookingKeys, type ActivityBlock, type Parity, type TemplateReport, type Unit } from "./api";
import { Modal } from "./Modal";

export const PARITY_OPTIONS: readonly { value: Parity; label: string }[] = [
  { value: "all", label: "Toutes les semaines" },
  { value: "even", label: "Semaines paires" },
  { value: "odd", label: "Semaines impaires" },
];

const PREFIX = "semaine-type";
const slotId = (weekday: number, unit: number) => `${PREFIX}-${weekday}-${unit}`;

/** The weekdays any unit runs on (Monday to Friday when the units do not say). */
function weekdaysOf(units: readonly Unit[]): number[] {
  const days = new Set<number>();
  for (const unit of units) (unit.weekdays?.length ? unit.weekdays : [0, 1, 2, 3, 4]).forEach((d) => days.add(d));
  return [...days].sort((a, b) => a - b);
}

const FIELD_LABELS: Record<string, string> = { start: "Du", end: "Au", parity: "Semaines", slots: "Jours" };

const runsOn = (unit: Unit, weekday: number) => (unit.weekdays?.length ? unit.weekdays.includes(weekday) : weekday < 5);

interface Props {
  childId: number;
  childName: string;
  block: ActivityBlock;
  onClose: () => void;
}

/** "Semaine type": weekdays × units, every week or one in two, over a period; the bookings go to the cart. */
export function WeeklyTemplateDialog({ childId, childName, block, onClose }: Props) {
  const queryClient = useQueryClient();
  const units = block.rows.map((row) => row.unit);
  const weekdays = weekdaysOf(units);
  const today = todayIso();
  const [slots, setSlots] = useState<ReadonlySet<string>>(new Set());
  const [parity, setParity] = useState<Parity>("all");
  const [start, setStart] = useState(block.enrolment.start_date > today ? block.enrolment.start_date : today);
  const [end, setEnd] = useState(block.enrolment.end_date);
  const [errors, setErrors] = useState<FieldErrorItem[]>([]);
  const [report, setReport] = useState<TemplateReport | null>(null);
  const reportRef = useRef<HTMLDivElement>(null);
  const firstSlot = weekdays.length && units.length ? slotId(weekdays[0], units[0].id) : PREFIX;
  const fieldIds: Record<string, string> = { start: `${PREFIX}-debut`, end: `${PREFIX}-fin`, slots: firstSlot };

  useEffect(() => {
    if (report) reportRef.current?.focus();
  }, [report]);

  const mutation = useMutation({
    mutationFn: applyWeeklyTemplate,
    onSuccess: (data) => {
      setErrors([]);
      setReport(data);
      queryClient.setQueryData(bookingKeys.cart, data.cart);
      void queryClient.invalidateQueries({ queryKey: bookingKeys.plannings });
    },
    onError: (error) => {
      setReport(null);
      setErrors(
        mapApiError(error, {
          idFor: (path) => fieldIds[path.split(".")[0]],
          labelFor: (path) => FIELD_LABELS[path.split(".")[0]],
        }),
      );
    },
  });

  function toggle(key: string, checked: boolean) {
    setSlots((current) => {
      const next = new Set(current);
      if (checked) next.add(key);
      else next.delete(key);
      return next;
    });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const found: FieldErrorItem[] = [];
    if (!slots.size) found.push({ fieldId: firstSlot, message: "Jours : cochez au moins un jour.", fieldMessage: "Cochez au moins un jour." });
    if (!start) found.push({ fieldId: `${PREFIX}-debut`, message: "Du : indiquez la date de début.", fieldMessage: "Indiquez la date de début." });
    if (!end) found.push({ fieldId: `${PREFIX}-fin`, message: "Au : indiquez la date de fin.", fieldMessage: "Indiquez la date de fin." });
    if (start && end && end < start) {
      found.push({ fieldId: `${PREFIX}-fin`, message: "Au : la date de fin précède la date de début.", fieldMessage: "La date de fin précède la date de début." });
    }
    setErrors(found);
    if (found.length) return;
    const chosen = [...slots].map((key) => key.split("-").map(Number) as [number, number]);
    mutation.mutate({ child: childId, activity: block.enrolment.activity, start, end, parity, slots: chosen });
  }

  const slotErrors = messagesFor(errors, firstSlot);

  return (
    <Modal title={`Semaine type : ${block.enrolment.activity_name} (${childName})`} onClose={onClose}>
      <form className="form" noValidate onSubmit={submit}>
        <ErrorSummary items={errors} />
        <p>
          Cochez les jours à réserver chaque semaine : ils seront ajoutés au panier pour toute la période. Vous pourrez
          les vérifier avant de cliquer sur « Terminer ».
        </p>
        <fieldset className={slotErrors ? "fieldset field--error" : "fieldset"}>
          <legend className="fieldset__legend">Jours et prestations</legend>
          {slotErrors && (
            <p className="field__error">
              <span className="visually-hidden">Erreur :</span> {slotErrors.join(" ")}
            </p>
          )}
          <div className="table-wrapper">
            <table className="data-table template-table">
              <thead>
                <tr>
                  <th scope="col">Jour</th>
                  {units.map((unit) => (
                    <th key={unit.id} scope="col">
                      {unit.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {weekdays.map((weekday) => (
                  <tr key={weekday}>
                    <th scope="row">{WEEKDAYS[weekday]}</th>
                    {units.map((unit) => {
                      const key = `${weekday}-${unit.id}`;
                      return (
                        <td key={unit.id}>
                          {runsOn(unit, weekday) ? (
                            <input
                              type="checkbox"
                              id={slotId(weekday, unit.id)}
                              aria-label={`${WEEKDAYS[weekday]} – ${unit.name}`}
                              checked={slots.has(key)}
                              onChange={(event) => toggle(key, event.target.checked)}
                            />
                          ) : (
                            <span title="Pas d'accueil ce jour-là">–</span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </fieldset>
        <div className="field">
          <label className="field__label" htmlFor={`${PREFIX}-parite`}>
            Semaines
          </label>
          <div className="field__control">
            <select id={`${PREFIX}-parite`} name="parity" value={parity} onChange={(event) => setParity(event.target.value as Parity)}>
              {PARITY_OPTIONS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="form-row">
          <InputField id={`${PREFIX}-debut`} label="Du" type="date" required value={start} onChange={setStart} errors={messagesFor(errors, `${PREFIX}-debut`)} />
          <InputField id={`${PREFIX}-fin`} label="Au" type="date" required value={end} onChange={setEnd} errors={messagesFor(errors, `${PREFIX}-fin`)} />
        </div>
        <div className="form-actions">
          <SubmitButton busy={mutation.isPending} label="Ajouter au panier" busyLabel="Ajout au panier en cours…" />
        </div>
      </form>
      <div role="status">
        {report && (
          <div ref={reportRef} tabIndex={-1} className={report.skipped.length ? "notice notice--warning" : "notice notice--success"}>
            <p>{report.added > 1 ? `${report.added} réservations ajoutées au panier.` : `${report.added} réservation ajoutée au panier.`}</p>
            {report.skipped.length > 0 && (
              <>
                <p>{plural(report.skipped.length, "jour n'a pas pu être ajouté :", "jours n'ont pas pu être ajoutés :")}</p>
                <ul>
                  {report.skipped.map((line) => (
                    <li key={`${line.opening}-${line.child}`}>
                      {formatDayLabel(line.date)} – {line.unit} : {line.reason}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
      </div>
    </Modal>
  );
}
