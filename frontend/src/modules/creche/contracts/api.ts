/**
 * Contracts (contrats d'accueil régulier), avenants and signature: the
 * family's side (/creche) and the staff's (/gestion/creche/contrats). Types
 * are declared as the API answers them (modules/creche/api/contracts_serializers.py).
 */
import { apiFetch, apiUpload } from "../../../api/client";
import type { ScheduleDay } from "../requests/api";

export type { ScheduleDay };
export type ContractState = "draft" | "proposed" | "signed" | "ended" | "cancelled";
export type MissingResources = "ceiling" | "floor";

const BASE = "/api/v1/creche";

export interface ContractTerms {
  id: number;
  number: number;
  effective_from: string;
  reason: string;
  schedule: ScheduleDay[];
  alternating: boolean;
  weeks_per_year: string;
  leave_weeks: string;
  annual_resources: string | null;
  resources_year: number | null;
  missing_resources: MissingResources;
  children: number;
  aeeh_children: number;
  hours_per_week: string;
  hourly_rate: string;
  monthly_hours: string;
  monthly_fee: string;
  rate_steps: string[];
  created_at: string;
}

export interface ContractSummary {
  id: number;
  state: ContractState;
  state_label: string;
  child: { id: number; first_name: string; last_name: string; birth_date: string | null };
  family: { id: number; name: string };
  establishment: { id: number; name: string };
  section: { id: number; name: string } | null;
  start_date: string;
  end_date: string;
  months_billed: number;
  hourly_rate: string | null;
  monthly_fee: string | null;
}

export interface Contract extends ContractSummary {
  signature: "" | "online" | "upload" | "paper";
  signature_label: string;
  signed_at: string | null;
  signed_by_name: string;
  signed_document: { name: string; url: string } | null;
  /** The family's accord for the yearly FILOUÉ file to the Caf (optional, changeable). */
  filoue_consent: boolean;
  filoue_consent_at: string | null;
  filoue_consent_by_name: string;
  request: number | null;
  terms: ContractTerms[];
  pdf_url: string;
}

/** What staff type for the terms of a contract or an avenant. */
export interface TermsInput {
  schedule: ScheduleDay[];
  alternating: boolean;
  weeks_per_year: string;
  leave_weeks: string;
  annual_resources: string | null;
  resources_year: number | null;
  missing_resources: MissingResources;
  children: number;
  aeeh_children: number;
}

export interface ContractInput extends TermsInput {
  child: number;
  establishment: number;
  section: number | null;
  start_date: string;
  end_date: string;
  months_billed: number | null;
  request: number | null;
}

export interface Simulation {
  on: string;
  parameters_from: string;
  monthly_resources: string | null;
  retained_resources: string;
  floor: string;
  ceiling: string;
  effort_rate: string;
  rate_children: number;
  hourly_rate: string;
  hours_per_week: string;
  care_weeks: string;
  months_billed: number;
  monthly_hours: string;
  monthly_fee: string;
  steps: string[];
}

export interface Prefill {
  child: number | null;
  child_first_name: string;
  child_last_name: string;
  family_name: string;
  establishment: number | null;
  section: number | null;
  request: number | null;
  start_date: string | null;
  schedule: ScheduleDay[];
  alternating: boolean;
  annual_resources: string | null;
  resources_year: number;
  missing_resources: MissingResources;
  children: number;
  aeeh_children: number;
}

export interface ContractOptions {
  establishments: { id: number; name: string; sections: { id: number; name: string }[] }[];
}

export interface ChildChoice {
  id: number;
  first_name: string;
  last_name: string;
  birth_date: string | null;
  family_name: string;
}

export const STATE_LABELS: Record<ContractState, string> = {
  draft: "En préparation",
  proposed: "À signer par la famille",
  signed: "Signé",
  ended: "Terminé",
  cancelled: "Annulé",
};

export const contractKeys = {
  mine: ["creche", "contracts", "mine"] as const,
  my: (id: number) => ["creche", "contracts", "mine", id] as const,
  staffList: (query: string) => ["creche", "contracts", "staff", "list", query] as const,
  staff: (id: number) => ["creche", "contracts", "staff", id] as const,
  options: ["creche", "contracts", "staff", "options"] as const,
};

