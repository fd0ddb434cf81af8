/** Messagerie: the API calls of the family and staff pages (types from the generated schema). */
import { useQuery } from "@tanstack/react-query";
import { apiFetch, apiUpload } from "../../../api/client";
import type { components } from "../../../api/schema";
import { UNREAD_KEY } from "./unread";

type Schemas = components["schemas"];

export type ThreadState = Schemas["ThreadStateEnum"];
export type Named = Schemas["MessagingUserRef"];
export type FamilyService = Schemas["ServiceOption"];
/** A service the staff member reads, with its active themes (the inbox's filters). */
export type StaffService = Schemas["ServiceOption"];
export type FamilyThread = Schemas["FamilyThread"];
export type FamilyThreadDetail = Schemas["FamilyThreadDetail"];
/** A message as either side sees it (`internal` only for the staff). */
export type ThreadMessage = Schemas["ThreadMessage"] & { internal?: boolean };
export type StaffThread = Schemas["StaffThread"];
export type StaffThreadDetail = Schemas["StaffThreadDetail"];
export type StaffThreadPage = Schemas["PaginatedStaffThreadList"];
export type QuickReply = Schemas["QuickReply"];
export type ThemeConfig = Schemas["ThemeConfig"];
export type ServiceConfig = Schemas["ServiceConfig"];
export type RoleAccess = Schemas["AccessRow"];
export type MessagingSettings = Schemas["CommunicationSettings"];

const FAMILY = "/api/v1/communication";
const STAFF = "/api/v1/staff/communication";

export const URLS = {
  services: `${FAMILY}/services/`,
  threads: `${FAMILY}/threads/`,
  thread: (id: number) => `${FAMILY}/threads/${id}/`,
  threadMessages: (id: number) => `${FAMILY}/threads/${id}/messages/`,
  staffThreads: `${STAFF}/threads/`,
  staffThread: (id: number) => `${STAFF}/threads/${id}/`,
  staffThreadMessages: (id: number) => `${STAFF}/threads/${id}/messages/`,
  staffAssign: (id: number) => `${STAFF}/threads/${id}/assign`,
  staffClose: (id: number) => `${STAFF}/threads/${id}/close`,
  staffReopen: (id: number) => `${STAFF}/threads/${id}/reopen`,
  assignees: (service: number) => `${STAFF}/assignees/?service=${service}`,
  myServices: `${STAFF}/my-services/`,
  quickReplies: `${STAFF}/quick-replies/`,
  quickReply: (id: number) => `${STAFF}/quick-replies/${id}/`,
  staffServices: `${STAFF}/services/`,
  staffService: (id: number) => `${STAFF}/services/${id}/`,
  serviceThemes: (id: number) => `${STAFF}/services/${id}/themes/`,
  theme: (id: number) => `${STAFF}/themes/${id}/`,
  access: `${STAFF}/access/`,
  settings: `${STAFF}/settings/`,
} as const;

export const messagingKeys = {
  all: ["communication", "messaging"] as const,
  services: ["communication", "messaging", "services"] as const,
  threads: ["communication", "messaging", "threads"] as const,
  thread: (id: number) => ["communication", "messaging", "threads", id] as const,
  staffThreads: (filters: object) => ["communication", "messaging", "staff", "threads", filters] as const,
  staffThread: (id: number) => ["communication", "messaging", "staff", "thread", id] as const,
  assignees: (service: number) => ["communication", "messaging", "staff", "assignees", service] as const,
  myServices: ["communication", "messaging", "staff", "my-services"] as const,
  quickReplies: ["communication", "messaging", "staff", "quick-replies"] as const,
  config: (what: string) => ["communication", "messaging", "staff", "config", what] as const,
  unread: UNREAD_KEY,
};

