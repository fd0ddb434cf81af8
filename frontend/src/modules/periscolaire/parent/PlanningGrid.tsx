/** Month grid (wide screens): rows = units, columns = days. */
import { formatDayLabel, formatHours, isWeekend, weekdayInitial } from "../../../format/calendar";
import { parseIsoDate } from "../../../format/dates";
import { CellControl, cellClasses, dayNote, legendStyle, type CellViewProps } from "./PlanningCell";

/** Widths (rem) of the unit column and of a day column at least: a month fits 1,280 px. */
const UNIT_REM = 6;
const DAY_REM = 1.5;
const EMPTY_DAY_REM = 1.25;

/** A day without any service for the activity (every row "none"): a narrow column. */
function isEmptyDay(block: CellViewProps["block"], index: number): boolean {
  return block.rows.every((row) => !row.cells[index] || row.cells[index].status === "none");
}

export function PlanningGrid({ block, days, legend, idPrefix, caption, editing, draft, onToggle, onAbsence }: CellViewProps) {
  const module = block.enrolment.module;
  const empty = days.map((_, index) => isEmptyDay(block, index));
  const emptyCount = empty.filter(Boolean).length;
  // Below this width the grid scrolls inside its own region (the unit column stays), never the page.
  const minWidth = `${UNIT_REM + (days.length - emptyCount) * DAY_REM + emptyCount * EMPTY_DAY_REM}rem`;
  return (
    <div className="table-wrapper planning-grid" role="region" aria-label={`Grille : ${caption}`} tabIndex={0}>
      <table className="planning-table" style={{ minWidth }}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="planning-table__corner">
              Prestation
            </th>
            {days.map((day, index) => {
              const note = dayNote(day);
              const label = `${formatDayLabel(day.date)}${note ? ` (${note})` : ""}`;
              const classes = ["planning-table__day", isWeekend(day.date) ? "is-weekend" : "", note ? "is-special" : "", empty[index] ? "is-empty" : ""];
              return (
                <th key={day.date} scope="col" className={classes.filter(Boolean).join(" ")} title={label}>
                  <span aria-hidden="true">
                    {weekdayInitial(day.date)}
                    <br />
                    {parseIsoDate(day.date).getDate()}
                  </span>
                  <span className="visually-hidden">{label}</span>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {block.rows.map((row) => {
            const hours = formatHours(row.unit.start_time, row.unit.end_time);
            return (
              <tr key={row.unit.id}>
                <th scope="row" className="planning-table__unit">
                  {row.unit.name}
                  {hours && <span className="planning-table__hours">{hours}</span>}
                </th>
                {row.cells.map((cell) => {
                  const item = legend(cell.status, module);
                  return (
                    <td key={cell.date} className={cellClasses("cell", cell, item, editing, draft)} style={legendStyle(item)}>
                      <CellControl
                        cell={cell}
                        unit={row.unit}
                        module={module}
                        id={`${idPrefix}-${row.unit.id}-${cell.date}`}
                        legend={legend}
                        editing={editing}
                        draft={draft}
                        onToggle={onToggle}
                        onAbsence={onAbsence}
                      />
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
