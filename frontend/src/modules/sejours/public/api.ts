/**
 * The public catalogue of stays (anyone may read it): the list with its
 * filters, one stay's page. Types declared here (the lead regenerates the
 * OpenAPI schema at the end).
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch } from "../../../api/client";

export interface CampaignInfo {
  id: number;
  label: string;
  season: string;
  opens_at: string;
  closes_at: string;
  max_wishes: number;
  status: "preparing" | "published";
  is_open: boolean;
}

export interface Transport {
  id: number;
  city: string;
  supplement: string;
  meeting_place: string;
  meeting_at: string;
  return_at: string | null;
}

export interface StayMedia {
  id: number;
  kind: "photo" | "brochure";
  caption: string;
  content_type: string;
  url: string;
}

export interface StayPrice {
  method: "flat" | "quotient" | "per_day";
  min: string | null;
  max: string | null;
  label: string;
}

export type Availability = "available" | "waitlist" | "full";

export interface StaySummary {
  id: number;
  title: string;
  theme: string;
  destination: string;
  place: string;
  country: string;
  abroad: boolean;
  nautical: boolean;
  start_date: string;
  end_date: string;
  days: number;
  min_age: number | null;
  max_age: number | null;
  school_levels: { id: number; label: string }[];
  capacity: number;
  places_left: number;
  availability: Availability;
  availability_label: string;
  price: StayPrice;
  transports: Transport[];
  photo: StayMedia | null;
  campaign: CampaignInfo | null;
}

export interface StayChildChoice {
  id: number;
  first_name: string;
  eligible: boolean;
  reason: string;
  wish_rank: number | null;
  wish_status: string;
}

export interface StayDetail extends StaySummary {
  description: string;
  media: StayMedia[];
  documents: { id: number; name: string; description: string; scope: "family" | "child" }[];
  /** This family's price (signed in), transport excluded. */
  quote: string | null;
  /** For a signed-in family: each child, whether the stay is open to them. */
  children: StayChildChoice[];
}

export interface Catalogue {
  themes: string[];
  results: StaySummary[];
}

export interface CatalogueFilters {
  age?: string;
  child?: string;
  from?: string;
  to?: string;
  theme?: string;
}

const BASE = "/api/v1/sejours/stays/";
export const FILTER_KEYS = ["child", "age", "from", "to", "theme"] as const;

export const catalogueKeys = {
  all: ["sejours", "catalogue"] as const,
  list: (filters: CatalogueFilters) => ["sejours", "catalogue", "list", filters] as const,
  stay: (id: string) => ["sejours", "catalogue", "stay", id] as const,
};

/** "/api/v1/sejours/stays/?age=8&theme=Mer" (only the filters given, in a fixed order). */
export function catalogueUrl(filters: CatalogueFilters): string {
  const search = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) search.set(key, value);
  }
  const text = search.toString();
  return text ? `${BASE}?${text}` : BASE;
}

export function stayUrl(id: string | number): string {
  return `${BASE}${id}/`;
}

export function useCatalogue(filters: CatalogueFilters) {
  return useQuery({
    queryKey: catalogueKeys.list(filters),
    queryFn: ({ signal }) => apiFetch<Catalogue>(catalogueUrl(filters), { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useStay(id: string) {
  return useQuery({
    queryKey: catalogueKeys.stay(id),
    queryFn: ({ signal }) => apiFetch<StayDetail>(stayUrl(id), { signal }),
  });
}

/** "de 6 à 12 ans", "à partir de 12 ans", "jusqu'à 8 ans", or "" when open to all ages. */
export function agesLabel(stay: Pick<StaySummary, "min_age" | "max_age">): string {
  const { min_age: low, max_age: high } = stay;
  if (low !== null && high !== null) return `de ${low} à ${high} ans`;
  if (low !== null) return `à partir de ${low} ans`;
  if (high !== null) return `jusqu'à ${high} ans`;
  return "";
}

/** Who the stay is for: ages and/or classes. */
export function audienceLabel(stay: Pick<StaySummary, "min_age" | "max_age" | "school_levels">): string {
  const ages = agesLabel(stay);
  const levels = stay.school_levels.map((level) => level.label).join(", ");
  if (ages && levels) return `${ages}, classes ${levels}`;
  if (levels) return `classes ${levels}`;
  return ages || "tous âges";
}
