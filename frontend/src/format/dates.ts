/**
 * Days and instants as the French screens show them ("04/01/2027",
 * "04/01/2027 14:05"). The API sends calendar days as "YYYY-MM-DD" and
 * instants as ISO date-times; a calendar day is read as a local date so that
 * no time zone shifts it by one day. Week days, months and times of day (the
 * planning's formats) are in ./calendar.ts.
 */

const SHORT_DATE = new Intl.DateTimeFormat("fr-FR", { day: "2-digit", month: "2-digit", year: "numeric" });
const DATE_TIME = new Intl.DateTimeFormat("fr-FR", { day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit" });

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

// Calendar days ("YYYY-MM-DD") ---------------------------------------------------------------------

/** A calendar day "YYYY-MM-DD" (or the day of a date-time) as a local Date. */
export function parseIsoDate(value: string): Date {
  const [y, m, d] = value.slice(0, 10).split("-").map(Number);
  return new Date(y, (m ?? 1) - 1, d ?? 1);
}

export function toIsoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Today as "YYYY-MM-DD" (local date). */
export function todayIso(): string {
  return toIsoDate(new Date());
}

/** A real calendar day written "YYYY-MM-DD" (what a date input gives). */
export function isIsoDate(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const date = parseIsoDate(value);
  return toIsoDate(date) === value;
}

export function addDays(value: string, days: number): string {
  const date = parseIsoDate(value);
  date.setDate(date.getDate() + days);
  return toIsoDate(date);
}

// Formatting ---------------------------------------------------------------------------------------

/** A calendar day or an instant as a local Date; null when it is not a date. */
function toDate(value: string): Date | null {
  const date = ISO_DAY.test(value) ? parseIsoDate(value) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Applies `format` to a day or date-time; "" when empty, the text itself when it is not a date. */
export function formatWith(format: Intl.DateTimeFormat, value: string | null | undefined): string {
  if (!value) return "";
  const date = toDate(value);
  return date ? format.format(date) : value;
}

/** "04/01/2027" */
export const formatDate = (value: string | null | undefined) => formatWith(SHORT_DATE, value);

/** "04/01/2027 14:05" (an instant, in the browser's time zone). */
export const formatDateTime = (value: string | null | undefined) => formatWith(DATE_TIME, value);

/** "du 01/09/2026 au 03/07/2027" */
export function formatPeriod(start: string, end: string): string {
  return `du ${formatDate(start)} au ${formatDate(end)}`;
}
