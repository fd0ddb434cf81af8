/**
 * Place requests (pré-inscriptions crèche): the families' requests and the
 * commission's screens. Types are declared here, as the API answers them
 * (modules/creche/api/requests_serializers.py).
 */
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "../../../api/client";

export type RequestState = "submitted" | "waitlisted" | "offered" | "accepted" | "declined" | "refused" | "lapsed" | "withdrawn";
export type Care = "regular" | "occasional";
export type Week = "A" | "B";

export interface ScheduleDay {
  week: Week;
  weekday: number;
  arrival: string;
  departure: string;
}

export interface RequestChoice {
  rank: number;
  establishment_id: number;
  establishment_name: string;
}

export interface RequestOffer {
  establishment_id: number;
  establishment_name: string;
  section_id: number | null;
  section_name: string;
  start: string;
  schedule: ScheduleDay[];
  hours_per_week: string | null;
  answer_by: string | null;
}

export interface PlaceRequest {
  id: number;
  state: RequestState;
  state_label: string;
  child_id: number | null;
  child_name: string;
  expected_first_name: string;
  due_date: string | null;
  desired_start: string;
  care: Care;
  care_label: string;
  schedule: ScheduleDay[];
  alternating: boolean;
  hours_per_week: string | null;
  comment: string;
  created_at: string;
  renewed_at: string;
  renewal_asked_at: string | null;
  renewal_due: string | null;
  reason: string;
  choices: RequestChoice[];
  offer: RequestOffer | null;
  answered_at: string | null;
  can_withdraw: boolean;
  can_renew: boolean;
  can_answer: boolean;
}

export interface SectionOption {
  id: number;
  name: string;
  min_age_months: number;
  max_age_months: number;
}

export interface EstablishmentOption {
  id: number;
  name: string;
  kind_label: string;
  min_age_months: number;
  max_age_months: number;
  active: boolean;
  rank: number | null;
  sections: SectionOption[];
}

export interface RequestOptions {
  today: string;
  children: { id: number; first_name: string; last_name: string; birth_date: string }[];
  establishments: EstablishmentOption[];
  max_choices: number;
}

export interface RequestInput {
  child?: number | null;
  expected_first_name?: string;
  due_date?: string | null;
  desired_start: string;
  care: Care;
  schedule: ScheduleDay[];
  alternating: boolean;
  establishments: number[];
  comment: string;
}

export interface StaffPlaceRequest extends PlaceRequest {
  family: { id: number; number: number; name: string; email: string; phone: string };
  child_birth_date: string | null;
  decided_at: string | null;
  decided_by: string;
  establishments: EstablishmentOption[];
}

export interface StaffRequestRow {
  id: number;
  state: RequestState;
  state_label: string;
  child_name: string;
  child_birth_date: string | null;
  due_date: string | null;
  family_id: number;
  family_name: string;
  desired_start: string;
  created_at: string;
  care: Care;
  care_label: string;
  hours_per_week: string | null;
  choices: string[];
  offer_establishment_name: string;
}

export interface StaffRequestList {
  establishments: { id: number; name: string }[];
  requests: StaffRequestRow[];
}

export interface OfferInput {
  establishment: number;
  section: number | null;
  start: string;
  schedule: ScheduleDay[];
  alternating: boolean;
}

export interface AvailabilityDay {
  date: string;
  arrival: string;
  departure: string;
  free: number;
  open: boolean;
}

export interface Availability {
  days: AvailabilityDay[];
  min_free: number | null;
}

const BASE = "/api/v1/creche/requests/";
const STAFF = "/api/v1/creche/staff/requests/";

export const REQUEST_URLS = {
  options: `${BASE}options`,
  list: BASE,
  request: (id: number | string) => `${BASE}${id}/`,
  action: (id: number | string, action: "withdraw" | "renew" | "accept" | "decline") => `${BASE}${id}/${action}`,
  staffList: STAFF,
  staffRequest: (id: number | string) => `${STAFF}${id}/`,
  staffAction: (id: number | string, action: "offer" | "waitlist" | "refuse" | "availability") => `${STAFF}${id}/${action}`,
} as const;

export const requestKeys = {
  all: ["creche", "requests"] as const,
  options: ["creche", "requests", "options"] as const,
  request: (id: string) => ["creche", "requests", id] as const,
  staff: ["creche", "staff-requests"] as const,
  staffList: (query: string) => ["creche", "staff-requests", "list", query] as const,
  staffRequest: (id: string) => ["creche", "staff-requests", id] as const,
};

