/**
 * The families' préinscription: the campaign, a child's ranked wishes and
 * what the child's file still lacks for the stays. Types declared here (the
 * lead regenerates the OpenAPI schema at the end).
 */
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "../../../api/client";
import type { CampaignInfo, StaySummary } from "../public/api";

export type WishStatus = "pending" | "offered" | "accepted" | "waitlisted" | "refused" | "declined" | "expired" | "withdrawn" | "cancelled";

export interface ChildRef {
  id: number;
  first_name: string;
  last_name: string;
}

export interface Wish {
  id: number;
  rank: number;
  stay: number;
  stay_title: string;
  start_date: string;
  end_date: string;
  transport: number | null;
  transport_city: string;
  together_with: number | null;
  friend_name: string;
  comment: string;
  status: WishStatus;
  status_label: string;
  waitlist_position: number | null;
  accept_by: string | null;
}

export interface ChildWishes {
  child: ChildRef;
  campaign: CampaignInfo | null;
  /** The campaign takes wishes and the commission has not answered for this child. */
  can_edit: boolean;
  siblings: ChildRef[];
  /** The campaign's stays open to this child (age on the first day, classes). */
  stays: StaySummary[];
  wishes: Wish[];
}

export interface WishInput {
  stay: number;
  transport: number | null;
  together_with: number | null;
  friend_name: string;
  comment: string;
}

export interface MissingItem {
  kind: "field" | "consent" | "authorisation" | "document" | "module";
  code: string;
  label: string;
  link: string;
  child_id: number | null;
  child_name: string;
}

export interface ChildFile {
  complete: boolean;
  message: string;
  items: MissingItem[];
}

const BASE = "/api/v1/sejours";
export const WISHES_URLS = {
  campaign: `${BASE}/campaign/`,
  wishes: (childId: number | string) => `${BASE}/children/${childId}/wishes/`,
  wish: (childId: number | string, wishId: number) => `${BASE}/children/${childId}/wishes/${wishId}`,
  file: (childId: number | string) => `${BASE}/children/${childId}/file`,
};

export const wishesKeys = {
  all: ["sejours", "wishes"] as const,
  campaign: ["sejours", "wishes", "campaign"] as const,
  child: (childId: string) => ["sejours", "wishes", "child", childId] as const,
  file: (childId: string) => ["sejours", "wishes", "file", childId] as const,
};

export function useCampaign() {
  return useQuery({
    queryKey: wishesKeys.campaign,
    queryFn: ({ signal }) => apiFetch<{ campaign: CampaignInfo | null }>(WISHES_URLS.campaign, { signal }),
  });
}

export function useChildWishes(childId: string) {
  return useQuery({
    queryKey: wishesKeys.child(childId),
    queryFn: ({ signal }) => apiFetch<ChildWishes>(WISHES_URLS.wishes(childId), { signal }),
  });
}

export function useChildFile(childId: string) {
  return useQuery({
    queryKey: wishesKeys.file(childId),
    queryFn: ({ signal }) => apiFetch<ChildFile>(WISHES_URLS.file(childId), { signal }),
  });
}

/** Replaces the child's wishes by `wishes`, vœu 1 first (empty: withdraws them all). */
export function saveWishes(childId: string, wishes: WishInput[]): Promise<ChildWishes> {
  return apiFetch<ChildWishes>(WISHES_URLS.wishes(childId), { method: "PUT", body: { wishes } });
}

/** Withdraws one wish; the next ones move up. */
export function withdrawWish(childId: string, wishId: number): Promise<ChildWishes> {
  return apiFetch<ChildWishes>(WISHES_URLS.wish(childId, wishId), { method: "DELETE" });
}

/** The wishes as the form edits them, from the server's. */
export function toInputs(wishes: readonly Wish[]): WishInput[] {
  return wishes
    .filter((w) => w.status === "pending")
    .map((w) => ({
      stay: w.stay,
      transport: w.transport,
      together_with: w.together_with,
      friend_name: w.friend_name,
      comment: w.comment,
    }));
}
