import { useState, type FormEvent } from "react";
import { mapApiError, messagesFor, requiredError, type FieldErrorItem } from "../../../../components/apiErrors";
import { ErrorSummary } from "../../../../components/ErrorSummary";
import { InputField, SelectField } from "../../../../components/FormFields";
import { SubmitButton } from "../../../../components/SubmitButton";
import { formatDate } from "../../../../format/dates";
import { fetchAvailability, offerPlace, type Availability, type ScheduleDay, type StaffPlaceRequest } from "../api";
import { ScheduleEditor } from "../ScheduleEditor";

const IDS = { establishment: "offre-etablissement", section: "offre-section", start: "offre-entree", schedule: "offre-planning" };
const PATHS: Record<string, string> = { establishment: IDS.establishment, section: IDS.section, start: IDS.start, offer_schedule: IDS.schedule, schedule: IDS.schedule };
const LABELS: Record<string, string> = { establishment: "Établissement", section: "Section", start: "Entrée le", offer_schedule: "Planning", schedule: "Planning" };

function AvailabilityTable({ availability }: { availability: Availability }) {
  if (!availability.days.length) return <p>Aucun jour d'accueil dans les 4 premières semaines.</p>;
  return (
    <table className="data-table">
      <caption>
        Places libres pendant les 4 premières semaines
        {availability.min_free !== null ? ` (au plus juste : ${availability.min_free})` : ""}
      </caption>
      <thead>
        <tr>
          <th scope="col">Jour</th>
          <th scope="col">Horaires</th>
          <th scope="col">Places libres</th>
        </tr>
      </thead>
      <tbody>
        {availability.days.map((day) => (
          <tr key={day.date}>
            <th scope="row">{formatDate(day.date)}</th>
            <td>
              {day.arrival}–{day.departure}
            </td>
            <td>{day.open ? day.free : "Fermé ou non ouvert à la réservation"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The commission's offer: establishment, section, start and schedule (prefilled from the request), with the free places. */
export function OfferForm({ request, today, onDone }: { request: StaffPlaceRequest; today: string; onDone: (message: string) => void }) {
  const first = request.establishments.find((e) => e.rank === 1) ?? request.establishments[0];
  const [establishment, setEstablishment] = useState(first ? String(first.id) : "");
  const [section, setSection] = useState("");
  const [start, setStart] = useState(request.desired_start < today ? today : request.desired_start);
  const [schedule, setSchedule] = useState<ScheduleDay[]>(request.schedule);
  const [alternating, setAlternating] = useState(request.alternating);
  const [availability, setAvailability] = useState<Availability | null>(null);
  const [checking, setChecking] = useState(false);
  const [errors, setErrors] = useState<FieldErrorItem[]>([]);
  const [busy, setBusy] = useState(false);
  const chosen = request.establishments.find((e) => String(e.id) === establishment);

  function mapped(caught: unknown) {
    return mapApiError(caught, { idFor: (path) => PATHS[path.split(".")[0]], labelFor: (path) => LABELS[path.split(".")[0]] });
  }

  async function check() {
    if (!establishment || !start) return;
    setChecking(true);
    setErrors([]);
    try {
      setAvailability(await fetchAvailability(request.id, { establishment: Number(establishment), start, schedule, alternating }));
    } catch (caught) {
      setErrors(mapped(caught));
    } finally {
      setChecking(false);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found: FieldErrorItem[] = [];
    if (!establishment) found.push(requiredError(IDS.establishment, LABELS.establishment));
    if (chosen?.sections.length && !section) found.push(requiredError(IDS.section, LABELS.section));
    if (!start) found.push(requiredError(IDS.start, LABELS.start));
    setErrors(found);
    if (found.length) return;
    setBusy(true);
    try {
      await offerPlace(request.id, { establishment: Number(establishment), section: section ? Number(section) : null, start, schedule, alternating });
      onDone("La place est proposée : la famille est prévenue par e-mail.");
    } catch (caught) {
      setErrors(mapped(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="offre-titre">
      <h3 id="offre-titre">Proposer une place</h3>
      <p className="notice">
        La proposition ne réserve aucune place : les places sont tenues par le contrat d'accueil, établi une fois la place acceptée par la famille.
      </p>
      <ErrorSummary items={errors} />
      <SelectField
        id={IDS.establishment}
        label="Établissement"
        required
        value={establishment}
        onChange={(value) => {
          setEstablishment(value);
          setSection("");
          setAvailability(null);
        }}
        options={request.establishments.map((e) => ({
          value: String(e.id),
          label: `${e.name}${e.rank ? ` (choix n° ${e.rank})` : " (non demandé)"}${e.active ? "" : " — fermé aux demandes"}`,
        }))}
        errors={messagesFor(errors, IDS.establishment)}
      />
      {chosen && chosen.sections.length > 0 && (
        <SelectField
          id={IDS.section}
          label="Section"
          required
          value={section}
          placeholder="Choisir une section"
          onChange={setSection}
          options={chosen.sections.map((s) => ({ value: String(s.id), label: `${s.name} (${s.min_age_months}–${s.max_age_months} mois)` }))}
          errors={messagesFor(errors, IDS.section)}
        />
      )}
      <InputField
        id={IDS.start}
        label="Entrée le"
        type="date"
        required
        min={today}
        value={start}
        onChange={(value) => {
          setStart(value);
          setAvailability(null);
        }}
        errors={messagesFor(errors, IDS.start)}
      />
      <ScheduleEditor
        legend="Planning proposé"
        firstId={IDS.schedule}
        value={schedule}
        alternating={alternating}
        onChange={(days, alt) => {
          setSchedule(days);
          setAlternating(alt);
          setAvailability(null);
        }}
        errors={messagesFor(errors, IDS.schedule)}
      />
      <p>
        <button type="button" className="button button--secondary" onClick={() => void check()} disabled={checking}>
          {checking ? "Calcul des places libres…" : "Voir les places libres"}
        </button>
      </p>
      <div role="status" aria-live="polite">
        {availability && <AvailabilityTable availability={availability} />}
      </div>
      <SubmitButton busy={busy} label="Proposer la place" busyLabel="Envoi de la proposition…" />
    </form>
  );
}