export function useMyRequests() {
  return useQuery({ queryKey: requestKeys.all, queryFn: ({ signal }) => apiFetch<PlaceRequest[]>(REQUEST_URLS.list, { signal }) });
}

export function useRequestOptions() {
  return useQuery({ queryKey: requestKeys.options, queryFn: ({ signal }) => apiFetch<RequestOptions>(REQUEST_URLS.options, { signal }) });
}

export function usePlaceRequest(id: string) {
  return useQuery({ queryKey: requestKeys.request(id), queryFn: ({ signal }) => apiFetch<PlaceRequest>(REQUEST_URLS.request(id), { signal }) });
}

export const createRequest = (input: RequestInput) => apiFetch<PlaceRequest>(REQUEST_URLS.list, { method: "POST", body: input });
export const requestAction = (id: number, action: "withdraw" | "renew" | "accept" | "decline") =>
  apiFetch<PlaceRequest>(REQUEST_URLS.action(id, action), { method: "POST" });

export function useStaffRequests(query: string) {
  return useQuery({
    queryKey: requestKeys.staffList(query),
    queryFn: ({ signal }) => apiFetch<StaffRequestList>(`${REQUEST_URLS.staffList}${query ? `?${query}` : ""}`, { signal }),
  });
}

export function useStaffRequest(id: string) {
  return useQuery({
    queryKey: requestKeys.staffRequest(id),
    queryFn: ({ signal }) => apiFetch<StaffPlaceRequest>(REQUEST_URLS.staffRequest(id), { signal }),
  });
}

export const offerPlace = (id: number, input: OfferInput) => apiFetch<StaffPlaceRequest>(REQUEST_URLS.staffAction(id, "offer"), { method: "POST", body: input });
export const waitlistRequest = (id: number) => apiFetch<StaffPlaceRequest>(REQUEST_URLS.staffAction(id, "waitlist"), { method: "POST" });
export const refuseRequest = (id: number, reason: string) =>
  apiFetch<StaffPlaceRequest>(REQUEST_URLS.staffAction(id, "refuse"), { method: "POST", body: { reason } });
export const fetchAvailability = (id: number, input: Omit<OfferInput, "section">) =>
  apiFetch<Availability>(REQUEST_URLS.staffAction(id, "availability"), { method: "POST", body: input });

/** What each state means for the family, in a few words, with its icon. */
export const STATE_TEXT: Record<RequestState, { label: string; icon: "check" | "cross" | "hourglass" | "warning" | "list" | "minus" }> = {
  submitted: { label: "Reçue, en attente de la commission", icon: "hourglass" },
  waitlisted: { label: "En liste d'attente", icon: "list" },
  offered: { label: "Place proposée : à accepter ou décliner", icon: "warning" },
  accepted: { label: "Place acceptée", icon: "check" },
  declined: { label: "Place déclinée", icon: "minus" },
  refused: { label: "Refusée", icon: "cross" },
  lapsed: { label: "Caduque (non renouvelée)", icon: "cross" },
  withdrawn: { label: "Retirée", icon: "minus" },
};

/** The states as the staff name them (the model's labels). */
export const STATE_LABELS: Record<RequestState, string> = {
  submitted: "Reçue",
  waitlisted: "En liste d'attente",
  offered: "Place proposée",
  accepted: "Place acceptée",
  declined: "Place déclinée",
  refused: "Refusée",
  lapsed: "Caduque (non renouvelée)",
  withdrawn: "Retirée par la famille",
};

export const WEEKDAYS = ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"] as const;

/** « Lundi 8:00–17:30 · Mardi … » (with the week when alternating). */
export function describeSchedule(days: readonly ScheduleDay[]): string {
  const alternating = days.some((d) => d.week === "B");
  return days
    .map((d) => `${alternating ? `Sem. ${d.week} ` : ""}${WEEKDAYS[d.weekday]} ${d.arrival}–${d.departure}`)
    .join(" · ");
}

/** "45.00" → "45 h" ; "22.50" → "22,5 h". */
export function formatHours(value: string | null): string {
  if (value === null) return "";
  return `${Number(value).toLocaleString("fr-FR", { maximumFractionDigits: 2 })} h`;
}
