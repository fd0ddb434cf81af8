/** Day list (phones): one card per day that has something, the units inside. */
import { formatDayLabel } from "../../../format/calendar";
import { CellControl, cellClasses, dayNote, type CellViewProps } from "./PlanningCell";

export function DayList({ block, days, legend, idPrefix, caption, editing, draft, onToggle, onAbsence }: CellViewProps) {
  const module = block.enrolment.module;
  const shown = days
    .map((day, index) => ({ day, index }))
    .filter(({ index }) => block.rows.some((row) => row.cells[index] && row.cells[index].status !== "none"));

  if (!shown.length) {
    return <p className="day-list day-list--empty">Aucun accueil ce mois-ci.</p>;
  }

  return (
    <ul className="day-list" aria-label={`Jours : ${caption}`}>
      {shown.map(({ day, index }) => {
        const note = dayNote(day);
        return (
          <li key={day.date} className="day-card">
            <p className="day-card__title">
              <strong>{formatDayLabel(day.date)}</strong>
              {note && <span className="day-card__note"> · {note}</span>}
            </p>
            <ul className="day-card__units">
              {block.rows.map((row) => {
                const cell = row.cells[index];
                if (!cell) return null;
                const item = legend(cell.status, module);
                return (
                  <li key={row.unit.id} className={cellClasses("day-cell", cell, item, editing, draft)}>
                    <CellControl
                      cell={cell}
                      unit={row.unit}
                      module={module}
                      id={`${idPrefix}-jour-${row.unit.id}-${cell.date}`}
                      legend={legend}
                      editing={editing}
                      draft={draft}
                      onToggle={onToggle}
                      onAbsence={onAbsence}
                      verbose
                    />
                  </li>
                );
              })}
            </ul>
          </li>
        );
      })}
    </ul>
  );
}
