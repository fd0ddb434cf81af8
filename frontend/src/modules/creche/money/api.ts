/**
 * The crèche's MONEY part: absences (families and staff), the month's
 * pre-billing check, the Caf reports and FILOUÉ file, the crèche's settings.
 * Types as the API answers them (modules/creche/api/money_serializers.py).
 */
import { apiFetch, apiUpload } from "../../../api/client";

const BASE = "/api/v1/creche";
const STAFF = `${BASE}/staff`;

export type AbsenceReason = "illness" | "hospitalisation" | "leave" | "other";
export type AbsenceKind = AbsenceReason | "eviction" | "closure";
export type RetainedKind = Exclude<AbsenceKind, "closure">;

export const REASONS: { value: AbsenceReason; label: string }[] = [
  { value: "illness", label: "Maladie" },
  { value: "hospitalisation", label: "Hospitalisation" },
  { value: "leave", label: "Congé" },
  { value: "other", label: "Autre" },
];

export const RETAINED: { value: RetainedKind; label: string; hint: string }[] = [
  { value: "illness", label: "Maladie avec certificat médical", hint: "déduite après 3 jours de carence" },
  { value: "hospitalisation", label: "Hospitalisation (bulletin)", hint: "déduite dès le premier jour" },
  { value: "eviction", label: "Éviction par le médecin de la crèche", hint: "déduite dès le premier jour" },
  { value: "leave", label: "Congé prévu au contrat", hint: "non déduit : déjà hors contrat" },
  { value: "other", label: "Autre motif (maladie sans certificat…)", hint: "non déductible" },
];

export interface Absence {
  id: number;
  child: number;
  child_name: string;
  contract: number;
  establishment_name: string;
  start_date: string;
  end_date: string;
  declared_kind: AbsenceKind;
  declared_kind_label: string;
  kind: AbsenceKind;
  kind_label: string;
  state: "declared" | "qualified";
  state_label: string;
  comment: string;
  staff_note: string;
  has_proof: boolean;
  proof_name: string;
  declared_at: string;
  qualified_at: string | null;
}

export interface StaffAbsence extends Absence {
  family_name: string;
}

export interface AbsenceContract {
  contract: number;
  child: number;
  child_name: string;
  establishment_name: string;
  start_date: string;
  end_date: string;
}

export interface PrebillingLine {
  reference: string;
  label: string;
  quantity: string;
  unit_price: string | null;
  amount: string;
  already_billed: boolean;
}

export interface PrebillingChild {
  child_id: number;
  child_name: string;
  family_id: number;
  family_name: string;
  contract_id: number | null;
  contract_state: string;
  planned_hours: string;
  attended_hours: string;
  extra_hours: string;
  deducted_hours: string;
  amount: string;
  lines: PrebillingLine[];
  details: string[];
  warnings: string[];
}

export interface Prebilling {
  establishment: number;
  establishment_name: string;
  month: string;
  month_label: string;
  total: string;
  warning_count: number;
  children: PrebillingChild[];
}

export interface AgeBand {
  code: string;
  label: string;
  children: number;
  attended_hours: string;
  billed_hours: string;
}

export interface CafReport {
  establishment: number;
  establishment_name: string;
  period_label: string;
  attended_hours: string;
  billed_hours: string;
  billing_rate: string | null;
  billing_rate_alert: boolean;
  participations: string;
  children: number;
  age_bands: AgeBand[];
  months: { month: number; label: string; attended_hours: string; billed_hours: string; participations: string; children: number }[];
}

export interface FilouePreview {
  year: number;
  consenting_children: number;
  excluded_children: number;
  consent_label: string;
}

export interface CrecheSettings {
  rounding_minutes: number;
  tolerance_minutes: number;
  carence_days: number;
  parents_may_clock: boolean;
  missing_resources: "ceiling" | "floor";
  rate_rounding: "half_up" | "down";
  request_renewal_months: number;
  offer_answer_days: number;
  occasional_validation: boolean;
  contact_email: string;
}

