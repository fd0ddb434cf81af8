/**
 * GET /api/v1/home/summary/: the tiles of the logged-in user's home (parent
 * or staff), each contributed by one of the structure's enabled modules.
 */
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "./client";
import type { components } from "./schema";

export type HomeSummary = components["schemas"]["HomeSummary"];
export type HomeTile = components["schemas"]["HomeTile"];

export const HOME_SUMMARY_URL = "/api/v1/home/summary/";
export const homeSummaryQueryKey = ["home", "summary"] as const;

export function useHomeSummary() {
  return useQuery({
    queryKey: homeSummaryQueryKey,
    queryFn: ({ signal }) => apiFetch<HomeSummary>(HOME_SUMMARY_URL, { signal }),
  });
}
