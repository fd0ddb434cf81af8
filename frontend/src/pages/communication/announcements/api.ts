/**
 * The announcements part of the communication layer: the staff's targeted
 * announcements (drafts, live count, sending, progress, read receipts), the
 * parents' announcements, the notification preferences and the one-click
 * unsubscribe. Types come from the generated OpenAPI schema
 * (api/communication/announcements_*.py); the target criteria, JSON there, are typed here.
 */
import { apiFetch, apiUpload } from "../../../api/client";
import type { components } from "../../../api/schema";
import type { Paginated } from "../../../components/list/ListView";

const API = "/api/v1";
const STAFF = `${API}/staff/communication`;
const FAMILY = `${API}/communication`;

// Target criteria ---------------------------------------------------------------------------------
export type Criterion =
  | { kind: "all" }
  | { kind: "module"; module: string }
  | { kind: "activity"; activity: number }
  | { kind: "group"; group: number }
  | { kind: "reservation"; date: string; unit: number | null; activity: number | null }
  | { kind: "unpaid" }
  | { kind: "families"; families: number[] };

export type CriterionKind = Criterion["kind"];

type Schemas = components["schemas"];

/** The recipients' count (preview of the criteria). */
export type TargetPreview = Schemas["Reach"];
export type TargetOptions = Schemas["TargetOptions"];

// Staff announcements -----------------------------------------------------------------------------
export type AnnouncementState = Schemas["AnnouncementStateEnum"];
export type AttachmentInfo = Schemas["Attachment"];

/** The schema marks the model's defaulted fields optional: the API always sends them. */
export type StaffAnnouncement = Required<Schemas["AnnouncementSummary"]>;

/** `target` is JSON in the schema: the criteria as saved. */
export type StaffAnnouncementDetail = Omit<Required<Schemas["AnnouncementDetail"]>, "target"> & { target: Criterion[] };

export interface AnnouncementInput {
  title: string;
  text: string;
  target: Criterion[];
  by_email: boolean;
  urgent: boolean;
}

export type SendProgress = Schemas["Progress"];
export type Receipt = Schemas["Receipt"];

/** A family of the staff search (GET /api/v1/staff/families/?q=, api/dossier/staff.py FamilySearchView). */
export type FamilyHit = Pick<Schemas["FamilySummary"], "id" | "number" | "name" | "guardians" | "children">;

// Parents -----------------------------------------------------------------------------------------
export type FamilyAnnouncement = Schemas["FamilyAnnouncementSummary"];
export type FamilyAnnouncementDetail = Schemas["FamilyAnnouncement"];
export type Preferences = Schemas["Preferences"];
export type UnsubscribeInfo = Schemas["Unsubscribe"];

export const URLS = {
  list: `${STAFF}/announcements/`,
  detail: (id: number) => `${STAFF}/announcements/${id}/`,
  attachments: (id: number) => `${STAFF}/announcements/${id}/attachments/`,
  attachment: (id: number, attachmentId: number) => `${STAFF}/announcements/${id}/attachments/${attachmentId}`,
  preview: `${STAFF}/announcements/preview`,
  send: (id: number) => `${STAFF}/announcements/${id}/send`,
  progress: (id: number) => `${STAFF}/announcements/${id}/progress`,
  receipts: (id: number) => `${STAFF}/announcements/${id}/receipts/`,
  targetOptions: `${STAFF}/target-options/`,
  families: `${API}/staff/families/`,
  familyList: `${FAMILY}/announcements/`,
  familyDetail: (id: number | string) => `${FAMILY}/announcements/${id}/`,
  preferences: `${FAMILY}/preferences/`,
  unsubscribe: (token: string) => `${FAMILY}/unsubscribe/?token=${encodeURIComponent(token)}`,
} as const;

export const announcementKeys = {
  staffList: (page: number) => ["communication", "announcements", "staff", "list", page] as const,
  staffListAll: ["communication", "announcements", "staff", "list"] as const,
  staffDetail: (id: number) => ["communication", "announcements", "staff", "detail", id] as const,
  progress: (id: number) => ["communication", "announcements", "staff", "progress", id] as const,
  receipts: (id: number, read: string, page: number) => ["communication", "announcements", "staff", "receipts", id, read, page] as const,
  targetOptions: ["communication", "announcements", "target-options"] as const,
  preview: (target: Criterion[]) => ["communication", "announcements", "preview", JSON.stringify(target)] as const,
  families: (q: string) => ["communication", "announcements", "families", q] as const,
  familyList: ["communication", "announcements", "family", "list"] as const,
  familyDetail: (id: string) => ["communication", "announcements", "family", "detail", id] as const,
  preferences: ["communication", "preferences"] as const,
  unsubscribe: (token: string) => ["communication", "unsubscribe", token] as const,
};