/** "?a=1&b=2" from the non-empty values ("" when none). */
export function queryString(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

// Family ----------------------------------------------------------------------------------------

export function useFamilyServices() {
  return useQuery({ queryKey: messagingKeys.services, queryFn: ({ signal }) => apiFetch<FamilyService[]>(URLS.services, { signal }) });
}

export function useFamilyThreads() {
  return useQuery({ queryKey: messagingKeys.threads, queryFn: ({ signal }) => apiFetch<FamilyThread[]>(URLS.threads, { signal }) });
}

export function useFamilyThread(id: number) {
  return useQuery({
    queryKey: messagingKeys.thread(id),
    queryFn: ({ signal }) => apiFetch<FamilyThreadDetail>(URLS.thread(id), { signal }),
  });
}

export interface NewThreadInput {
  service: number;
  theme: number | null;
  child: number | null;
  subject: string;
  text: string;
  attachments: readonly File[];
}

function withAttachments(data: FormData, files: readonly File[]): FormData {
  for (const file of files) data.append("attachments", file);
  return data;
}

export function createThread(input: NewThreadInput): Promise<FamilyThreadDetail> {
  const data = new FormData();
  data.append("service", String(input.service));
  if (input.theme !== null) data.append("theme", String(input.theme));
  if (input.child !== null) data.append("child", String(input.child));
  data.append("subject", input.subject);
  data.append("text", input.text);
  return apiUpload<FamilyThreadDetail>(URLS.threads, withAttachments(data, input.attachments));
}

export function postFamilyMessage(thread: number, text: string, attachments: readonly File[]): Promise<ThreadMessage> {
  const data = new FormData();
  data.append("text", text);
  return apiUpload<ThreadMessage>(URLS.threadMessages(thread), withAttachments(data, attachments));
}

// Staff -----------------------------------------------------------------------------------------

export interface InboxFilters {
  service: string;
  theme: string;
  state: string;
  assignee: string;
  q: string;
}

export function fetchInbox(filters: InboxFilters & { page: number }, signal?: AbortSignal): Promise<StaffThreadPage> {
  const { page, ...rest } = filters;
  return apiFetch<StaffThreadPage>(`${URLS.staffThreads}${queryString({ ...rest, page: page > 1 ? page : undefined })}`, { signal });
}

export function useStaffThread(id: number) {
  return useQuery({
    queryKey: messagingKeys.staffThread(id),
    queryFn: ({ signal }) => apiFetch<StaffThreadDetail>(URLS.staffThread(id), { signal }),
  });
}

export function useAssignees(service: number | undefined) {
  return useQuery({
    queryKey: messagingKeys.assignees(service ?? 0),
    queryFn: ({ signal }) => apiFetch<Named[]>(URLS.assignees(service ?? 0), { signal }),
    enabled: service !== undefined,
  });
}

/** The services whose conversations the user reads (any staff role reading messages). */
export function useMyServices() {
  return useQuery({ queryKey: messagingKeys.myServices, queryFn: ({ signal }) => apiFetch<StaffService[]>(URLS.myServices, { signal }) });
}

export function useQuickReplies() {
  return useQuery({ queryKey: messagingKeys.quickReplies, queryFn: ({ signal }) => apiFetch<QuickReply[]>(URLS.quickReplies, { signal }) });
}

export function postStaffMessage(thread: number, text: string, internal: boolean, attachments: readonly File[]): Promise<ThreadMessage> {
  const data = new FormData();
  data.append("text", text);
  data.append("internal", internal ? "true" : "false");
  return apiUpload<ThreadMessage>(URLS.staffThreadMessages(thread), withAttachments(data, attachments));
}

export const assignThread = (thread: number, assignee: number | null) =>
  apiFetch<StaffThreadDetail>(URLS.staffAssign(thread), { method: "POST", body: { assignee } });
export const closeThread = (thread: number) => apiFetch<StaffThreadDetail>(URLS.staffClose(thread), { method: "POST" });
export const reopenThread = (thread: number) => apiFetch<StaffThreadDetail>(URLS.staffReopen(thread), { method: "POST" });

// Configuration ---------------------------------------------------------------------------------

export function useConfig<T>(what: string, url: string) {
  return useQuery({ queryKey: messagingKeys.config(what), queryFn: ({ signal }) => apiFetch<T>(url, { signal }) });
}
