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

/** Cells without any service for the child: nothing open, a closure, a holiday, a weekend. */
const NO_SERVICE = new Set(["none", "closed", "public_holiday", "school_holidays"]);

/**
 * The child has a service on the day of this cell: a reservation (in any
 * state, a refusal included), a change in the cart, or an opening the child
 * can book or ask for (not past, not closed). The phone's day list shows only
 * the days where one of the units has one.
 */
export function hasService(cell: Cell): boolean {
  if (cell.reservation_id !== null || cell.in_cart !== null) return true;
  if (cell.opening_id === null || NO_SERVICE.has(cell.status)) return false;
  return cell.status !== "past" || cell.actions.length > 0;
}

/** "1er", "2e": a rank in French. */
export function ordinal(rank: number): string {
  return rank === 1 ? "1er" : `${rank}e`;
}

/** "2e" for the second on the opening's waiting list ("" when not waitlisted or unknown). */
export function waitlistRank(cell: Cell): string {
  return cell.status === "waitlisted" && cell.waitlist_rank ? ordinal(cell.waitlist_rank) : "";
}

/** The legend's label of a cell, with the rank on a waiting list: "Liste d'attente (2e)". */
export function statusLabel(cell: Cell, label: string): string {
  const rank = waitlistRank(cell);
  return rank ? `${label} (${rank})` : label;
}

/** The legend's short code of a cell, with the rank on a waiting list: "LA 2e". */
export function cellCode(cell: Cell, short: string): string {
  const rank = waitlistRank(cell);
  return rank && short ? `${short} ${rank}` : short;
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
  if (isRefused(cell)) return `${name}, demande refusée`;
  const rank = waitlistRank(cell);
  return rank ? `${name}, liste d'attente (${rank})` : name;
}

/**
 * "Réservé", "Délai de réservation dépassé : Délai dépassé le 19/01 à 9h30",
 * "Liste d'attente (2e)", "… – à valider : réservation".
 */
export function cellState(cell: Cell, legend: LegendLookup, module: string | null): string {
  const item = legend(cell.status, module);
  const label = statusLabel(cell, item.label);
  const parts = [cell.reason && cell.reason !== item.label ? `${label} : ${cell.reason}` : label];
  if (cell.in_cart) parts.push(`à valider : ${cell.in_cart === "book" ? "réservation" : "annulation"}`);
  return parts.join(" – ");
}

/** Date, unit, state and reason (title and screen-reader text of a cell). */
export function describeCell(cell: Cell, unit: Unit, legend: LegendLookup, module: string | null): string {
  return `${cellName(cell, unit)} : ${cellState(cell, legend, module)}`;
}
