/**
 * API of the news part of the communication layer: Actualités, messages
 * d'accueil, Téléchargements and Mes envois (contract: docs/messaging.md, « News »).
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch, apiUpload } from "../../../api/client";
import type { Paginated } from "../../../components/list/ListView";
import type { components } from "../../../api/schema";

type Schemas = components["schemas"];

/** An item as readers see it; `text` is HTML cleaned by the server (p, br, strong, em, lists, links). */
export type NewsItem = Schemas["News"];
/** With `public`, `expire_at` and `status` (« Programmée », « Publiée » or « Expirée »). */
export type StaffNewsItem = Schemas["StaffNews"];
export type HomeMessage = Schemas["HomeMessage"];
export type CommunicationHome = Schemas["CommunicationHome"];
export type DownloadItem = Schemas["Download"];
/** With `expire_at` and `status` (« Programmé », « Publié » or « Retiré »). */
export type StaffDownloadItem = Schemas["StaffDownload"];
export type Submission = Schemas["Submission"];
export type StaffSubmission = Schemas["StaffSubmission"];

const BASE = "/api/v1/communication";
const STAFF = "/api/v1/staff/communication";

export const NEWS_URLS = {
  news: `${BASE}/news/`,
  newsItem: (id: number | string) => `${BASE}/news/${id}/`,
  home: `${BASE}/home/`,
  publicNews: `${BASE}/public/news/`,
  downloads: `${BASE}/downloads/`,
  submissions: `${BASE}/submissions/`,
  staffNews: `${STAFF}/news/`,
  staffNewsItem: (id: number | string) => `${STAFF}/news/${id}/`,
  staffHomeMessages: `${STAFF}/home-messages/`,
  staffDownloads: `${STAFF}/downloads/`,
  staffDownload: (id: number) => `${STAFF}/downloads/${id}/`,
  staffSubmissions: `${STAFF}/submissions/`,
  staffSubmissionSeen: (id: number) => `${STAFF}/submissions/${id}/seen`,
} as const;

export const newsKeys = {
  news: (limit?: number) => ["communication", "news", limit ?? "all"] as const,
  newsItem: (id: string) => ["communication", "news", "item", id] as const,
  home: ["communication", "home"] as const,
  publicNews: ["communication", "public-news"] as const,
  downloads: ["communication", "downloads"] as const,
  submissions: ["communication", "submissions"] as const,
  staffNews: ["staff", "communication", "news"] as const,
  staffNewsItem: (id: string) => ["staff", "communication", "news", id] as const,
  staffHomeMessages: ["staff", "communication", "home-messages"] as const,
  staffDownloads: ["staff", "communication", "downloads"] as const,
  staffSubmissions: (search: string) => ["staff", "communication", "submissions", search] as const,
};

export function useNews(limit?: number) {
  return useQuery({
    queryKey: newsKeys.news(limit),
    queryFn: ({ signal }) =>
      apiFetch<NewsItem[]>(limit ? `${NEWS_URLS.news}?limit=${limit}` : NEWS_URLS.news, { signal }),
  });
}

export function useNewsItem(id: string) {
  return useQuery({
    queryKey: newsKeys.newsItem(id),
    queryFn: ({ signal }) => apiFetch<NewsItem>(NEWS_URLS.newsItem(id), { signal }),
  });
}

export function useCommunicationHome() {
  return useQuery({
    queryKey: newsKeys.home,
    queryFn: ({ signal }) => apiFetch<CommunicationHome>(NEWS_URLS.home, { signal }),
    retry: false,
  });
}

export function usePublicNews() {
  return useQuery({
    queryKey: newsKeys.publicNews,
    queryFn: ({ signal }) => apiFetch<NewsItem[]>(NEWS_URLS.publicNews, { signal }),
    retry: false,
  });
}

export function useDownloads() {
  return useQuery({
    queryKey: newsKeys.downloads,
    queryFn: ({ signal }) => apiFetch<DownloadItem[]>(NEWS_URLS.downloads, { signal }),
  });
}

export function useSubmissions() {
  return useQuery({
    queryKey: newsKeys.submissions,
    queryFn: ({ signal }) => apiFetch<Submission[]>(NEWS_URLS.submissions, { signal }),
  });
}

export interface SubmissionInput {
  title: string;
  child: string;
  comment: string;
  thread: string;
  file: File;
}

