/**
 * Staff booking screens: API calls under /api/v1/staff/booking/ and the
 * generated types they use (src/api/schema.d.ts — never written by hand).
 */
import { apiFetch } from "../../../api/client";
import type { components } from "../../../api/schema";
import { API, queryString } from "../api";

type Schemas = components["schemas"];

export type StaffEnrolment = Schemas["StaffEnrolment"];
export type StaffEnrolmentPage = Schemas["PaginatedStaffEnrolmentList"];
export type EnrolmentDecision = Schemas["EnrolmentDecisionRequest"];
export type StaffReservation = Schemas["StaffReservation"];
export type StaffReservationPage = Schemas["PaginatedStaffReservationList"];
export type ReservationDecision = Schemas["ReservationDecisionRequest"];
export type ReservationState = Schemas["ReservationStateEnum"];
export type OccupancyRow = Schemas["OccupancyRow"];
export type OccupancyCell = Schemas["OccupancyCell"];
export type Opening = Schemas["Opening"];
export type OpeningPatch = Schemas["PatchedOpeningRequest"];
export type AttendanceSheet = Schemas["AttendanceSheet"];
export type AttendanceLine = Schemas["AttendanceLine"];
export type AttendanceMarks = Schemas["AttendanceMarkRequest"]["marks"];
export type AttendanceMark = AttendanceMarks[string];
export type Activity = Schemas["ActivityConfig"];
export type ActivityInput = Schemas["ActivityConfigRequest"];
export type ActivityPatch = Schemas["PatchedActivityConfigRequest"];
export type CalendarKind = Schemas["CalendarEnum"];
export type ValidationMode = Schemas["ValidationModeEnum"];
export type GenerationReport = Schemas["GenerationReport"];
export type GenerateInput = Schemas["GenerateRequest"];
export type Unit = Schemas["UnitConfig"];
export type UnitInput = Schemas["UnitConfigRequest"];
export type Group = Schemas["GroupConfig"];
export type GroupInput = Schemas["GroupConfigRequest"];
export type Closure = Schemas["Closure"];
export type ClosureInput = Schemas["ClosureRequest"];
export type Policy = Schemas["BookingPolicy"];
export type PolicyInput = Schemas["BookingPolicyRequest"];
export type PolicyKind = Schemas["BookingPolicyKindEnum"];
export type PolicyWindowInput = Schemas["PolicyWindowRequest"];
export type Tariff = Schemas["Tariff"];
export type TariffInput = Schemas["TariffRequest"];
/** A pricing method code ("flat", "quotient", "per_day", "per_hour" or one a module adds). */
export type TariffMethod = Tariff["method"];
/** A pricing method the structure's tariffs may use, with the parameters it takes. */
export type PricingMethod = Schemas["PricingMethod"];
export type PricingParameter = Schemas["PricingParameter"];
export type BracketInput = Schemas["TariffBracketRequest"];
export type Simulation = Schemas["SimulationRequest"];
export type Quote = Schemas["Quote"];
export type LegendItem = Schemas["Legend"];
export type LegendPatch = Schemas["PatchedLegendRequest"];
export type BillingSettings = Schemas["BillingSettings"];

const BASE = `${API}/staff/booking`;

export const bookingKeys = {
  all: ["staff", "booking"] as const,
  enrolments: (filters: object) => ["staff", "booking", "enrolments", filters] as const,
  reservations: (filters: object) => ["staff", "booking", "reservations", filters] as const,
  occupancyAll: ["staff", "booking", "occupancy"] as const,
  occupancy: (filters: object) => ["staff", "booking", "occupancy", filters] as const,
  attendance: (opening: number) => ["staff", "booking", "attendance", opening] as const,
  config: (name: ConfigCollection, filters: object = {}) => ["staff", "booking", "config", name, filters] as const,
  configAll: (name: ConfigCollection) => ["staff", "booking", "config", name] as const,
  legend: ["staff", "booking", "legend"] as const,
  billingSettings: ["staff", "booking", "billing-settings"] as const,
  pricingMethods: ["staff", "booking", "pricing-methods"] as const,
};

const pageOf = (page: number) => (page > 1 ? page : null);

// Enrolment requests ----------------------------------------------------------------------------
export interface EnrolmentFilters {
  activity: string;
  page: number;
}

export const fetchEnrolments = (filters: EnrolmentFilters, signal?: AbortSignal) =>
  apiFetch<StaffEnrolmentPage>(
    `${BASE}/enrolments/${queryString({ status: "requested", activity: filters.activity, page: pageOf(filters.page) })}`,
    { signal },
  );