export interface EstablishmentOption {
  id: number;
  name: string;
}

export const moneyKeys = {
  absences: ["creche", "money", "absences"] as const,
  absenceContracts: ["creche", "money", "absence-contracts"] as const,
  staffAbsences: (state: string) => ["creche", "money", "staff-absences", state] as const,
  establishments: ["creche", "money", "establishments"] as const,
  prebilling: (establishment: number, month: string) => ["creche", "money", "prebilling", establishment, month] as const,
  report: (query: string) => ["creche", "money", "report", query] as const,
  filoue: (query: string) => ["creche", "money", "filoue", query] as const,
  settings: ["creche", "money", "settings"] as const,
  signedContracts: ["creche", "money", "signed-contracts"] as const,
};

// Families
export const fetchAbsences = (signal?: AbortSignal) => apiFetch<Absence[]>(`${BASE}/absences/`, { signal });
export const fetchAbsenceContracts = (signal?: AbortSignal) =>
  apiFetch<AbsenceContract[]>(`${BASE}/absences/contracts`, { signal });
export const declareAbsence = (data: FormData) => apiUpload<Absence>(`${BASE}/absences/`, data);
export const proofLink = (id: number) => `${BASE}/absences/${id}/proof`;

// Staff
export const fetchStaffAbsences = (state: string, signal?: AbortSignal) =>
  apiFetch<StaffAbsence[]>(`${STAFF}/absences/${state ? `?state=${state}` : ""}`, { signal });
export const qualifyAbsence = (id: number, input: { kind: RetainedKind; note: string }) =>
  apiFetch<StaffAbsence>(`${STAFF}/absences/${id}/qualify`, { method: "POST", body: input });
export const noteEviction = (input: { contract: number; start_date: string; end_date: string; note: string }) =>
  apiFetch<StaffAbsence>(`${STAFF}/absences/`, { method: "POST", body: input });
export interface RunningContract {
  id: number;
  child: { id: number; first_name: string; last_name: string };
  establishment: { id: number; name: string };
  start_date: string;
  end_date: string;
}
/** The signed contracts (the contracts part's list), for an éviction. */
export const fetchSignedContracts = (signal?: AbortSignal) =>
  apiFetch<RunningContract[]>(`${STAFF}/contracts/?state=signed`, { signal });
export const staffProofLink = (id: number) => `${STAFF}/absences/${id}/proof`;
export const fetchEstablishmentOptions = (signal?: AbortSignal) =>
  apiFetch<EstablishmentOption[]>(`${STAFF}/establishments/`, { signal });
export const fetchPrebilling = (establishment: number, month: string, signal?: AbortSignal) =>
  apiFetch<Prebilling>(`${STAFF}/prebilling?establishment=${establishment}&month=${month}`, { signal });
export const reportQuery = (establishment: number, year: number, month: number | null) =>
  `establishment=${establishment}&year=${year}${month ? `&month=${month}` : ""}`;
export const fetchReport = (query: string, signal?: AbortSignal) => apiFetch<CafReport>(`${STAFF}/caf-report?${query}`, { signal });
export const reportExport = (query: string, fmt: "csv" | "pdf") => `${STAFF}/caf-report.${fmt}?${query}`;
export const fetchFiloue = (query: string, signal?: AbortSignal) => apiFetch<FilouePreview>(`${STAFF}/filoue?${query}`, { signal });
export const filoueCsv = (query: string) => `${STAFF}/filoue.csv?${query}`;
export const fetchSettings = (signal?: AbortSignal) => apiFetch<CrecheSettings>(`${STAFF}/settings`, { signal });
export const saveSettings = (input: CrecheSettings) => apiFetch<CrecheSettings>(`${STAFF}/settings`, { method: "PUT", body: input });

/** « 12.50 » → « 12,50 h ». */
export const formatHoursValue = (value: string) => `${value.replace(".", ",")} h`;
