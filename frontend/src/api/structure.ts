import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiFetch } from "./client";
import type { components } from "./schema";

export type Structure = components["schemas"]["Structure"];
export type StructureModule = Structure["modules"][number];
export type ActivityKind = StructureModule["activity_kinds"][number];
export type NavigationEntry = Structure["navigation"][number];
export type Audience = NavigationEntry["audience"];
export type LegendEntry = Structure["legend"][number];

export const STRUCTURE_URL = "/api/v1/structure/";
export const structureQueryKey = ["structure"] as const;

export function fetchStructure(signal?: AbortSignal): Promise<Structure> {
  return apiFetch<Structure>(STRUCTURE_URL, { signal });
}

/** The structure's query, shared by <RootLayout> and the router (modules' routes). */
export const structureQuery = queryOptions({
  queryKey: structureQueryKey,
  queryFn: ({ signal }) => fetchStructure(signal),
  staleTime: 5 * 60 * 1000,
});

export function useStructureQuery() {
  return useQuery(structureQuery);
}
