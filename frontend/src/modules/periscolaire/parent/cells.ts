/**
 * What a planning cell allows, and the cart changes a parent's ticks make.
 * The server computes every cell's state and actions; this only reads them.
 */
import { formatDayLabel, formatHours } from "../../../format/calendar";
import type { ActivityBlock, BookingChange, Cell, Unit } from "./api";
import type { LegendLookup } from "./legend";

/** Opening id → ticked or not, for the cells the parent changed. */
export type Draft = ReadonlyMap<number, boolean>;

/** A cell that can be ticked or unticked in edit mode. */
export function isEditable(cell: Cell): boolean {
  return cell.opening_id !== null && (cell.actions.includes("book") || cell.actions.includes("cancel") || cell.in_cart !== null);
}

/** Booked on the server (a live reservation). */
export function isBooked(cell: Cell): boolean {
  return cell.reservation_id !== null && cell.status !== "cancelled" && cell.status !== "refused";
}

/** Ticked once the cart is applied: booked or being booked, not being cancelled. */
export function cartChecked(cell: Cell): boolean {
  if (cell.in_cart === "book") return true;
  if (cell.in_cart === "cancel") return false;
  return isBooked(cell);
}

export function draftChecked(cell: Cell, draft: Draft): boolean {
  return cell.opening_id !== null && draft.has(cell.opening_id) ? draft.get(cell.opening_id)! : cartChecked(cell);
}

export function hasAnyAction(block: ActivityBlock): boolean {
  return block.rows.some((row) => row.cells.some((cell) => cell.actions.length > 0 || cell.in_cart !== null));
}

/** The changes to send to the cart: each cell whose tick differs from its current state. */
export function changesOf(block: ActivityBlock, child: number, draft: Draft): BookingChange[] {
  const changes: BookingChange[] = [];
  for (const row of block.rows) {
    for (const cell of row.cells) {
      if (cell.opening_id === null || !isEditable(cell) || !draft.has(cell.opening_id)) continue;
      const wanted = draft.get(cell.opening_id)!;
      if (wanted !== cartChecked(cell)) changes.push({ child, opening: cell.opening_id, action: wanted ? "book" : "cancel" });
    }
  }
  return changes;
}

/** "Matin (7h30–8h30)" */
export function unitTitle(unit: Unit): string {
  const hours = formatHours(unit.start_time, unit.end_time);
  return hours ? `${unit.name} (${hours})` : unit.name;
}

/** "lundi 4 janvier – Matin": the accessible name of a cell's control. */
export function cellName(cell: Cell, unit: Unit): string {
  return `${formatDayLabel(cell.date)} – ${unit.name}`;
}

/** The family's last request for the day was refused (the reason is the cell's). */
export function isRefused(cell: Cell): boolean {
  return cell.status === "refused";
}

/**
 * The accessible name of a cell's checkbox: date and unit, and a refusal,
 * which a screen reader must not skip ("… – Matin, demande refusée").
 */
export function controlName(cell: Cell, unit: Unit): string {
  const name = cellName(cell, unit);
  return isRefused(cell) ? `${name}, demande refusée` : name;
}

/** "Réservé", "Délai de réservation dépassé : Délai dépassé le 19/01 à 9h30", "… – à valider : réservation". */
export function cellState(cell: Cell, legend: LegendLookup, module: string | null): string {
  const item = legend(cell.status, module);
  const parts = [cell.reason && cell.reason !== item.label ? `${item.label} : ${cell.reason}` : item.label];
  if (cell.in_cart) parts.push(`à valider : ${cell.in_cart === "book" ? "réservation" : "annulation"}`);
  return parts.join(" – ");
}

/** Date, unit, state and reason (title and screen-reader text of a cell). */
export function describeCell(cell: Cell, unit: Unit, legend: LegendLookup, module: string | null): string {
  return `${cellName(cell, unit)} : ${cellState(cell, legend, module)}`;
}
