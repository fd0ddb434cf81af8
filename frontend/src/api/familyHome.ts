/**
 * What every parent page needs of the family file: the home's summary and
 * the consents to answer (the consents gate). Apart from ./family.ts so that
 * the rest of the family file loads with its pages.
 */
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "./client";
import type { components } from "./schema";

type Schemas = components["schemas"];

export type FamilyHome = Schemas["FamilyHome"];
export type MissingItem = Schemas["MissingItem"];
export type Consent = Schemas["Consent"];

export const HOME_URL = "/api/v1/family/home/";
export const CONSENTS_URL = "/api/v1/consents/";
export const homeQueryKey = ["family", "home"] as const;
export const consentsQueryKey = ["family", "consents"] as const;

export function useConsents(enabled = true) {
  return useQuery({
    queryKey: consentsQueryKey,
    queryFn: ({ signal }) => apiFetch<Consent[]>(CONSENTS_URL, { signal }),
    enabled,
  });
}

export function useFamilyHome() {
  return useQuery({ queryKey: homeQueryKey, queryFn: ({ signal }) => apiFetch<FamilyHome>(HOME_URL, { signal }) });
}
