/**
 * « Mes séjours »: the family's wishes and places (OFFERS part) and the
 * money of a place (MONEY part's /account and /cancel routes). Types are
 * declared here until the OpenAPI schema is regenerated.
 */
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "../../../api/client";

export type WishStatus =
  | "pending"
  | "offered"
  | "accepted"
  | "waitlisted"
  | "refused"
  | "declined"
  | "expired"
  | "withdrawn"
  | "cancelled";

export interface PlaceInvoice {
  id: number;
  number: string;
  status: string;
  status_label: string;
  total: string;
  settled_amount: string;
}

export interface PlaceStay {
  id: number;
  name: string;
  theme: string;
  destination: string;
  start_date: string;
  end_date: string;
  status: string;
}

export interface Place {
  id: number;
  child_id: number;
  child_first_name: string;
  campaign_id: number | null;
  stay: PlaceStay;
  rank: number;
  status: WishStatus;
  status_label: string;
  waitlist_position: number | null;
  reason: string;
  offered_at: string | null;
  accept_by: string | null;
  accepted_at: string | null;
  transport_city: string | null;
  price: string | null;
  deposit_invoice: PlaceInvoice | null;
  balance_invoice: PlaceInvoice | null;
  can_answer: boolean;
  contract_url: string | null;
  convocation_url: string | null;
  /** Detail only: the accepted places accepting this one would cancel and refund. */
  swaps?: string[];
}

export interface PlaceCampaign {
  id: number;
  label: string;
  season: string;
  opens_at: string;
  closes_at: string;
  status: "preparing" | "published";
  status_label: string;
  is_open: boolean;
}

export interface ChildPlaces {
  id: number;
  first_name: string;
  last_name: string;
  places: Place[];
}

export interface MyStays {
  campaign: PlaceCampaign | null;
  children: ChildPlaces[];
}

/** MONEY part's GET /places/<id>/account. */
export interface PlaceAccount {
  price: string | null;
  lines: string[];
  deposit: { amount: string; invoice_id: number | null; number: string | null; status: string | null } | null;
  balance: { amount: string; due_on: string | null; invoice_id: number | null } | null;
  aids: { label: string; amount: string }[];
  left_to_pay: string | null;
  cancellation: { can_cancel: boolean; preview_kept: string | null; preview_refund: string | null } | null;
}

export interface CancelInput {
  reason: string;
  medical: boolean;
}

const BASE = "/api/v1/sejours/places/";

export const PLACES_URLS = {
  list: BASE,
  place: (id: number | string) => `${BASE}${id}/`,
  accept: (id: number | string) => `${BASE}${id}/accept`,
  decline: (id: number | string) => `${BASE}${id}/decline`,
  account: (id: number | string) => `${BASE}${id}/account`,
  cancel: (id: number | string) => `${BASE}${id}/cancel`,
} as const;

export const placesKeys = {
  all: ["sejours", "places"] as const,
  place: (id: string) => ["sejours", "places", id] as const,
  account: (id: string) => ["sejours", "places", id, "account"] as const,
};

export function useMyStays() {
  return useQuery({ queryKey: placesKeys.all, queryFn: ({ signal }) => apiFetch<MyStays>(PLACES_URLS.list, { signal }) });
}

export function usePlace(id: string) {
  return useQuery({ queryKey: placesKeys.place(id), queryFn: ({ signal }) => apiFetch<Place>(PLACES_URLS.place(id), { signal }) });
}

/** The money of a confirmed place (asked only once the place is accepted). */
export function usePlaceAccount(id: string, enabled: boolean) {
  return useQuery({
    queryKey: placesKeys.account(id),
    queryFn: ({ signal }) => apiFetch<PlaceAccount>(PLACES_URLS.account(id), { signal }),
    enabled,
  });
}

export const acceptPlace = (id: number) => apiFetch<Place>(PLACES_URLS.accept(id), { method: "POST" });
export const declinePlace = (id: number) => apiFetch<Place>(PLACES_URLS.decline(id), { method: "POST" });
export const cancelPlace = (id: number, input: CancelInput) => apiFetch<unknown>(PLACES_URLS.cancel(id), { method: "POST", body: input });

/** What a wish's answer means for the family, in a few words. */
export const PLACE_STATUS: Record<WishStatus, { label: string; icon: "check" | "cross" | "hourglass" | "warning" | "list" | "minus" }> = {
  pending: { label: "En attente de la commission", icon: "hourglass" },
  offered: { label: "Place attribuée : à confirmer", icon: "warning" },
  accepted: { label: "Place confirmée", icon: "check" },
  waitlisted: { label: "Liste d'attente", icon: "list" },
  refused: { label: "Refusée", icon: "cross" },
  declined: { label: "Place déclinée", icon: "minus" },
  expired: { label: "Place non confirmée à temps", icon: "cross" },
  withdrawn: { label: "Vœu retiré", icon: "minus" },
  cancelled: { label: "Annulée", icon: "minus" },
};
