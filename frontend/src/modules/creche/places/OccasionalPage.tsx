import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ErrorSummary } from "../../../components/ErrorSummary";
import type { FormErrorItem } from "../../../components/formErrors";
import { InputField, RadioGroupField, SelectField } from "../../../components/FormFields";
import { QueryView } from "../../../components/QueryView";
import { staffErrors } from "../../../components/serverErrors";
import { SubmitButton } from "../../../components/SubmitButton";
import { formatDate } from "../../../format/dates";
import { usePageTitle } from "../../../theme/usePageTitle";
import { bookDay, cancelDay, childName, fetchAvailability, fetchBookings, halfHours, placesKeys, type Availability, type OccasionalDay } from "./api";
import { SlotsTable } from "./SlotsTable";
import "./places.css";

/** « Accueil occasionnel »: free places of a day, a half-day or hours booked, my bookings. */
export function OccasionalPage() {
  usePageTitle("Accueil occasionnel");
  const [establishment, setEstablishment] = useState<number | null>(null);
  const [date, setDate] = useState("");
  const query = useQuery({
    queryKey: placesKeys.availability(establishment, date),
    queryFn: ({ signal }) => fetchAvailability(establishment, date, signal),
  });
  return (
    <section aria-labelledby="occasionnel-titre" className="creche-places">
      <h1 id="occasionnel-titre">Accueil occasionnel</h1>
      <p>Réservez une demi-journée ou quelques heures à la crèche, selon les places libres.</p>
      <QueryView query={query} loadingLabel="Chargement des places…">
        {(data) =>
          data.establishment ? (
            <>
              <div className="creche-places__toolbar">
                <SelectField
                  id="occasionnel-etablissement"
                  label="Établissement"
                  value={String(data.establishment.id)}
                  options={data.establishments.map((e) => ({ value: String(e.id), label: e.name }))}
                  onChange={(v) => setEstablishment(Number(v))}
                />
                <InputField id="occasionnel-date" label="Jour" type="date" min={data.today} value={data.date} onChange={(v) => v && setDate(v)} />
              </div>
              <p>
                {data.establishment.name} accueille les enfants de {data.establishment.min_age_months} à {data.establishment.max_age_months} mois.
              </p>
              <SlotsTable slots={data.slots} caption={`Places libres le ${formatDate(data.date)}`} />
              <BookingForm key={`${data.establishment.id}-${data.date}`} data={data} />
            </>
          ) : (
            <p className="notice">Aucun établissement ne propose d'accueil occasionnel pour l'instant.</p>
          )
        }
      </QueryView>
      <MyBookings />
    </section>
  );
}

const PRESET_CUSTOM = "custom";

