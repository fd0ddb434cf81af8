/**
 * Staff back office: API calls and the generated types they use
 * (components["schemas"] from src/api/schema.d.ts — never written by hand).
 */
import { ApiError, NetworkError, apiFetch, getCookie } from "../../api/client";
import type { components } from "../../api/schema";

type Schemas = components["schemas"];

export type DossierCounters = Schemas["DossierCounters"];
export type FamilySummary = Schemas["FamilySummary"];
export type FamilySummaryPage = Schemas["PaginatedFamilySummaryList"];
export type StaffChangeRequest = Schemas["StaffChangeRequest"];
export type StaffChangeRequestPage = Schemas["PaginatedStaffChangeRequestList"];
export type ChangeRequestStatus = Schemas["ChangeRequestStatusEnum"];
export type ChangeRequestCategory = Schemas["CategoryEnum"];
export type Decision = Schemas["DecisionRequest"];
export type StaffFamilyFile = Schemas["StaffFamilyFile"];
export type Family = Schemas["Family"];
export type FamilyPatch = Schemas["PatchedFamilyRequest"];
export type FamilyStatus = Schemas["FamilyStatusEnum"];
export type FamilyCreate = Schemas["StaffFamilyCreateRequest"];
export type Guardian = Schemas["Guardian"];
export type GuardianPatch = Schemas["PatchedGuardianRequest"];
export type Child = Schemas["Child"];
export type ChildPatch = Schemas["PatchedChildRequest"];
export type StaffNotes = Schemas["StaffNotes"];
export type AccountMode = NonNullable<FamilyCreate["account"]>;
export type HistoryEntry = Schemas["HistoryEntry"];
export type DossierOptions = Schemas["DossierOptions"];
export type DossierSettings = Schemas["DossierSettings"];
export type DossierSettingsPatch = Schemas["PatchedDossierSettingsRequest"];
export type SignupMode = Schemas["SignupModeEnum"];
export type FieldPolicyRow = Schemas["FieldPolicyRow"];
export type FieldPolicyMode = Schemas["FieldPolicyRowModeEnum"];
export type FieldPoliciesInput = Schemas["FieldPoliciesInputRequest"];
export type MealTypeConfig = Schemas["MealTypeConfig"];
export type SchoolLevelConfig = Schemas["SchoolLevelConfig"];
export type AuthorisationQuestionConfig = Schemas["AuthorisationQuestionConfig"];
export type ConsentTypeConfig = Schemas["ConsentTypeConfig"];
export type StaffDocument = Schemas["StaffDocument"];
export type StaffDocumentPage = Schemas["PaginatedStaffDocumentList"];
export type DocumentStatus = Schemas["DocumentStatusEnum"];
export type ReviewInput = Schemas["ReviewRequest"];
export type DocumentType = Schemas["StaffDocumentType"];
export type DocumentTypePage = Schemas["PaginatedStaffDocumentTypeList"];
export type DocumentTypeInput = Schemas["StaffDocumentTypeRequest"];
export type DocumentScope = Schemas["ScopeEnum"];
export type DocumentValidity = Schemas["ValidityEnum"];

export const API = "/api/v1";

