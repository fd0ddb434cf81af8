import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ErrorSummary } from "../../../components/ErrorSummary";
import type { FormErrorItem } from "../../../components/formErrors";
import { QueryView } from "../../../components/QueryView";
import { staffErrors } from "../../../components/serverErrors";
import { formatDate } from "../../../format/dates";
import { usePageTitle } from "../../../theme/usePageTitle";
import { childName, doorClock, fetchDoor, placesKeys, type Door } from "./api";
import "./places.css";

/** « Pointage » at the door: a guardian clocks their own children in or out, today. */
export function DoorPage() {
  usePageTitle("Pointage à la crèche");
  const query = useQuery({ queryKey: placesKeys.door, queryFn: ({ signal }) => fetchDoor(signal) });
  return (
    <section aria-labelledby="porte-titre" className="creche-places">
      <h1 id="porte-titre">Pointage à la crèche</h1>
      <QueryView query={query} loadingLabel="Chargement…">
        {(door) =>
          !door.enabled ? (
            <p className="notice">Le pointage est fait par l'équipe de la crèche à votre arrivée et à votre départ.</p>
          ) : door.children.length ? (
            <>
              <p>Aujourd'hui, {formatDate(door.today)}.</p>
              <ul className="creche-pointage__list">
                {door.children.map((entry) => (
                  <DoorChild key={entry.child.id} entry={entry} />
                ))}
              </ul>
            </>
          ) : (
            <p className="notice">Aucun de vos enfants n'est attendu à la crèche aujourd'hui.</p>
          )
        }
      </QueryView>
    </section>
  );
}

function DoorChild({ entry }: { entry: Door["children"][number] }) {
  const client = useQueryClient();
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [notice, setNotice] = useState("");
  const name = childName(entry.child);
  const mark = useMutation({
    mutationFn: (action: "arrival" | "departure") => doorClock({ child: entry.child.id, action }),
    onSuccess: (presence, action) => {
      setErrors([]);
      setNotice(action === "arrival" ? `Arrivée enregistrée à ${presence.arrival}.` : `Départ enregistré à ${presence.departure}.`);
      void client.invalidateQueries({ queryKey: placesKeys.door });
    },
    onError: (error) => setErrors(staffErrors(error)),
  });
  const presence = entry.presence;
  return (
    <li className="creche-pointage__child">
      <h2>
        {name} — {entry.establishment.name}
      </h2>
      <ErrorSummary items={errors} />
      <div role="status">{notice && <p className="notice notice--success">{notice}</p>}</div>
      {presence?.departure ? (
        <p>
          Arrivé(e) à {presence.arrival}, parti(e) à {presence.departure}.
        </p>
      ) : presence ? (
        <>
          <p>Arrivé(e) à {presence.arrival}.</p>
          <button type="button" className="button button--primary creche-pointage__big" onClick={() => mark.mutate("departure")} aria-label={`Départ de ${name}`}>
            Départ
          </button>
        </>
      ) : (
        <button type="button" className="button button--primary creche-pointage__big" onClick={() => mark.mutate("arrival")} aria-label={`Arrivée de ${name}`}>
          Arrivée
        </button>
      )}
    </li>
  );
}
