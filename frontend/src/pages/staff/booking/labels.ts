/** French labels of the booking enums, money and calendar dates. */
import type { CalendarKind, PolicyKind, ReservationState, TariffMethod, ValidationMode } from "./api";

export const WEEKDAYS = ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"] as const;

export const STATE_LABELS: Record<ReservationState, string> = {
  requested: "Demandée",
  confirmed: "Non pointé",
  waitlisted: "Liste d'attente",
  refused: "Refusée",
  cancel_requested: "Annulation demandée",
  cancelled: "Annulée",
  present: "Présent",
  absent_excused: "Absent excusé",
  absent_billed: "Absent facturé",
};

export const POLICY_KIND_LABELS: Record<PolicyKind, string> = {
  relative: "Jours calendaires avant (J-n) à une heure",
  working_days: "Jours ouvrés avant à une heure",
  previous_week: "Un jour de la semaine précédente à une heure",
  previous_month: "Le N du mois précédent à une heure",
  fixed_windows: "Fenêtres datées par période",
  unrestricted: "Sans délai (jusqu'à la veille)",
};

export const CALENDAR_LABELS: Record<CalendarKind, string> = {
  school_days: "Jours d'école",
  school_holidays: "Vacances scolaires",
  all: "Tous les jours",
};

export const VALIDATION_LABELS: Record<ValidationMode, string> = {
  auto: "Automatique",
  staff: "Par la structure",
};

export const METHOD_LABELS: Record<TariffMethod, string> = {
  flat: "Prix unique",
  quotient: "Selon le quotient familial",
};

/** "de Léo" / "d'Emma" (French elision before a vowel). */
export function deName(name: string): string {
  return /^[aeiouyàâäéèêëîïôöùûüh]/i.test(name) ? `d'${name}` : `de ${name}`;
}

const MONEY = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });

/** "12,50 €" from an API decimal string ("—" when empty or invalid). */
export function money(value: string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  const amount = Number(value);
  return Number.isFinite(amount) ? MONEY.format(amount) : value;
}

/** A decimal typed the French way ("1,5") as the API wants it ("1.5"). */
export function decimalInput(value: string): string {
  return value.trim().replace(/\s/g, "").replace(",", ".");
}

export function isDecimal(value: string): boolean {
  return /^\d+(\.\d{1,2})?$/.test(decimalInput(value));
}

// Dates ("YYYY-MM-DD" are calendar days, read as local dates) ---------------------------------------
export function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function parseIso(value: string): Date {
  return new Date(`${value}T00:00:00`);
}

export function addDays(value: string, days: number): string {
  const date = parseIso(value);
  date.setDate(date.getDate() + days);
  return isoDate(date);
}

export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(parseIso(value).getTime());
}

/** The Monday of the week of `date`. */
export function mondayOf(date: Date): string {
  const iso = isoDate(date);
  return addDays(iso, -((parseIso(iso).getDay() + 6) % 7));
}

export function today(): string {
  return isoDate(new Date());
}

const LONG = new Intl.DateTimeFormat("fr-FR", { weekday: "long", day: "numeric", month: "long", year: "numeric" });
const DAY = new Intl.DateTimeFormat("fr-FR", { weekday: "short", day: "2-digit", month: "2-digit" });
const DAY_LONG = new Intl.DateTimeFormat("fr-FR", { weekday: "long", day: "numeric", month: "long" });

/** "lundi 2 mars 2026" */
export function longDate(value: string): string {
  return isIsoDate(value) ? LONG.format(parseIso(value)) : value;
}

/** "lun. 02/03" (table headers) */
export function shortDay(value: string): string {
  return isIsoDate(value) ? DAY.format(parseIso(value)) : value;
}

/** "lundi 2 mars" (accessible names) */
export function dayName(value: string): string {
  return isIsoDate(value) ? DAY_LONG.format(parseIso(value)) : value;
}

/** "08:30" from the API's "08:30:00" ("" when empty). */
export function hhmm(value: string | null | undefined): string {
  return value ? value.slice(0, 5) : "";
}