// Family ---------------------------------------------------------------------------------------
export const fetchMyContracts = (signal?: AbortSignal) => apiFetch<ContractSummary[]>(`${BASE}/contracts/`, { signal });
export const fetchMyContract = (id: number, signal?: AbortSignal) => apiFetch<Contract>(`${BASE}/contracts/${id}/`, { signal });
export const acceptContract = (id: number, filoueConsent: boolean) =>
  apiFetch<Contract>(`${BASE}/contracts/${id}/accept`, {
    method: "POST",
    body: { accepted: true, filoue_consent: filoueConsent },
  });
export const setFiloueConsent = (id: number, consent: boolean) =>
  apiFetch<Contract>(`${BASE}/contracts/${id}/filoue-consent`, { method: "POST", body: { filoue_consent: consent } });

export const FILOUE_LABEL = "Accord pour la transmission FILOUÉ à la Caf";
export const FILOUE_HINT = "Données anonymisées transmises chaque année à la Caf pour ses statistiques (FILOUÉ). Facultatif.";
export function uploadSignedContract(id: number, file: File) {
  const data = new FormData();
  data.append("file", file);
  return apiUpload<Contract>(`${BASE}/contracts/${id}/upload`, data);
}

// Staff ----------------------------------------------------------------------------------------
const STAFF = `${BASE}/staff/contracts`;
export const fetchStaffContracts = (query: string, signal?: AbortSignal) =>
  apiFetch<ContractSummary[]>(`${STAFF}/${query ? `?${query}` : ""}`, { signal });
export const fetchStaffContract = (id: number, signal?: AbortSignal) => apiFetch<Contract>(`${STAFF}/${id}/`, { signal });
export const fetchOptions = (signal?: AbortSignal) => apiFetch<ContractOptions>(`${STAFF}/options`, { signal });
export const searchChildren = (q: string, signal?: AbortSignal) =>
  apiFetch<ChildChoice[]>(`${STAFF}/children?q=${encodeURIComponent(q)}`, { signal });
export const fetchPrefill = (params: { child?: number; request?: number; start?: string }, signal?: AbortSignal) => {
  const search = new URLSearchParams();
  if (params.child) search.set("child", String(params.child));
  if (params.request) search.set("request", String(params.request));
  if (params.start) search.set("start", params.start);
  return apiFetch<Prefill>(`${STAFF}/prefill?${search.toString()}`, { signal });
};
export const simulate = (input: TermsInput & { establishment: number; start_date: string; end_date: string | null; months_billed: number | null }) =>
  apiFetch<Simulation>(`${STAFF}/simulation`, { method: "POST", body: input });
export const createContract = (input: ContractInput) => apiFetch<Contract>(`${STAFF}/`, { method: "POST", body: input });
export const updateContract = (id: number, input: Omit<ContractInput, "child" | "establishment" | "request">) =>
  apiFetch<Contract>(`${STAFF}/${id}/`, { method: "PATCH", body: input });
export const contractAction = (id: number, action: "propose" | "cancel" | "signed-on-paper") =>
  apiFetch<Contract>(`${STAFF}/${id}/${action}`, { method: "POST" });
export const addAmendment = (id: number, input: TermsInput & { effective_from: string; reason: string }) =>
  apiFetch<Contract>(`${STAFF}/${id}/amendments`, { method: "POST", body: input });
export const endContract = (id: number, endDate: string) =>
  apiFetch<Contract>(`${STAFF}/${id}/end`, { method: "POST", body: { end_date: endDate } });

/** The terms in force today (the first ones before the start, the last ones after). */
export function currentTerms(contract: Contract, today: string): ContractTerms | undefined {
  const rows = [...contract.terms].sort((a, b) => (a.effective_from < b.effective_from ? -1 : 1));
  return rows.filter((t) => t.effective_from <= today).pop() ?? rows[0];
}

export const WEEKDAY_NAMES = ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"];
