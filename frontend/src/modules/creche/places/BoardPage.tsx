import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { InputField, SelectField } from "../../../components/FormFields";
import { QueryView } from "../../../components/QueryView";
import { formatDate } from "../../../format/dates";
import { usePageTitle } from "../../../theme/usePageTitle";
import { childName, fetchBoard, placesKeys, type Board, type BoardRow } from "./api";
import { SlotsTable } from "./SlotsTable";
import "./places.css";

export const STATUS_LABELS = { expected: "Attendu", present: "Présent", gone: "Parti", absent: "Absent" } as const;

function planned(row: BoardRow): string {
  if (!row.planned_arrival) return "Non attendu";
  const kind = row.kind === "occasional" ? (row.requested ? "occasionnel, à valider" : "occasionnel") : "contrat";
  return `${row.planned_arrival}–${row.planned_departure} (${kind})`;
}

/** The choice of establishment and date shared by the board and the pointage. */
export function BoardFilters({ board, onEstablishment, onDate, withDate = true }: { board: Board; onEstablishment: (id: number) => void; onDate?: (date: string) => void; withDate?: boolean }) {
  return (
    <div className="creche-places__toolbar">
      <SelectField
        id="tableau-etablissement"
        label="Établissement"
        value={String(board.establishment.id)}
        options={board.establishments.map((e) => ({ value: String(e.id), label: e.name }))}
        onChange={(v) => onEstablishment(Number(v))}
      />
      {withDate && onDate && <InputField id="tableau-date" label="Date" type="date" value={board.date} onChange={(v) => v && onDate(v)} />}
    </div>
  );
}

/** « Tableau du jour »: expected, present, gone and absent children; free places per half-hour. */
export function BoardPage() {
  usePageTitle("Tableau du jour");
  const [establishment, setEstablishment] = useState<number | null>(null);
  const [date, setDate] = useState("");
  const query = useQuery({ queryKey: placesKeys.board(establishment, date), queryFn: ({ signal }) => fetchBoard(establishment, date, signal) });
  return (
    <section aria-labelledby="tableau-titre" className="creche-places">
      <h1 id="tableau-titre">Tableau du jour</h1>
      <p>
        <Link to="/gestion/creche/pointage">Pointage</Link> · <Link to="/gestion/creche/occasionnel">Accueil occasionnel</Link> ·{" "}
        <Link to="/gestion/creche/etablissements">Établissements</Link>
      </p>
      <QueryView query={query} loadingLabel="Chargement du tableau…">
        {(board) => (
          <>
            <BoardFilters board={board} onEstablishment={setEstablishment} onDate={setDate} />
            <h2>
              {board.establishment.name} — {formatDate(board.date)}
              {board.date === board.today && " (aujourd'hui)"}
            </h2>
            <ul className="creche-places__counts" aria-label="Effectifs">
              {(Object.keys(STATUS_LABELS) as (keyof typeof STATUS_LABELS)[]).map((status) => (
                <li key={status}>
                  {STATUS_LABELS[status]} : <strong>{board.counts[status]}</strong>
                </li>
              ))}
            </ul>
            {board.rows.length ? (
              <table className="creche-places__table">
                <caption>Enfants du jour</caption>
                <thead>
                  <tr>
                    <th scope="col">Enfant</th>
                    <th scope="col">Prévu</th>
                    <th scope="col">Statut</th>
                    <th scope="col">Arrivée</th>
                    <th scope="col">Départ</th>
                  </tr>
                </thead>
                <tbody>
                  {board.rows.map((row) => (
                    <tr key={row.child.id}>
                      <th scope="row">{childName(row.child)}</th>
                      <td>{planned(row)}</td>
                      <td>
                        {STATUS_LABELS[row.status]}
                        {row.absence_kind && ` (${row.absence_kind})`}
                      </td>
                      <td>{row.presence?.arrival ?? "—"}</td>
                      <td>{row.presence?.departure ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="notice">Aucun enfant attendu ce jour-là.</p>
            )}
            <h2>Places par demi-heure</h2>
            <SlotsTable slots={board.slots} caption={`Places libres le ${formatDate(board.date)}`} />
          </>
        )}
      </QueryView>
    </section>
  );
}
