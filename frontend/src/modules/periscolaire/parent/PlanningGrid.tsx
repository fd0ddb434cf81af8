/** The grid (wide screens): rows = units, columns = days of the month, fortnight or week. */
import { useLayoutEffect, useRef, type FocusEvent, type KeyboardEvent } from "react";
import { formatDayLabel, formatHours, formatShortDay, isWeekend, weekdayInitial } from "../../../format/calendar";
import { parseIsoDate } from "../../../format/dates";
import { CellControl, cellClasses, dayNote, legendStyle, type CellViewProps } from "./PlanningCell";

/** Widths (rem) of the unit column and of a day column at least: a month fits 1,280 px. */
const UNIT_REM = 6;
const DAY_REM = 1.5;
const EMPTY_DAY_REM = 1.25;
/** A week or a fortnight: wider cells, the state in words; either fits the page's 57rem at 1,280 px. */
const WIDE_UNIT_REM = 8;
const WIDE_DAY_REM: Record<number, number> = { 7: 6.75, 14: 3.5 };
const WIDE_EMPTY_DAY_REM = 2.5;

/** A day without any service for the activity (every row "none"): a narrow column. */
function isEmptyDay(block: CellViewProps["block"], index: number): boolean {
  return block.rows.every((row) => !row.cells[index] || row.cells[index].status === "none");
}

/** The control a cell's focus goes to (menu button, checkbox, absence button, reason), if any. */
const TARGET = "button:not([role='menuitem']), input, summary";

function targetOf(cell: Element | null | undefined): HTMLElement | null {
  return cell?.querySelector<HTMLElement>(TARGET) ?? null;
}

/**
 * Roving tabindex over the table's cells: one tab stop, the arrows move
 * between days (left, right) and units (up, down) skipping the days without
 * a control, Home and End go to the row's ends.
 */
function useRovingCells() {
  const tableRef = useRef<HTMLTableElement>(null);
  const active = useRef<string | null>(null);

  useLayoutEffect(() => {
    const table = tableRef.current;
    if (!table) return;
    const cells = Array.from(table.querySelectorAll<HTMLTableCellElement>("tbody td"));
    const targets = cells.map((cell) => ({ key: cell.dataset.key, target: targetOf(cell) })).filter((c) => c.target);
    const current = targets.find((c) => c.key === active.current) ?? targets[0];
    for (const { target } of targets) target!.tabIndex = target === current?.target ? 0 : -1;
  });

  function focusCell(cell: Element | undefined | null): boolean {
    const target = targetOf(cell);
    if (!target) return false;
    target.focus();
    return true;
  }

  function onKeyDown(event: KeyboardEvent<HTMLTableElement>) {
    const origin = event.target as HTMLElement;
    if (origin.closest('[role="menu"]') || event.altKey || event.ctrlKey || event.metaKey) return;
    const cell = origin.closest("td");
    const row = cell?.parentElement;
    if (!cell || !row || !tableRef.current?.tBodies[0]?.contains(row)) return;
    const rowCells = Array.from(row.querySelectorAll("td"));
    const column = rowCells.indexOf(cell);
    const rows = Array.from(tableRef.current.tBodies[0].rows);
    const rowIndex = rows.indexOf(row as HTMLTableRowElement);
    const along = (list: Element[], from: number, step: number) => {
      for (let i = from; i >= 0 && i < list.length; i += step) if (focusCell(list[i])) return true;
      return false;
    };
    const cellAt = (r: HTMLTableRowElement) => r.querySelectorAll("td")[column];
    let moved = true;
    switch (event.key) {
      case "ArrowRight":
        along(rowCells, column + 1, 1);
        break;
      case "ArrowLeft":
        along(rowCells, column - 1, -1);
        break;
      case "ArrowDown":
        along(rows.map(cellAt), rowIndex + 1, 1);
        break;
      case "ArrowUp":
        along(rows.map(cellAt), rowIndex - 1, -1);
        break;
      case "Home":
        along(rowCells, 0, 1);
        break;
      case "End":
        along(rowCells, rowCells.length - 1, -1);
        break;
      default:
        moved = false;
    }
    if (moved) event.preventDefault();
  }

  function onFocus(event: FocusEvent<HTMLTableElement>) {
    const cell = (event.target as HTMLElement).closest<HTMLTableCellElement>("tbody td");
    if (!cell?.dataset.key || targetOf(cell) !== event.target) return;
    if (active.current === cell.dataset.key) return;
    active.current = cell.dataset.key;
    const table = tableRef.current;
    if (!table) return;
    for (const other of table.querySelectorAll<HTMLTableCellElement>("tbody td")) {
      const target = targetOf(other);
      if (target) target.tabIndex = other === cell ? 0 : -1;
    }
  }

  return { tableRef, onKeyDown, onFocus };
}

export function PlanningGrid({ block, days, legend, idPrefix, caption, editing, draft, onToggle, onAbsence, onChange, wide }: CellViewProps) {
  const module = block.enrolment.module;
  const empty = days.map((_, index) => isEmptyDay(block, index));
  const emptyCount = empty.filter(Boolean).length;
  const { tableRef, onKeyDown, onFocus } = useRovingCells();
  const unitRem = wide ? WIDE_UNIT_REM : UNIT_REM;
  const dayRem = wide ? (WIDE_DAY_REM[days.length] ?? 4.5) : DAY_REM;
  const emptyRem = wide ? WIDE_EMPTY_DAY_REM : EMPTY_DAY_REM;
  const gridClass = ["table-wrapper planning-grid", wide ? "planning-grid--wide" : "", wide && days.length > 7 ? "planning-grid--fortnight" : ""].filter(Boolean).join(" ");
  // Below this width the grid scrolls inside its own region (the unit column stays), never the page.
  const minWidth = `${unitRem + (days.length - emptyCount) * dayRem + emptyCount * emptyRem}rem`;
  return (
    <div className={gridClass} role="region" aria-label={`Grille : ${caption}`} tabIndex={0}>
      <table ref={tableRef} className="planning-table" style={{ minWidth }} onKeyDown={onKeyDown} onFocus={onFocus}>
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
                    {wide && !empty[index] ? (
                      formatShortDay(day.date)
                    ) : (
                      <>
                        {weekdayInitial(day.date)}
                        <br />
                        {parseIsoDate(day.date).getDate()}
                      </>
                    )}
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
                    <td
                      key={cell.date}
                      data-key={`${row.unit.id}|${cell.date}`}
                      className={cellClasses("cell", cell, item, editing, draft)}
                      style={legendStyle(item)}
                    >
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
                        onChange={onChange}
                        wide={wide}
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