export const decideEnrolments = (input: EnrolmentDecision) =>
  apiFetch<StaffEnrolment[]>(`${BASE}/enrolments/decide/`, { method: "POST", body: input });

// Reservation and cancellation requests ---------------------------------------------------------
export interface ReservationFilters {
  state: "requested" | "cancel_requested";
  activity: string;
  from: string;
  to: string;
  page: number;
}

export const fetchReservations = (filters: ReservationFilters, signal?: AbortSignal) =>
  apiFetch<StaffReservationPage>(
    `${BASE}/reservations/${queryString({
      state: filters.state,
      activity: filters.activity,
      from: filters.from,
      to: filters.to,
      page: pageOf(filters.page),
    })}`,
    { signal },
  );

export const decideReservations = (input: ReservationDecision) =>
  apiFetch<StaffReservation[]>(`${BASE}/reservations/decide/`, { method: "POST", body: input });

// Occupancy, openings, attendance ---------------------------------------------------------------
export interface OccupancyFilters {
  from: string;
  to: string;
  activity: string;
}

export const fetchOccupancy = (filters: OccupancyFilters, signal?: AbortSignal) =>
  apiFetch<OccupancyRow[]>(`${BASE}/occupancy/${queryString({ from: filters.from, to: filters.to, activity: filters.activity })}`, {
    signal,
  });

export const updateOpening = (id: number, patch: OpeningPatch) =>
  apiFetch<Opening>(`${BASE}/openings/${id}/`, { method: "PATCH", body: patch });

export const fetchAttendance = (opening: number, signal?: AbortSignal) =>
  apiFetch<AttendanceSheet>(`${BASE}/attendance/${opening}/`, { signal });

export const saveAttendance = (opening: number, marks: AttendanceMarks) =>
  apiFetch<AttendanceSheet>(`${BASE}/attendance/${opening}/`, {
    method: "POST",
    body: { marks } satisfies Schemas["AttendanceMarkRequest"],
  });

// Pricing methods: the core's and those of the structure's enabled modules --------------------
export const fetchPricingMethods = (signal?: AbortSignal) => apiFetch<PricingMethod[]>(`${BASE}/pricing-methods/`, { signal });

// Configuration (paginated ModelViewSets) -------------------------------------------------------
export type ConfigCollection = "activities" | "units" | "groups" | "closures" | "policies" | "tariffs";

interface PageOf<T> {
  next?: string | null;
  results: T[];
}

/** Every item of a paginated configuration list (follows the pages). */
export async function fetchConfig<T>(name: ConfigCollection, filters: Record<string, string> = {}, signal?: AbortSignal): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; page < 50; page += 1) {
    const data = await apiFetch<PageOf<T>>(`${BASE}/${name}/${queryString({ ...filters, page: pageOf(page) })}`, { signal });
    items.push(...data.results);
    if (!data.next) break;
  }
  return items;
}

/** Creates (id null, POST) or updates (PATCH) a configuration item. */
export function saveConfig<T>(name: ConfigCollection, id: number | null, body: object) {
  return id === null
    ? apiFetch<T>(`${BASE}/${name}/`, { method: "POST", body })
    : apiFetch<T>(`${BASE}/${name}/${id}/`, { method: "PATCH", body });
}

export const deleteConfig = (name: ConfigCollection, id: number) =>
  apiFetch<null>(`${BASE}/${name}/${id}/`, { method: "DELETE" });

export const generateOpenings = (activity: number, input: GenerateInput) =>
  apiFetch<GenerationReport>(`${BASE}/activities/${activity}/generate-openings/`, { method: "POST", body: input });

export const simulatePrice = (input: Simulation) => apiFetch<Quote>(`${BASE}/simulate/`, { method: "POST", body: input });

export const fetchLegend = (signal?: AbortSignal) => apiFetch<LegendItem[]>(`${BASE}/legend/`, { signal });

export const updateLegend = (id: number, patch: LegendPatch) =>
  apiFetch<LegendItem>(`${BASE}/legend/${id}/`, { method: "PATCH", body: patch });

export const fetchBillingSettings = (signal?: AbortSignal) => apiFetch<BillingSettings>(`${BASE}/billing-settings/`, { signal });

export const updateBillingSettings = (patch: Schemas["PatchedBillingSettingsRequest"]) =>
  apiFetch<BillingSettings>(`${BASE}/billing-settings/`, { method: "PATCH", body: patch });