export function sendSubmission(input: SubmissionInput): Promise<Submission> {
  const data = new FormData();
  data.append("title", input.title);
  if (input.child) data.append("child", input.child);
  if (input.comment) data.append("comment", input.comment);
  if (input.thread) data.append("thread", input.thread);
  data.append("file", input.file);
  return apiUpload<Submission>(NEWS_URLS.submissions, data);
}

// Staff ---------------------------------------------------------------------

export function useStaffNews() {
  return useQuery({
    queryKey: newsKeys.staffNews,
    queryFn: ({ signal }) => apiFetch<StaffNewsItem[]>(NEWS_URLS.staffNews, { signal }),
  });
}

export function useStaffNewsItem(id: string, enabled: boolean) {
  return useQuery({
    queryKey: newsKeys.staffNewsItem(id),
    queryFn: ({ signal }) => apiFetch<StaffNewsItem>(NEWS_URLS.staffNewsItem(id), { signal }),
    enabled,
  });
}

export interface NewsInput {
  title: string;
  text: string;
  image: File | null;
  /** Removes the current image (when no new one is sent). */
  remove_image: boolean;
  image_alt: string;
  publish_at: string;
  expire_at: string;
  audience: string;
  public: boolean;
  pinned: boolean;
}

/** Creates (no id) or updates a news item; multipart because of the image. */
export function saveNews(id: number | null, input: NewsInput): Promise<StaffNewsItem> {
  const data = new FormData();
  data.append("title", input.title);
  data.append("text", input.text);
  data.append("image_alt", input.image_alt);
  data.append("publish_at", input.publish_at);
  // An empty value clears the expiry (DRF reads "" as null for a nullable field).
  data.append("expire_at", input.expire_at);
  data.append("audience", input.audience);
  data.append("public", String(input.public));
  data.append("pinned", String(input.pinned));
  if (input.image) data.append("image", input.image);
  else if (input.remove_image) data.append("remove_image", "true");
  return id === null
    ? apiUpload<StaffNewsItem>(NEWS_URLS.staffNews, data)
    : apiUpload<StaffNewsItem>(NEWS_URLS.staffNewsItem(id), data, { method: "PATCH" });
}

export function deleteNews(id: number): Promise<null> {
  return apiFetch<null>(NEWS_URLS.staffNewsItem(id), { method: "DELETE" });
}

export function useStaffHomeMessages() {
  return useQuery({
    queryKey: newsKeys.staffHomeMessages,
    queryFn: ({ signal }) => apiFetch<HomeMessage[]>(NEWS_URLS.staffHomeMessages, { signal }),
  });
}

export function saveHomeMessage(input: { audience: string; text: string }): Promise<HomeMessage> {
  return apiFetch<HomeMessage>(NEWS_URLS.staffHomeMessages, { method: "PUT", body: input });
}

export function useStaffDownloads() {
  return useQuery({
    queryKey: newsKeys.staffDownloads,
    queryFn: ({ signal }) => apiFetch<StaffDownloadItem[]>(NEWS_URLS.staffDownloads, { signal }),
  });
}

export interface DownloadInput {
  title: string;
  description: string;
  module: string;
  season: string;
  publish_at: string;
  expire_at: string;
  file: File;
}

export function uploadDownload(input: DownloadInput): Promise<StaffDownloadItem> {
  const data = new FormData();
  data.append("title", input.title);
  data.append("description", input.description);
  data.append("module", input.module);
  data.append("season", input.season);
  if (input.publish_at) data.append("publish_at", input.publish_at);
  data.append("expire_at", input.expire_at);
  data.append("file", input.file);
  return apiUpload<StaffDownloadItem>(NEWS_URLS.staffDownloads, data);
}

export function deleteDownload(id: number): Promise<null> {
  return apiFetch<null>(NEWS_URLS.staffDownload(id), { method: "DELETE" });
}

export function useStaffSubmissions(search: string) {
  return useQuery({
    queryKey: newsKeys.staffSubmissions(search),
    queryFn: ({ signal }) => apiFetch<Paginated<StaffSubmission>>(`${NEWS_URLS.staffSubmissions}${search ? `?${search}` : ""}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function markSubmissionSeen(id: number): Promise<StaffSubmission> {
  return apiFetch<StaffSubmission>(NEWS_URLS.staffSubmissionSeen(id), { method: "POST" });
}