/** Polling period of a sending announcement (tests shorten it). */
export const sendPolling = { interval: 2000 };

const pageQuery = (page: number) => (page > 1 ? `?page=${page}` : "");

export const fetchAnnouncements = (page: number, signal?: AbortSignal) =>
  apiFetch<Paginated<StaffAnnouncement>>(`${URLS.list}${pageQuery(page)}`, { signal });
export const fetchAnnouncement = (id: number, signal?: AbortSignal) =>
  apiFetch<StaffAnnouncementDetail>(URLS.detail(id), { signal });
export const createAnnouncement = (input: AnnouncementInput) =>
  apiFetch<StaffAnnouncementDetail>(URLS.list, { method: "POST", body: input });
export const updateAnnouncement = (id: number, input: AnnouncementInput) =>
  apiFetch<StaffAnnouncementDetail>(URLS.detail(id), { method: "PATCH", body: input });
export const deleteAnnouncement = (id: number) => apiFetch<null>(URLS.detail(id), { method: "DELETE" });
export const sendAnnouncement = (id: number) => apiFetch<StaffAnnouncementDetail>(URLS.send(id), { method: "POST" });
export const fetchProgress = (id: number, signal?: AbortSignal) => apiFetch<SendProgress>(URLS.progress(id), { signal });
export const fetchTargetOptions = (signal?: AbortSignal) => apiFetch<TargetOptions>(URLS.targetOptions, { signal });
export const previewTarget = (target: Criterion[], signal?: AbortSignal) =>
  apiFetch<TargetPreview>(URLS.preview, { method: "POST", body: { target }, signal });

export function uploadAttachment(id: number, file: File) {
  const data = new FormData();
  data.append("file", file);
  return apiUpload<AttachmentInfo>(URLS.attachments(id), data);
}
export const deleteAttachment = (id: number, attachmentId: number) =>
  apiFetch<null>(URLS.attachment(id, attachmentId), { method: "DELETE" });

/** The receipts filter: every family, those who read it, those who did not. */
export type ReadFilter = "" | "yes" | "no";

export function receiptsUrl(id: number, read: ReadFilter, page: number): string {
  const search = new URLSearchParams();
  if (read) search.set("read", read);
  if (page > 1) search.set("page", String(page));
  const text = search.toString();
  return text ? `${URLS.receipts(id)}?${text}` : URLS.receipts(id);
}
export const fetchReceipts = (id: number, read: ReadFilter, page: number, signal?: AbortSignal) =>
  apiFetch<Paginated<Receipt>>(receiptsUrl(id, read, page), { signal });

export const searchFamilies = (q: string, signal?: AbortSignal) =>
  apiFetch<Paginated<FamilyHit>>(`${URLS.families}?q=${encodeURIComponent(q)}`, { signal });

export const fetchFamilyAnnouncements = (signal?: AbortSignal) => apiFetch<FamilyAnnouncement[]>(URLS.familyList, { signal });
export const fetchFamilyAnnouncement = (id: string, signal?: AbortSignal) =>
  apiFetch<FamilyAnnouncementDetail>(URLS.familyDetail(id), { signal });

export const fetchPreferences = (signal?: AbortSignal) => apiFetch<Preferences>(URLS.preferences, { signal });
export const savePreferences = (choices: { kind: string; email: boolean }[]) =>
  apiFetch<Preferences>(URLS.preferences, { method: "PUT", body: { preferences: choices } });

export const readUnsubscribe = (token: string, signal?: AbortSignal) => apiFetch<UnsubscribeInfo>(URLS.unsubscribe(token), { signal });
export const confirmUnsubscribe = (token: string) =>
  apiFetch<UnsubscribeInfo>(URLS.unsubscribe(token), { method: "POST", body: { token } });

/** Whether the announcement is still being delivered (its progress is polled). */
export const isSending = (state: AnnouncementState) => state === "queued" || state === "sending";

/** "3,2 Mo", "120 ko". */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} Mo`;
  return `${Math.max(1, Math.round(bytes / 1024))} ko`;
}
