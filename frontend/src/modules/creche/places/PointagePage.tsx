import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { ErrorSummary } from "../../../components/ErrorSummary";
import type { FormErrorItem } from "../../../components/formErrors";
import { InputField, TextAreaField } from "../../../components/FormFields";
import { QueryView } from "../../../components/QueryView";
import { staffErrors } from "../../../components/serverErrors";
import { SubmitButton } from "../../../components/SubmitButton";
import { formatDate, formatDateTime } from "../../../format/dates";
import { usePageTitle } from "../../../theme/usePageTitle";
import { childName, clock, correctPresence, fetchBoard, fetchHistory, placesKeys, type Board, type BoardRow } from "./api";
import { BoardFilters, STATUS_LABELS } from "./BoardPage";
import "./places.css";

/** « Pointage »: big buttons per expected child, a typed time, corrections with a reason. */
export function PointagePage() {
  usePageTitle("Pointage");
  const [establishment, setEstablishment] = useState<number | null>(null);
  const [date, setDate] = useState("");
  const query = useQuery({ queryKey: placesKeys.board(establishment, date), queryFn: ({ signal }) => fetchBoard(establishment, date, signal) });
  return (
    <section aria-labelledby="pointage-titre" className="creche-places">
      <p>
        <Link to="/gestion/creche">← Tableau du jour</Link>
      </p>
      <h1 id="pointage-titre">Pointage</h1>
      <QueryView query={query} loadingLabel="Chargement des enfants…">
        {(board) => (
          <>
            <BoardFilters board={board} onEstablishment={setEstablishment} onDate={setDate} />
            <h2>
              {board.establishment.name} — {formatDate(board.date)}
            </h2>
            {board.date !== board.today && (
              <p className="notice">Jour passé ou à venir : corrigez les horaires en indiquant un motif (la modification est gardée dans l'historique).</p>
            )}
            {board.rows.length ? (
              <ul className="creche-pointage__list">
                {board.rows.map((row) => (
                  <ChildCard key={row.child.id} row={row} board={board} />
                ))}
              </ul>
            ) : (
              <p className="notice">Aucun enfant attendu ce jour-là.</p>
            )}
          </>
        )}
      </QueryView>
    </section>
  );
}

function ChildCard({ row, board }: { row: BoardRow; board: Board }) {
  const client = useQueryClient();
  const today = board.date === board.today;
  const [time, setTime] = useState("");
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [notice, setNotice] = useState("");
  const [correcting, setCorrecting] = useState(false);
  const [history, setHistory] = useState(false);
  const name = childName(row.child);
  const refresh = () => client.invalidateQueries({ queryKey: ["creche", "board"] });
  const mark = useMutation({
    mutationFn: (action: "arrival" | "departure") => clock({ child: row.child.id, establishment: board.establishment.id, action, time: time || null }),
    onSuccess: (presence, action) => {
      setErrors([]);
      setTime("");
      setNotice(action === "arrival" ? `Arrivée de ${row.child.first_name} à ${presence.arrival}.` : `Départ de ${row.child.first_name} à ${presence.departure}.`);
      void refresh();
    },
    onError: (error) => setErrors(staffErrors(error)),
  });
  const arrived = Boolean(row.presence);
  const gone = Boolean(row.presence?.departure);
  return (
    <li className="creche-pointage__child" aria-labelledby={`enfant-${row.child.id}`}>
      <h3 id={`enfant-${row.child.id}`}>
        {name} — {STATUS_LABELS[row.status]}
      </h3>
      <p>
        {row.planned_arrival ? `Prévu ${row.planned_arrival}–${row.planned_departure}` : "Non attendu"}
        {row.presence && ` · arrivé(e) à ${row.presence.arrival}`}
        {row.presence?.departure && ` · parti(e) à ${row.presence.departure}`}
        {row.presence?.corrected && ` · corrigé : ${row.presence.correction_reason}`}
      </p>
      <ErrorSummary items={errors} title={`Pointage de ${name} impossible`} />
      <div role="status">{notice && <p className="notice notice--success">{notice}</p>}</div>
      {today && !gone && (
        <div className="creche-pointage__actions">
          <InputField id={`heure-${row.child.id}`} label={`Heure pour ${name} (vide : maintenant)`} type="time" step={60} value={time} onChange={setTime} />
          {!arrived ? (
            <button type="button" className="button button--primary creche-pointage__big" onClick={() => mark.mutate("arrival")} aria-label={`Arrivée de ${name}`}>
              Arrivée
            </button>
          ) : (
            <button type="button" className="button button--primary creche-pointage__big" onClick={() => mark.mutate("departure")} aria-label={`Départ de ${name}`}>
              Départ
            </button>
          )}
        </div>
      )}
      <div className="creche-pointage__actions">
        <button type="button" className="button button--secondary" aria-expanded={correcting} onClick={() => setCorrecting((v) => !v)}>
          Corriger les horaires de {name}
        </button>
        {row.presence && (
          <button type="button" className="button button--secondary" aria-expanded={history} onClick={() => setHistory((v) => !v)}>
            Historique de {name}
          </button>
        )}
      </div>
      {correcting && <Correction row={row} board={board} onDone={() => setCorrecting(false)} />}
      {history && row.presence && <History presenceId={row.presence.id} />}
    </li>
  );
}

function Correction({ row, board, onDone }: { row: BoardRow; board: Board; onDone: () => void }) {
  const client = useQueryClient();
  const past = board.date < board.today;
  const [arrival, setArrival] = useState(row.presence?.arrival ?? row.planned_arrival ?? "");
  const [departure, setDeparture] = useState(row.presence?.departure ?? "");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const id = `correction-${row.child.id}`;
  const save = useMutation({
    mutationFn: () =>
      correctPresence({ child: row.child.id, establishment: board.establishment.id, date: board.date, arrival, departure: departure || null, reason }),
    onSuccess: () => {
      setErrors([]);
      void client.invalidateQueries({ queryKey: ["creche"] });
      onDone();
    },
    onError: (error) => setErrors(staffErrors(error, { reason: `${id}-motif`, arrival: `${id}-arrivee`, departure: `${id}-depart` })),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: FormErrorItem[] = [];
    if (!arrival) problems.push({ message: "Indiquez l'heure d'arrivée.", fieldId: `${id}-arrivee` });
    if (departure && departure <= arrival) problems.push({ message: "Le départ doit suivre l'arrivée.", fieldId: `${id}-depart` });
    if (past && !reason.trim()) problems.push({ message: "Indiquez le motif de la correction d'un jour passé.", fieldId: `${id}-motif` });
    setErrors(problems);
    if (!problems.length && !save.isPending) save.mutate();
  }
  return (
    <form onSubmit={submit} noValidate aria-label={`Correction pour ${childName(row.child)}`}>
      <ErrorSummary items={errors} />
      <InputField id={`${id}-arrivee`} label="Arrivée" type="time" required value={arrival} onChange={setArrival} />
      <InputField id={`${id}-depart`} label="Départ" type="time" value={departure} onChange={setDeparture} />
      <TextAreaField id={`${id}-motif`} label="Motif de la correction" required={past} value={reason} onChange={setReason} rows={2} />
      <SubmitButton busy={save.isPending} label="Enregistrer la correction" busyLabel="Enregistrement…" />
    </form>
  );
}

function History({ presenceId }: { presenceId: number }) {
  const query = useQuery({ queryKey: placesKeys.history(presenceId), queryFn: ({ signal }) => fetchHistory(presenceId, signal) });
  return (
    <QueryView query={query} loadingLabel="Chargement de l'historique…">
      {(rows) => (
        <table className="creche-places__table">
          <caption>Historique du pointage</caption>
          <thead>
            <tr>
              <th scope="col">Le</th>
              <th scope="col">Action</th>
              <th scope="col">Arrivée</th>
              <th scope="col">Départ</th>
              <th scope="col">Par</th>
              <th scope="col">Motif</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((h, index) => (
              <tr key={index}>
                <td>{formatDateTime(h.at)}</td>
                <td>{h.label}</td>
                <td>{h.arrival}</td>
                <td>{h.departure ?? "—"}</td>
                <td>
                  {h.author}
                  {h.source === "parent" && " (parent)"}
                </td>
                <td>{h.correction_reason || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </QueryView>
  );
}
