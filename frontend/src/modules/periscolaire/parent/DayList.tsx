/**
 * Day list (phones, under 48rem, instead of the month grid): only the days
 * the child has a service on (a reservation, or a day that can be booked),
 * one compact card per day with a line per unit, and a week index on top
 * that moves the focus to the first day of a week.
 */
import type { MouseEvent } from "react";
import { formatDayLabel, mondayOf } from "../../../format/calendar";
import { formatWith, parseIsoDate } from "../../../format/dates";
import type { DayInfo } from "./api";
import { hasService } from "./cells";
import { CellControl, cellClasses, type CellViewProps } from "./PlanningCell";
import "./dayList.css";

const SHORT_DAY = new Intl.DateTimeFormat("fr-FR", { weekday: "short", day: "numeric" });
const MONTH_NAME = new Intl.DateTimeFormat("fr-FR", { month: "long" });
const DAY_MONTH = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long" });

interface ShownDay {
  day: DayInfo;
  index: number;
}

export interface Week {
  /** The id of the week's first listed day (the link's target). */
  target: string;
  /** "du 4 au 8" (visible); "Semaine du 4 au 8 janvier" is the link's name (the visible text in it). */
  visible: string;
  monthSuffix: string;
}

/**
 * A public holiday or a closure on a day with a service ("" when none). School
 * holidays are left to the grid: a holiday activity would repeat them every day.
 */
function dayNote(day: DayInfo): string {
  return [day.public_holiday && `Férié : ${day.public_holiday}`, day.closure && `Fermeture : ${day.closure}`].filter(Boolean).join(" · ");
}

const dayNumber = (iso: string) => String(parseIsoDate(iso).getDate());

/** The weeks of the listed days, Monday to Sunday, labelled by their first and last listed day. */
export function weeksOf(dates: readonly string[], idOf: (date: string) => string): Week[] {
  const weeks = new Map<string, string[]>();
  for (const date of dates) {
    const monday = mondayOf(parseIsoDate(date));
    weeks.set(monday, [...(weeks.get(monday) ?? []), date]);
  }
  return [...weeks.values()].map((days) => {
    const first = days[0];
    const last = days[days.length - 1];
    const sameMonth = first.slice(0, 7) === last.slice(0, 7);
    if (first === last) {
      return { target: idOf(first), visible: `du ${dayNumber(first)}`, monthSuffix: ` ${formatWith(MONTH_NAME, first)}` };
    }
    if (sameMonth) {
      return { target: idOf(first), visible: `du ${dayNumber(first)} au ${dayNumber(last)}`, monthSuffix: ` ${formatWith(MONTH_NAME, first)}` };
    }
    return { target: idOf(first), visible: `du ${formatWith(DAY_MONTH, first)} au ${formatWith(DAY_MONTH, last)}`, monthSuffix: "" };
  });
}

/** Scroll to a day's card and give it the focus (the next Tab goes on from there). */
function jumpTo(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const target = document.getElementById(id);
  if (!target) return;
  event.preventDefault();
  target.scrollIntoView?.({ block: "start" });
  target.focus({ preventScroll: true });
}

export function DayList({ block, days, legend, idPrefix, caption, editing, draft, onToggle, onAbsence }: CellViewProps) {
  const module = block.enrolment.module;
  const shown: ShownDay[] = days
    .map((day, index) => ({ day, index }))
    .filter(({ index }) => block.rows.some((row) => row.cells[index] && hasService(row.cells[index])));

  if (!shown.length) {
    return <p className="day-list day-list--empty">Aucun accueil sur cette période.</p>;
  }

  const dayId = (date: string) => `${idPrefix}-jour-${date}`;
  const weeks = weeksOf(
    shown.map(({ day }) => day.date),
    dayId,
  );
  const weekStarts = new Set(weeks.map((week) => week.target));

  return (
    <div className="day-list">
      {weeks.length > 1 && (
        <nav className="day-list__weeks" aria-label={`Aller à une semaine : ${caption}`}>
          <span className="day-list__weeks-title" aria-hidden="true">
            Semaines
          </span>
          <ul>
            {weeks.map((week) => (
              <li key={week.target}>
                <a
                  href={`#${week.target}`}
                  className="day-list__week-link"
                  aria-label={`Semaine ${week.visible}${week.monthSuffix}`}
                  onClick={(event) => jumpTo(event, week.target)}
                >
                  {week.visible}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <ul className="day-list__days" aria-label={`Jours : ${caption}`}>
        {shown.map(({ day, index }) => {
          const note = dayNote(day);
          const id = dayId(day.date);
          const titleId = `${id}-titre`;
          const units = block.rows.filter((row) => row.cells[index] && hasService(row.cells[index]));
          return (
            <li
              key={day.date}
              id={id}
              tabIndex={-1}
              aria-labelledby={titleId}
              className={weekStarts.has(id) ? "day-row day-row--week-start" : "day-row"}
            >
              <p className="day-row__date" id={titleId}>
                <span aria-hidden="true">{formatWith(SHORT_DAY, day.date)}</span>
                <span className="visually-hidden">{formatDayLabel(day.date)}</span>
              </p>
              <ul className="day-row__units">
                {units.map((row) => {
                  const cell = row.cells[index];
                  const item = legend(cell.status, module);
                  return (
                    <li key={row.unit.id} className={cellClasses("day-unit", cell, item, editing, draft)}>
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
              {note && <p className="day-row__note">{note}</p>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
