import { useRef, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { fieldErrors, type FormErrorItem } from "../../../components/formErrors";
import { InputField, SelectField } from "../../../components/FormFields";
import { FilterForm } from "../../../components/list/FilterForm";
import { QueryView } from "../../../components/QueryView";
import { formatDayLabel, mondayOf, formatShortDay } from "../../../format/calendar";
import { addDays, isIsoDate, parseIsoDate } from "../../../format/dates";
import { bookingKeys, fetchOccupancy, type OccupancyCell, type OccupancyFilters, type OccupancyRow } from "../../../pages/staff/booking/api";
import { activityOptions, useActivities } from "../../../pages/staff/booking/queries";
import { StatusMessage } from "../../../pages/staff/StaffUi";
import { usePageTitle } from "../../../theme/usePageTitle";
import { OpeningEditor, type EditedOpening } from "./OpeningEditor";

const MAX_DAYS = 62;

function readFilters(params: URLSearchParams): OccupancyFilters {
  const monday = mondayOf(new Date());
  const from = params.get("du") ?? "";
  const to = params.get("au") ?? "";
  const start = isIsoDate(from) ? from : monday;
  return { from: start, to: isIsoDate(to) && to >= start ? to : addDays(start, 13), activity: params.get("activite") ?? "" };
}

function daysBetween(from: string, to: string): number {
  return Math.round((parseIsoDate(to).getTime() - parseIsoDate(from).getTime()) / 86_400_000);
}

/** Real days, the end after the start, two months at most. */
function validatePeriod({ from, to }: OccupancyFilters): FormErrorItem[] {
  const found: FormErrorItem[] = [];
  if (!isIsoDate(from)) found.push({ fieldId: "occupation-du", message: "Indiquez le premier jour (JJ/MM/AAAA)." });
  if (!isIsoDate(to)) found.push({ fieldId: "occupation-au", message: "Indiquez le dernier jour (JJ/MM/AAAA)." });
  else if (isIsoDate(from) && (to < from || daysBetween(from, to) > MAX_DAYS))
    found.push({ fieldId: "occupation-au", message: "Choisissez une période de deux mois au plus, la fin après le début." });
  return found;
}

/** « Occupation »: places taken per unit and day, waiting lists, pending requests; opens the attendance sheets. */
export function OccupancyPage() {
  usePageTitle("Occupation");
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const activities = useActivities();
  const query = useQuery({
    queryKey: bookingKeys.occupancy(filters),
    queryFn: ({ signal }) => fetchOccupancy(filters, signal),
    placeholderData: keepPreviousData,
  });
  const [editing, setEditing] = useState<EditedOpening | null>(null);
  const [status, setStatus] = useState("");
  const editButtons = useRef(new Map<number, HTMLButtonElement>());

  function closeEditor(message: string) {
    const was = editing;
    setEditing(null);
    if (message) setStatus(message);
    if (was) requestAnimationFrame(() => editButtons.current.get(was.cell.opening)?.focus());
  }

  const byActivity = new Map<number, OccupancyRow[]>();
  for (const row of query.data ?? []) byActivity.set(row.activity_id, [...(byActivity.get(row.activity_id) ?? []), row]);

  return (
    <>
      <p className="breadcrumb">
        <Link to="/gestion">Espace de gestion</Link>
      </p>
      <h1>Occupation</h1>
      <p className="lead">Places prises par prestation et par jour. Choisissez un nombre pour ouvrir la feuille de présence.</p>

      <FilterForm
        label="Période et activité"
        values={filters}
        validate={validatePeriod}
        submitLabel="Afficher"
        onApply={(draft) => setParams({ du: draft.from, au: draft.to, ...(draft.activity ? { activite: draft.activity } : {}) })}
      >
        {({ draft, set, errors }) => (
          <>
            <InputField id="occupation-du" label="Du" type="date" value={draft.from} onChange={set("from")} errors={fieldErrors(errors, "occupation-du")} />
            <InputField id="occupation-au" label="Au" type="date" value={draft.to} onChange={set("to")} errors={fieldErrors(errors, "occupation-au")} />
            <SelectField id="occupation-activite" label="Activité" value={draft.activity} onChange={set("activity")} options={activityOptions(activities.data)} />
          </>
        )}
      </FilterForm>

      <StatusMessage message={status} />
      {editing && <OpeningEditor key={editing.cell.opening} opening={editing} onDone={closeEditor} />}

      <QueryView query={query} loadingLabel="Chargement de l'occupation…">
        {(rows) =>
          rows.length === 0 ? (
            <p>Aucune ouverture sur cette période. Générez les ouvertures des activités dans la configuration.</p>
          ) : (
            [...byActivity.values()].map((group) => (
              <ActivityTable
                key={group[0].activity_id}
                rows={group}
                onEdit={(row, cell) => {
                  setStatus("");
                  setEditing({ cell, unitName: row.unit_name, activityName: row.activity_name });
                }}
                registerButton={(opening, node) => {
                  if (node) editButtons.current.set(opening, node);
                  else editButtons.current.delete(opening);
                }}
              />
            ))
          )
        }
      </QueryView>
    </>
  );
}

interface ActivityTableProps {
  rows: OccupancyRow[];
  onEdit: (row: OccupancyRow, cell: OccupancyCell) => void;
  registerButton: (opening: number, node: HTMLButtonElement | null) => void;
}

function ActivityTable({ rows, onEdit, registerButton }: ActivityTableProps) {
  const dates = [...new Set(rows.flatMap((r) => r.cells.map((c) => c.date)))].sort();
  return (
    <div className="table-wrapper occupancy">
      <table className="data-table occupancy__table">
        <caption>{rows[0].activity_name}</caption>
        <thead>
          <tr>
            <th scope="col">Prestation</th>
            {dates.map((date) => (
              <th scope="col" key={date}>
                {formatShortDay(date)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const label = row.group_name ? `${row.unit_name} (${row.group_name})` : row.unit_name;
            return (
              <tr key={`${row.unit_id}-${row.group_name}`}>
                <th scope="row">{label}</th>
                {dates.map((date) => {
                  const cell = row.cells.find((c) => c.date === date);
                  return (
                    <td key={date} className="occupancy__cell">
                      {cell ? (
                        <Cell cell={cell} label={label} onEdit={() => onEdit(row, cell)} registerButton={registerButton} />
                      ) : (
                        <span className="occupancy__none">
                          <span aria-hidden="true">—</span>
                          <span className="visually-hidden">Pas d'ouverture</span>
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

interface CellProps {
  cell: OccupancyCell;
  label: string;
  onEdit: () => void;
  registerButton: (opening: number, node: HTMLButtonElement | null) => void;
}

function Cell({ cell, label, onEdit, registerButton }: CellProps) {
  const ratio = cell.capacity > 0 ? Math.min(1, cell.booked / cell.capacity) : 1;
  const full = cell.booked >= cell.capacity;
  const level = cell.closed ? "closed" : full ? "full" : ratio >= 0.8 ? "high" : "ok";
  const day = formatDayLabel(cell.date);
  return (
    <div className={`occupancy__box occupancy__box--${level}`}>
      {cell.closed && <span className="occupancy__closed">Fermé</span>}
      <Link to={`/gestion/presences/${cell.opening}`} className="occupancy__link">
        {cell.booked}/{cell.capacity}{" "}
        <span className="visually-hidden">
          places prises — feuille de présence : {label}, {day}
        </span>
      </Link>
      <span className="fill-bar" aria-hidden="true">
        <span className="fill-bar__value" style={{ width: `${Math.round(ratio * 100)}%` }} />
      </span>
      {full && !cell.closed && <span className="occupancy__note">Complet</span>}
      {cell.waiting > 0 && <span className="occupancy__note">{cell.waiting} en attente</span>}
      {cell.requested > 0 && <span className="occupancy__note">{cell.requested} à valider</span>}
      <button type="button" className="button--link occupancy__edit" ref={(node) => registerButton(cell.opening, node)} onClick={onEdit}>
        Modifier{" "}<span className="visually-hidden">l'ouverture : {label}, {day}</span>
      </button>
    </div>
  );
}
