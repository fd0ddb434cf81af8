/**
 * The crèche's PLACES part: establishments (staff), the day's board and the
 * pointage (staff), occasional care (families and staff), the pointage at the
 * door (families). Types mirror `modules/creche/api/*_serializers.py`.
 */
import { apiFetch } from "../../../api/client";

const BASE = "/api/v1/creche";
const STAFF = `${BASE}/staff`;

export interface Hours {
  weekday: number;
  opens: string;
  closes: string;
}

export interface Band {
  start: string;
  end: string;
  places: number;
}

export interface SectionRow {
  id?: number | null;
  name: string;
  min_age_months: number;
  max_age_months: number;
  places: number;
}

export interface ClosureRow {
  id: number;
  label: string;
  start_date: string;
  end_date: string;
  deducted: boolean;
}

export interface EstablishmentSummary {
  id: number;
  name: string;
  kind: string;
  kind_label: string;
  address: string;
  agrement: number;
  min_age_months: number;
  max_age_months: number;
  occasional_care: boolean;
  active: boolean;
}

export interface Establishment extends EstablishmentSummary {
  phone: string;
  order: number;
  hours: Hours[];
  bands: Band[];
  sections: SectionRow[];
  closures: ClosureRow[];
}

export interface EstablishmentInput {
  name: string;
  kind: string;
  address: string;
  phone: string;
  agrement: number;
  min_age_months: number;
  max_age_months: number;
  occasional_care: boolean;
  active: boolean;
  hours: Hours[];
  bands: Band[];
  sections: SectionRow[];
}

export interface Saved {
  establishment: Establishment;
  openings_created: number;
  message: string;
}

export interface Slot {
  start: string;
  label: string;
  capacity: number;
  booked: number;
  free: number;
  closed: boolean;
}

export interface ChildBrief {
  id: number;
  first_name: string;
  last_name: string;
}

export interface PresenceRow {
  id: number;
  arrival: string;
  departure: string | null;
  source: string;
  corrected: boolean;
  correction_reason: string;
}

export type BoardStatus = "expected" | "present" | "gone" | "absent";

export interface BoardRow {
  child: ChildBrief;
  kind: "contract" | "occasional" | "";
  planned_arrival: string | null;
  planned_departure: string | null;
  requested: boolean;
  status: BoardStatus;
  presence: PresenceRow | null;
  absence_kind: string;
}

export interface Board {
  establishment: { id: number; name: string };
  establishments: { id: number; name: string }[];
  date: string;
  today: string;
  rows: BoardRow[];
  counts: Record<BoardStatus, number>;
  slots: Slot[];
}

export interface HistoryRow {
  at: string;
  label: string;
  arrival: string;
  departure: string | null;
  source: string;
  corrected: boolean;
  correction_reason: string;
  author: string;
}

export interface OccasionalDay {
  key: string;
  child: ChildBrief;
  family_name: string;
  establishment: { id: number; name: string };
  day: string;
  arrival: string;
  departure: string;
  state: string;
  state_label: string;
  can_cancel: boolean;
  cancel_reason: string;
}

export interface Availability {
  establishments: { id: number; name: string; address: string; min_age_months: number; max_age_months: number }[];
  establishment: { id: number; name: string; address: string; min_age_months: number; max_age_months: number } | null;
  date: string;
  today: string;
  slots: Slot[];
  presets: { label: string; arrival: string; departure: string }[];
  children: (ChildBrief & { eligible: boolean; reason: string })[];
  validation: boolean;
}

export interface Door {
  enabled: boolean;
  today: string;
  children: { child: ChildBrief; establishment: { id: number; name: string }; presence: PresenceRow | null }[];
}

export interface Done {
  detail: string;
  count: number;
}

export const KINDS = [
  { value: "multi_accueil", label: "Multi-accueil (accueil collectif)" },
  { value: "micro_creche", label: "Micro-crèche" },
  { value: "creche_familiale", label: "Crèche familiale" },
  { value: "creche_parentale", label: "Crèche parentale" },
] as const;

export const WEEKDAYS = ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"] as const;