function BookingForm({ data }: { data: Availability }) {
  const client = useQueryClient();
  const eligible = data.children.filter((c) => c.eligible);
  const [child, setChild] = useState(eligible.length === 1 ? String(eligible[0].id) : "");
  const [preset, setPreset] = useState(data.presets[0]?.label ?? PRESET_CUSTOM);
  const [arrival, setArrival] = useState("09:00");
  const [departure, setDeparture] = useState("11:00");
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [notice, setNotice] = useState("");
  const chosen = data.presets.find((p) => p.label === preset);
  const times = data.slots.length ? halfHours(data.slots[0].start, data.slots[data.slots.length - 1].label.slice(-5)) : halfHours("07:00", "19:00");
  const options = times.map((t) => ({ value: t, label: t }));
  const book = useMutation({
    mutationFn: () =>
      bookDay({
        child: Number(child),
        establishment: data.establishment!.id,
        date: data.date,
        arrival: chosen?.arrival ?? arrival,
        departure: chosen?.departure ?? departure,
      }),
    onSuccess: (done) => {
      setErrors([]);
      setNotice(done.detail);
      void client.invalidateQueries({ queryKey: ["creche", "occasional"] });
    },
    onError: (error) => setErrors(staffErrors(error, { child: "occasionnel-enfant" })),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: FormErrorItem[] = [];
    if (!child) problems.push({ message: "Choisissez l'enfant.", fieldId: "occasionnel-enfant" });
    if (!chosen && departure <= arrival) problems.push({ message: "L'heure de départ doit suivre l'heure d'arrivée.", fieldId: "occasionnel-depart" });
    setErrors(problems);
    setNotice("");
    if (!problems.length && !book.isPending) book.mutate();
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="reserver-titre">
      <h2 id="reserver-titre">Réserver le {formatDate(data.date)}</h2>
      <ErrorSummary items={errors} />
      <div role="status">{notice && <p className="notice notice--success">{notice}</p>}</div>
      <SelectField
        id="occasionnel-enfant"
        label="Enfant"
        required
        value={child}
        placeholder="— Choisir —"
        options={data.children.map((c) => ({ value: String(c.id), label: c.eligible ? c.first_name : `${c.first_name} (${c.reason})`, disabled: !c.eligible }))}
        onChange={setChild}
      />
      <RadioGroupField
        id="occasionnel-creneau"
        label="Créneau"
        value={preset}
        onChange={setPreset}
        options={[
          ...data.presets.map((p) => ({ value: p.label, label: `${p.label} (${p.arrival}–${p.departure})` })),
          { value: PRESET_CUSTOM, label: "Horaires au choix" },
        ]}
      />
      {!chosen && (
        <div className="creche-places__row">
          <SelectField id="occasionnel-arrivee" label="Arrivée" value={arrival} options={options} onChange={setArrival} />
          <SelectField id="occasionnel-depart" label="Départ" value={departure} options={options} onChange={setDeparture} />
        </div>
      )}
      {data.validation && <p className="form-note">La crèche confirme chaque demande d'accueil occasionnel.</p>}
      <SubmitButton busy={book.isPending} label="Réserver" busyLabel="Réservation…" />
    </form>
  );
}

function MyBookings() {
  const query = useQuery({ queryKey: placesKeys.bookings, queryFn: ({ signal }) => fetchBookings(signal) });
  const [notice, setNotice] = useState("");
  return (
    <section aria-labelledby="mes-accueils-titre">
      <h2 id="mes-accueils-titre">Mes accueils occasionnels</h2>
      <div role="status">{notice && <p className="notice notice--success">{notice}</p>}</div>
      <QueryView query={query} loadingLabel="Chargement de vos réservations…">
        {(days) =>
          days.length ? (
            <ul className="creche-pointage__list">
              {days.map((day) => (
                <Booked key={day.key} day={day} onDone={setNotice} />
              ))}
            </ul>
          ) : (
            <p>Aucun accueil occasionnel à venir.</p>
          )
        }
      </QueryView>
    </section>
  );
}

function Booked({ day, onDone }: { day: OccasionalDay; onDone: (text: string) => void }) {
  const client = useQueryClient();
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const cancel = useMutation({
    mutationFn: () => cancelDay({ child: day.child.id, establishment: day.establishment.id, date: day.day }),
    onSuccess: (done) => {
      onDone(done.detail);
      void client.invalidateQueries({ queryKey: ["creche", "occasional"] });
    },
    onError: (error) => setErrors(staffErrors(error)),
  });
  return (
    <li className="creche-pointage__child">
      <p>
        <strong>{childName(day.child)}</strong> — {formatDate(day.day)}, {day.arrival}–{day.departure} — {day.establishment.name} — {day.state_label}
      </p>
      <ErrorSummary items={errors} />
      {day.can_cancel ? (
        <button type="button" className="button button--secondary" onClick={() => cancel.mutate()}>
          Annuler l'accueil du {formatDate(day.day)} ({day.child.first_name})
        </button>
      ) : (
        day.cancel_reason && <p className="field__hint">Annulation impossible : {day.cancel_reason}</p>
      )}
    </li>
  );
}
