/**
 * The planning's periods: the month (the API's unit), a fortnight or a week
 * from a Monday. A week or fortnight may span two months: both months'
 * plannings are fetched and merged here, restricted to the period's days.
 */
import { formatDayLabel, formatLongDate, formatMonth, mondayOf } from "../../../format/calendar";
import { addDays, isIsoDate, parseIsoDate } from "../../../format/dates";
import type { ActivityBlock, Cell, ChildPlanning, DayInfo, Planning, UnitRow } from "./api";

export type PlanningView = "mois" | "quinzaine" | "semaine";

export const VIEWS: readonly { value: PlanningView; label: string }[] = [
  { value: "mois", label: "Mois" },
  { value: "quinzaine", label: "Quinzaine" },
  { value: "semaine", label: "Semaine" },
];

/** Days in a period view (the month view has none: the API gives the month). */
export const PERIOD_LENGTH: Record<Exclude<PlanningView, "mois">, number> = { quinzaine: 14, semaine: 7 };

export function parseView(value: string | null): PlanningView {
  return value === "semaine" || value === "quinzaine" ? value : "mois";
}

/** The Monday of the period's first week ("" when `value` is not a day). */
export function periodStart(value: string | null): string {
  return value && isIsoDate(value) ? mondayOf(parseIsoDate(value)) : "";
}

/** The period's days, Monday first. */
export function periodDays(start: string, length: number): string[] {
  return Array.from({ length }, (_, i) => addDays(start, i));
}

/** The months ("2027-01") a period's days fall in: one or two. */
export function periodMonths(days: readonly string[]): string[] {
  return [...new Set(days.map((day) => day.slice(0, 7)))];
}

/** "Semaine du lundi 28 décembre au dimanche 3 janvier 2027". */
export function periodTitle(view: PlanningView, days: readonly string[]): string {
  if (view === "mois" || !days.length) return days.length ? formatMonth(days[0]) : "";
  const noun = view === "semaine" ? "Semaine" : "Quinzaine";
  return `${noun} du ${formatDayLabel(days[0])} au ${formatLongDate(days[days.length - 1])}`;
}

/** "ce mois-ci", "cette semaine", "cette quinzaine". */
export function periodWord(view: PlanningView): string {
  return view === "semaine" ? "cette semaine" : view === "quinzaine" ? "cette quinzaine" : "ce mois-ci";
}

/** A day without any service (a period day outside an activity's months). */
function emptyCell(date: string): Cell {
  return { date, status: "none", actions: [], reason: "", reservation_id: null, opening_id: null, in_cart: null, free_places: null } as Partial<Cell> as Cell;
}

interface RowAcc {
  unit: UnitRow["unit"];
  cells: Map<string, Cell>;
}
interface BlockAcc {
  block: ActivityBlock;
  rows: Map<number, RowAcc>;
}
interface ChildAcc {
  child: ChildPlanning;
  blocks: Map<number, BlockAcc>;
}

/**
 * One planning for the period's days out of the months' plannings: children,
 * activities (by enrolment) and units in the order first met, each row's
 * cells aligned on `days` (a day no month has is "none").
 */
export function mergePlannings(parts: readonly Planning[], days: readonly string[]): Planning {
  const dayInfo = new Map<string, DayInfo>();
  const children = new Map<number, ChildAcc>();
  for (const part of parts) {
    for (const day of part.days) dayInfo.set(day.date, day);
    for (const child of part.children) {
      let childAcc = children.get(child.child_id);
      if (!childAcc) {
        childAcc = { child, blocks: new Map() };
        children.set(child.child_id, childAcc);
      }
      for (const block of child.activities) {
        let blockAcc = childAcc.blocks.get(block.enrolment.id);
        if (!blockAcc) {
          blockAcc = { block, rows: new Map() };
          childAcc.blocks.set(block.enrolment.id, blockAcc);
        }
        for (const row of block.rows) {
          let rowAcc = blockAcc.rows.get(row.unit.id);
          if (!rowAcc) {
            rowAcc = { unit: row.unit, cells: new Map() };
            blockAcc.rows.set(row.unit.id, rowAcc);
          }
          for (const cell of row.cells) rowAcc.cells.set(cell.date, cell);
        }
      }
    }
  }
  return {
    month: `${days[0]?.slice(0, 7) ?? parts[0]?.month.slice(0, 7)}-01`,
    days: days.map((date) => dayInfo.get(date) ?? { date, public_holiday: null, school_holiday: null, closure: null }),
    children: [...children.values()].map(({ child, blocks }) => ({
      ...child,
      activities: [...blocks.values()].map(({ block, rows }) => ({
        ...block,
        rows: [...rows.values()].map(({ unit, cells }) => ({ unit, cells: days.map((date) => cells.get(date) ?? emptyCell(date)) })),
      })),
    })),
  };
}