/** "?a=1&b=2" from the non-empty values, in the given order ("" when none). */
export function queryString(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export const staffKeys = {
  all: ["staff"] as const,
  counters: ["staff", "counters"] as const,
  pendingAccounts: (page: number) => ["staff", "accounts", page] as const,
  changeRequests: (filters: object) => ["staff", "change-requests", filters] as const,
  families: (filters: object) => ["staff", "families", "search", filters] as const,
  family: (id: number) => ["staff", "families", id] as const,
  history: (id: number) => ["staff", "families", id, "history"] as const,
  options: ["dossier", "options"] as const,
  settings: ["staff", "settings"] as const,
  fieldPolicies: ["staff", "field-policies"] as const,
  configList: (endpoint: string) => ["staff", "config", endpoint] as const,
  documents: (filters: object) => ["staff", "documents", filters] as const,
  documentTypes: (page: number) => ["staff", "document-types", page] as const,
};

// Home ------------------------------------------------------------------------------------------
export const fetchCounters = (signal?: AbortSignal) =>
  apiFetch<DossierCounters>(`${API}/staff/dossier/counters/`, { signal });

// Accounts --------------------------------------------------------------------------------------
export const fetchPendingAccounts = (page: number, signal?: AbortSignal) =>
  apiFetch<FamilySummaryPage>(`${API}/staff/accounts/pending/${queryString({ page: page > 1 ? page : null })}`, { signal });

export const validateAccount = (id: number) =>
  apiFetch<FamilySummary>(`${API}/staff/families/${id}/validate/`, { method: "POST" });

export const refuseAccount = (id: number, reason: string) =>
  apiFetch<FamilySummary>(`${API}/staff/families/${id}/refuse/`, {
    method: "POST",
    body: { reason } satisfies Schemas["ReasonRequest"],
  });

// Change requests -------------------------------------------------------------------------------
export interface ChangeRequestFilters {
  status: ChangeRequestStatus;
  category: string;
  family: string;
  page: number;
}

export const fetchChangeRequests = (filters: ChangeRequestFilters, signal?: AbortSignal) =>
  apiFetch<StaffChangeRequestPage>(
    `${API}/staff/change-requests/${queryString({
      status: filters.status,
      category: filters.category,
      family: filters.family,
      page: filters.page > 1 ? filters.page : null,
    })}`,
    { signal },
  );

export const decideChangeRequests = (input: Decision) =>
  apiFetch<StaffChangeRequest[]>(`${API}/staff/change-requests/decide/`, { method: "POST", body: input });

// Families --------------------------------------------------------------------------------------
export interface FamilySearch {
  q: string;
  status: string;
  page: number;
}

export const searchFamilies = (search: FamilySearch, signal?: AbortSignal) =>
  apiFetch<FamilySummaryPage>(
    `${API}/staff/families/${queryString({ q: search.q, status: search.status, page: search.page > 1 ? search.page : null })}`,
    { signal },
  );

export const createFamily = (input: FamilyCreate) =>
  apiFetch<FamilySummary>(`${API}/staff/families/new/`, { method: "POST", body: input });

export const fetchFamilyFile = (id: number, signal?: AbortSignal) =>
  apiFetch<StaffFamilyFile>(`${API}/staff/families/${id}/`, { signal });

export const updateFamily = (id: number, patch: FamilyPatch) =>
  apiFetch<Family>(`${API}/staff/families/${id}/`, { method: "PATCH", body: patch });

/** Staff correct a guardian directly (no change request); a new e-mail also changes their login. */
export const updateGuardian = (familyId: number, guardianId: number, patch: GuardianPatch) =>
  apiFetch<Guardian>(`${API}/staff/families/${familyId}/guardians/${guardianId}/`, { method: "PATCH", body: patch });

/** Staff correct a child's record directly (needs the families.change_child permission). */
export const updateChild = (familyId: number, childId: number, patch: ChildPatch) =>
  apiFetch<Child>(`${API}/staff/families/${familyId}/children/${childId}/`, { method: "PATCH", body: patch });

/** The structure's internal notes on the family (never shown to the family). */
export const saveFamilyNotes = (familyId: number, notes: string) =>
  apiFetch<StaffNotes>(`${API}/staff/families/${familyId}/notes/`, {
    method: "PUT",
    body: { notes } satisfies Schemas["StaffNotesRequest"],
  });

export const fetchFamilyHistory = (id: number, signal?: AbortSignal) =>
  apiFetch<HistoryEntry[]>(`${API}/staff/families/${id}/history/`, { signal });

export const familyExportUrl = (id: number) => `${API}/staff/families/${id}/export/`;

export const anonymiseFamily = (id: number) =>
  apiFetch<null>(`${API}/staff/families/${id}/anonymise/`, { method: "POST" });

export const fetchDossierOptions = (signal?: AbortSignal) =>
  apiFetch<DossierOptions>(`${API}/dossier/options/`, { signal });

// Documents -------------------------------------------------------------------------------------
export interface DocumentFilters {
  status: DocumentStatus | "";
  family: string;
  page: number;
}

export const fetchDocuments = (filters: DocumentFilters, signal?: AbortSignal) =>
  apiFetch<StaffDocumentPage>(
    `${API}/staff/documents/${queryString({ status: filters.status, family: filters.family, page: filters.page > 1 ? filters.page : null })}`,
    { signal },
  );

export const reviewDocument = (uuid: string, input: ReviewInput) =>
  apiFetch<StaffDocument>(`${API}/staff/documents/${uuid}/review`, { method: "POST", body: input });

export const healthFormUrl = (familyId: number, childId: number) =>
  `${API}/staff/families/${familyId}/editions/health-form/${childId}`;

export const fetchDocumentTypes = (page: number, signal?: AbortSignal) =>
  apiFetch<DocumentTypePage>(`${API}/staff/document-types/${queryString({ page: page > 1 ? page : null })}`, { signal });

/** Saves the type's fields (JSON); `template: null` removes its model file. */
export function saveDocumentType(id: number | null, input: DocumentTypeInput) {
  const path = id === null ? `${API}/staff/document-types/` : `${API}/staff/document-types/${id}/`;
  return apiFetch<DocumentType>(path, { method: id === null ? "POST" : "PATCH", body: input });
}

/** Uploads the type's model file (multipart PATCH with the file only). */
export function uploadDocumentTypeTemplate(id: number, file: File) {
  const form = new FormData();
  form.append("template", file);
  return apiSendForm<DocumentType>(`${API}/staff/document-types/${id}/`, "PATCH", form);
}

export const deleteDocumentType = (id: number) =>
  apiFetch<null>(`${API}/staff/document-types/${id}/`, { method: "DELETE" });

// Configuration ---------------------------------------------------------------------------------
export const fetchSettings = (signal?: AbortSignal) =>
  apiFetch<DossierSettings>(`${API}/staff/dossier/settings/`, { signal });

export const updateSettings = (patch: DossierSettingsPatch) =>
  apiFetch<DossierSettings>(`${API}/staff/dossier/settings/`, { method: "PATCH", body: patch });

export const fetchFieldPolicies = (signal?: AbortSignal) =>
  apiFetch<FieldPolicyRow[]>(`${API}/staff/dossier/field-policies/`, { signal });

export const saveFieldPolicies = (input: FieldPoliciesInput) =>
  apiFetch<FieldPolicyRow[]>(`${API}/staff/dossier/field-policies/`, { method: "PUT", body: input });

/** The configurable lists (not paginated): meal types, school levels, questions, consents. */
export type ConfigListEndpoint = "meal-types" | "school-levels" | "authorisation-questions" | "consent-types";

export const fetchConfigList = <T,>(endpoint: ConfigListEndpoint, signal?: AbortSignal) =>
  apiFetch<T[]>(`${API}/staff/${endpoint}/`, { signal });

export const createConfigItem = <T,>(endpoint: ConfigListEndpoint, body: object) =>
  apiFetch<T>(`${API}/staff/${endpoint}/`, { method: "POST", body });

export const updateConfigItem = <T,>(endpoint: ConfigListEndpoint, id: number, body: object) =>
  apiFetch<T>(`${API}/staff/${endpoint}/${id}/`, { method: "PATCH", body });

export const deleteConfigItem = (endpoint: ConfigListEndpoint, id: number) =>
  apiFetch<null>(`${API}/staff/${endpoint}/${id}/`, { method: "DELETE" });

/**
 * multipart/form-data request (document type templates): apiFetch only
 * sends JSON. Same CSRF header and error classes.
 */
export async function apiSendForm<T>(path: string, method: string, form: FormData): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  const token = getCookie("csrftoken");
  if (token) headers["X-CSRFToken"] = token;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: form, credentials: "same-origin" });
  } catch (error) {
    throw new NetworkError(error);
  }
  const text = response.status === 204 ? "" : await response.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  if (!response.ok) throw new ApiError(response.status, body);
  return body as T;
}
