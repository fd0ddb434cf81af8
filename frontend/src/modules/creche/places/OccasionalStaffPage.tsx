import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { ErrorSummary } from "../../../components/ErrorSummary";
import type { FormErrorItem } from "../../../components/formErrors";
import { InputField } from "../../../components/FormFields";
import { QueryView } from "../../../components/QueryView";
import { staffErrors } from "../../../components/serverErrors";
import { formatDate } from "../../../format/dates";
import { usePageTitle } from "../../../theme/usePageTitle";
import { childName, decideDay, fetchPending, placesKeys, type Decision, type OccasionalDay } from "./api";
import "./places.css";

/** « Accueil occasionnel » (staff): the requested days, accepted or refused whole. */
export function OccasionalStaffPage() {
  usePageTitle("Accueil occasionnel à valider");
  const query = useQuery({ queryKey: placesKeys.pending, queryFn: ({ signal }) => fetchPending(signal) });
  const [notice, setNotice] = useState("");
  return (
    <section aria-labelledby="occasionnel-staff-titre" className="creche-places">
      <p>
        <Link to="/gestion/creche">← Tableau du jour</Link>
      </p>
      <h1 id="occasionnel-staff-titre">Accueil occasionnel à valider</h1>
      <div role="status">{notice && <p className="notice notice--success">{notice}</p>}</div>
      <QueryView query={query} loadingLabel="Chargement des demandes…">
        {(days) =>
          days.length ? (
            <ul className="creche-pointage__list">
              {days.map((day) => (
                <Request key={day.key} day={day} onDone={setNotice} />
              ))}
            </ul>
          ) : (
            <p className="notice">Aucune demande en attente.</p>
          )
        }
      </QueryView>
    </section>
  );
}

function Request({ day, onDone }: { day: OccasionalDay; onDone: (text: string) => void }) {
  const client = useQueryClient();
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const name = childName(day.child);
  const id = `refus-${day.key}`;
  const decide = useMutation({
    mutationFn: (decision: Decision) =>
      decideDay({ child: day.child.id, establishment: day.establishment.id, date: day.day, decision, reason }),
    onSuccess: (done) => {
      onDone(`${name}, ${formatDate(day.day)} : ${done.detail}`);
      void client.invalidateQueries({ queryKey: ["creche"] });
    },
    onError: (error) => setErrors(staffErrors(error, { reason: id })),
  });
  function refuse() {
    if (!reason.trim()) {
      setErrors([{ message: "Indiquez le motif du refus.", fieldId: id }]);
      return;
    }
    decide.mutate("refuse");
  }
  const cancelling = day.state === "cancel_requested";
  return (
    <li className="creche-pointage__child">
      <h2>
        {name} — {formatDate(day.day)}, {day.arrival}–{day.departure}
      </h2>
      <p>
        {day.establishment.name}
        {day.family_name && ` · famille ${day.family_name}`} · {cancelling ? "la famille demande l'annulation" : "demande d'accueil"}
      </p>
      <ErrorSummary items={errors} />
      {cancelling ? (
        <div className="creche-pointage__actions">
          <button type="button" className="button button--primary" onClick={() => decide.mutate("excused")}>
            Accepter l'annulation de {name}
          </button>
          <button type="button" className="button button--secondary" onClick={() => decide.mutate("billed")}>
            Refuser l'annulation de {name} (journée due)
          </button>
        </div>
      ) : (
        <div className="creche-pointage__actions">
          <button type="button" className="button button--primary" onClick={() => decide.mutate("accept")}>
            Accepter la journée de {name}
          </button>
          <InputField id={id} label="Motif du refus" value={reason} onChange={setReason} />
          <button type="button" className="button button--secondary" onClick={refuse}>
            Refuser la journée de {name}
          </button>
        </div>
      )}
    </li>
  );
}
