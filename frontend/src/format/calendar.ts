/**
 * The planning's and the booking screens' calendar: week days, months, long
 * day names and times of day, in French ("lundi 4 janvier", "7h30–8h30").
 */
import { addDays, formatWith, parseIsoDate, toIsoDate } from "./dates";

const LONG_DATE = new Intl.DateTimeFormat("fr-FR", { weekday: "long", day: "numeric", month: "long", year: "numeric" });
const DAY_LABEL = new Intl.DateTimeFormat("fr-FR", { weekday: "long", day: "numeric", month: "long" });
const SHORT_DAY = new Intl.DateTimeFormat("fr-FR", { weekday: "short", day: "2-digit", month: "2-digit" });
const MONTH = new Intl.DateTimeFormat("fr-FR", { month: "long", year: "numeric" });
const CLOCK = new Intl.DateTimeFormat("fr-FR", { hour: "2-digit", minute: "2-digit" });

/** 0 = lundi … 6 = dimanche (the API's weekday numbers). */
export const WEEKDAYS = ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"] as const;

/** The Monday of the week of `date`. */
export function mondayOf(date: Date): string {
  const iso = toIsoDate(date);
  return addDays(iso, -((parseIsoDate(iso).getDay() + 6) % 7));
}

/** "2027-02" from "2027-01" (or "2027-01-01") and +1. */
export function shiftMonth(month: string, delta: number): string {
  const date = parseIsoDate(month.length === 7 ? `${month}-01` : month);
  return toIsoDate(new Date(date.getFullYear(), date.getMonth() + delta, 1)).slice(0, 7);
}

export function isWeekend(value: string): boolean {
  const day = parseIsoDate(value).getDay();
  return day === 0 || day === 6;
}

const INITIALS = ["D", "L", "M", "M", "J", "V", "S"];

/** "L" for a Monday. */
export function weekdayInitial(value: string): string {
  return INITIALS[parseIsoDate(value).getDay()];
}

// Formatting ---------------------------------------------------------------------------------------

/** "lundi 4 janvier 2027" */
export const formatLongDate = (value: string | null | undefined) => formatWith(LONG_DATE, value);

/** "lundi 4 janvier" (day headings, accessible names) */
export const formatDayLabel = (value: string | null | undefined) => formatWith(DAY_LABEL, value);

/** "lun. 04/01" (table headers) */
export const formatShortDay = (value: string | null | undefined) => formatWith(SHORT_DAY, value);

/** "janvier 2027" from "2027-01" or "2027-01-01". */
export function formatMonth(month: string): string {
  return MONTH.format(parseIsoDate(month.length === 7 ? `${month}-01` : month));
}

/** "14:05": the time of day of an instant (e.g. now). */
export function formatClock(date: Date): string {
  return CLOCK.format(date);
}

// Times of day ("HH:MM:SS" from the API) --------------------------------------------------------------

/** "7h30" from "07:30:00" ("" when empty). */
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

/** "08:30" from "08:30:00", the value of a time input ("" when empty). */
export function timeInputValue(value: string | null | undefined): string {
  return value ? value.slice(0, 5) : "";
}
