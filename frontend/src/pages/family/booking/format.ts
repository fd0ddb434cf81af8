/** French formatting of the booking screens (money, dates, months). */

const LONG_DATE = new Intl.DateTimeFormat("fr-FR", { weekday: "long", day: "numeric", month: "long", year: "numeric" });
const DAY_LABEL = new Intl.DateTimeFormat("fr-FR", { weekday: "long", day: "numeric", month: "long" });
const SHORT_DATE = new Intl.DateTimeFormat("fr-FR", { day: "2-digit", month: "2-digit", year: "numeric" });
const MONTH = new Intl.DateTimeFormat("fr-FR", { month: "long", year: "numeric" });

export { formatMoney } from "../../../format/money";

/** A calendar date "YYYY-MM-DD" as a local Date (no time zone shift). */
export function parseIsoDate(value: string): Date {
  const [y, m, d] = value.slice(0, 10).split("-").map(Number);
  return new Date(y, (m ?? 1) - 1, d ?? 1);
}

export function toIsoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function todayIso(): string {
  return toIsoDate(new Date());
}

/** "lundi 4 janvier 2027" */
export function formatLongDate(value: string | null | undefined): string {
  return value ? LONG_DATE.format(parseIsoDate(value)) : "";
}

/** "lundi 4 janvier" */
export function formatDayLabel(value: string): string {
  return DAY_LABEL.format(parseIsoDate(value));
}

/** "04/01/2027" */
export function formatShortDate(value: string | null | undefined): string {
  return value ? SHORT_DATE.format(parseIsoDate(value)) : "";
}

/** "du 01/09/2026 au 03/07/2027" */
export function formatPeriod(start: string, end: string): string {
  return `du ${formatShortDate(start)} au ${formatShortDate(end)}`;
}

/** "janvier 2027" from "2027-01" or "2027-01-01". */
export function formatMonth(month: string): string {
  return MONTH.format(parseIsoDate(month.length === 7 ? `${month}-01` : month));
}

/** "2027-02" from "2027-01" (or "2027-01-01") and +1. */
export function shiftMonth(month: string, delta: number): string {
  const date = parseIsoDate(month.length === 7 ? `${month}-01` : month);
  const shifted = new Date(date.getFullYear(), date.getMonth() + delta, 1);
  return toIsoDate(shifted).slice(0, 7);
}

const INITIALS = ["D", "L", "M", "M", "J", "V", "S"];

/** "L" for a Monday. */
export function weekdayInitial(value: string): string {
  return INITIALS[parseIsoDate(value).getDay()];
}

export function isWeekend(value: string): boolean {
  const day = parseIsoDate(value).getDay();
  return day === 0 || day === 6;
}

/** 0 = lundi … 6 = dimanche (the API's weekday numbers). */
export const WEEKDAYS = ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"] as const;

/** "7h30" from "07:30:00". */
export function formatTime(value: string | null | undefined): string {
  if (!value) return "";
  const [h, m] = value.split(":");
  return `${Number(h)}h${m && m !== "00" ? m : ""}`;
}

/** "7h30–8h30" (or "" without times). */
export function formatHours(start: string | null | undefined, end: string | null | undefined): string {
  if (!start && !end) return "";
  return [formatTime(start), formatTime(end)].filter(Boolean).join("–");
}

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count > 1 ? many : one}`;
}
