/** French labels of the booking enums; decimals typed the French way. */
import type { CalendarKind, PolicyKind, ReservationState, ValidationMode } from "./api";

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

/** "de Léo" / "d'Emma" (French elision before a vowel). */
export function deName(name: string): string {
  return /^[aeiouyàâäéèêëîïôöùûüh]/i.test(name) ? `d'${name}` : `de ${name}`;
}

/** A decimal typed the French way ("1,5") as the API wants it ("1.5"). */
export function decimalInput(value: string): string {
  return value.trim().replace(/\s/g, "").replace(",", ".");
}

export function isDecimal(value: string): boolean {
  return /^\d+(\.\d{1,2})?$/.test(decimalInput(value));
}