export const placesKeys = {
  establishments: ["creche", "establishments"] as const,
  establishment: (id: number) => ["creche", "establishments", id] as const,
  board: (establishment: number | null, date: string) => ["creche", "board", establishment, date] as const,
  history: (id: number) => ["creche", "presence-history", id] as const,
  pending: ["creche", "occasional", "pending"] as const,
  availability: (establishment: number | null, date: string) => ["creche", "occasional", establishment, date] as const,
  bookings: ["creche", "occasional", "bookings"] as const,
  door: ["creche", "door"] as const,
};

const query = (params: Record<string, string | number | null | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== null && value !== undefined && value !== "") search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
};

export const fetchEstablishments = (signal?: AbortSignal) => apiFetch<EstablishmentSummary[]>(`${STAFF}/establishments/`, { signal });
export const fetchEstablishment = (id: number, signal?: AbortSignal) => apiFetch<Establishment>(`${STAFF}/establishments/${id}/`, { signal });
export const createEstablishment = (input: EstablishmentInput) => apiFetch<Saved>(`${STAFF}/establishments/`, { method: "POST", body: input });
export const updateEstablishment = (id: number, input: EstablishmentInput) =>
  apiFetch<Saved>(`${STAFF}/establishments/${id}/`, { method: "PATCH", body: input });
export const addClosure = (id: number, input: { label: string; start_date: string; end_date: string; deducted: boolean }) =>
  apiFetch<Saved>(`${STAFF}/establishments/${id}/closures/`, { method: "POST", body: input });
export const removeClosure = (id: number, closureId: number) =>
  apiFetch<Saved>(`${STAFF}/establishments/${id}/closures/${closureId}/`, { method: "DELETE" });

export const fetchBoard = (establishment: number | null, date: string, signal?: AbortSignal) =>
  apiFetch<Board>(`${STAFF}/board/${query({ establishment, date })}`, { signal });
export const clock = (input: { child: number; establishment: number; action: "arrival" | "departure"; time?: string | null }) =>
  apiFetch<PresenceRow>(`${STAFF}/pointage/`, { method: "POST", body: input });
export const correctPresence = (input: {
  child: number;
  establishment: number;
  date: string;
  arrival: string;
  departure: string | null;
  reason: string;
}) => apiFetch<PresenceRow>(`${STAFF}/presences/correct/`, { method: "PUT", body: input });
export const fetchHistory = (id: number, signal?: AbortSignal) => apiFetch<HistoryRow[]>(`${STAFF}/presences/${id}/history/`, { signal });

export const fetchPending = (signal?: AbortSignal) => apiFetch<OccasionalDay[]>(`${STAFF}/occasional/`, { signal });
export type Decision = "accept" | "refuse" | "excused" | "billed";
export const decideDay = (input: { child: number; establishment: number; date: string; decision: Decision; reason: string }) =>
  apiFetch<Done>(`${STAFF}/occasional/decide/`, { method: "POST", body: input });

export const fetchAvailability = (establishment: number | null, date: string, signal?: AbortSignal) =>
  apiFetch<Availability>(`${BASE}/occasional/${query({ establishment, date })}`, { signal });
export const fetchBookings = (signal?: AbortSignal) => apiFetch<OccasionalDay[]>(`${BASE}/occasional/bookings/`, { signal });
export const bookDay = (input: { child: number; establishment: number; date: string; arrival: string; departure: string }) =>
  apiFetch<Done>(`${BASE}/occasional/bookings/`, { method: "POST", body: input });
export const cancelDay = (input: { child: number; establishment: number; date: string }) =>
  apiFetch<Done>(`${BASE}/occasional/bookings/cancel/`, { method: "POST", body: input });

export const fetchDoor = (signal?: AbortSignal) => apiFetch<Door>(`${BASE}/pointage/`, { signal });
export const doorClock = (input: { child: number; action: "arrival" | "departure" }) =>
  apiFetch<PresenceRow>(`${BASE}/pointage/`, { method: "POST", body: input });

/** "08:00"…"18:30": the half-hours a day may start or end on. */
export function halfHours(from = "06:00", to = "21:00"): string[] {
  const [fh, fm] = from.split(":").map(Number);
  const [th, tm] = to.split(":").map(Number);
  const out: string[] = [];
  for (let m = fh * 60 + fm; m <= th * 60 + tm; m += 30) out.push(`${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`);
  return out;
}

export const childName = (child: ChildBrief) => `${child.first_name} ${child.last_name}`;
