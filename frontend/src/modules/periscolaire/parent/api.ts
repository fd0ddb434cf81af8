/**
 * The parent's booking API (catalogue, enrolments, planning, cart, semaine
 * type, absences): types come from the generated OpenAPI schema, one query
 * hook per resource, plain functions for the mutations.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ApiError, apiFetch, apiUpload } from "../../../api/client";
import type { components, operations } from "../../../api/schema.d.ts";

type Schemas = components["schemas"];

export type Activity = Schemas["Activity"];
export type Unit = Schemas["Unit"];
export type Enrolment = Schemas["Enrolment"];
export type EnrolmentStatus = Schemas["EnrolmentStatusEnum"];
export type EnrolmentInput = Schemas["EnrolmentRequestRequest"];
export type Planning = Schemas["Planning"];
export type DayInfo = Schemas["DayInfo"];
export type ChildPlanning = Schemas["ChildPlanning"];
export type ActivityBlock = Schemas["ActivityBlock"];
export type UnitRow = Schemas["UnitRow"];
export type Cell = Schemas["Cell"];
export type CellAction = Schemas["ActionsEnum"];
export type CartAction = Schemas["CartActionEnum"];
export type BookingChange = Schemas["BookingChangeRequest"];
export type Cart = Schemas["Cart"];
export type CartLine = Schemas["CartLine"];
export type CartUpdate = Schemas["CartUpdate"];
export type Checkout = Schemas["Checkout"];
export type Outcome = Schemas["Outcome"];
export type WeeklyTemplateInput = Schemas["WeeklyTemplateRequest"];
export type Parity = Schemas["ParityEnum"];
export type TemplateReport = Schemas["TemplateReport"];
export type Reservation = Schemas["Reservation"];
export type MissingItem = Schemas["MissingItem"];
export type PlanningQuery = NonNullable<operations["booking_planning"]["parameters"]["query"]>;

interface Page<T> {
  next?: string | null;
  results: T[];
}

const BASE = "/api/v1/booking";
export const BOOKING_URLS = {
  catalog: `${BASE}/catalog/`,
  enrolments: `${BASE}/enrolments/`,
  planning: `${BASE}/planning/`,
  cart: `${BASE}/cart/`,
  checkout: `${BASE}/cart/checkout/`,
  weeklyTemplate: `${BASE}/weekly-template/`,
  absences: `${BASE}/absences/`,
} as const;

export const bookingKeys = {
  all: ["booking"] as const,
  catalog: ["booking", "catalog"] as const,
  enrolments: ["booking", "enrolments"] as const,
  plannings: ["booking", "planning"] as const,
  planning: (month: string, child: string) => ["booking", "planning", month, child] as const,
  cart: ["booking", "cart"] as const,
};

/** "/api/v1/booking/planning/?month=2027-01&child=21" (only the given values, in that order). */
export function planningUrl(query: PlanningQuery): string {
  const search = new URLSearchParams();
  if (query.month) search.set("month", query.month);
  if (query.child !== undefined) search.set("child", String(query.child));
  const text = search.toString();
  return text ? `${BOOKING_URLS.planning}?${text}` : BOOKING_URLS.planning;
}

const MAX_PAGES = 20;

/** Every page of a DRF list (the `next` links are absolute: only their path is kept). */
export async function fetchAllPages<T>(url: string, signal?: AbortSignal): Promise<T[]> {
  const items: T[] = [];
  let next: string | null | undefined = url;
  for (let page = 0; next && page < MAX_PAGES; page += 1) {
    const body: Page<T> = await apiFetch<Page<T>>(next, { signal });
    items.push(...body.results);
    next = body.next ? relativePath(body.next) : null;
  }
  return items;
}

function relativePath(link: string): string {
  const url = new URL(link, window.location.origin);
  return `${url.pathname}${url.search}`;
}

export function useCatalog(enabled = true) {
  return useQuery({
    queryKey: bookingKeys.catalog,
    queryFn: ({ signal }) => fetchAllPages<Activity>(BOOKING_URLS.catalog, signal),
    staleTime: 60 * 1000,
    enabled,
  });
}

export function useEnrolments() {
  return useQuery({
    queryKey: bookingKeys.enrolments,
    queryFn: ({ signal }) => fetchAllPages<Enrolment>(BOOKING_URLS.enrolments, signal),
  });
}

/** month: "2027-01" or "" (the server's current month); child: an id or "" (all). */
export function usePlanning(month: string, child: string) {
  return useQuery({
    queryKey: bookingKeys.planning(month, child),
    queryFn: ({ signal }) =>
      apiFetch<Planning>(planningUrl({ month: month || undefined, child: child ? Number(child) : undefined }), { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCart() {
  return useQuery({ queryKey: bookingKeys.cart, queryFn: ({ signal }) => apiFetch<Cart>(BOOKING_URLS.cart, { signal }) });
}

export function requestEnrolment(input: EnrolmentInput): Promise<Enrolment> {
  return apiFetch<Enrolment>(BOOKING_URLS.enrolments, { method: "POST", body: input });
}

export function addToCart(changes: BookingChange[]): Promise<CartUpdate> {
  return apiFetch<CartUpdate>(BOOKING_URLS.cart, { method: "POST", body: { changes } });
}

/** "Tout supprimer", or one line. */
export function removeFromCart(line?: number): Promise<Cart> {
  const url = line === undefined ? BOOKING_URLS.cart : `${BOOKING_URLS.cart}?line=${line}`;
  return apiFetch<Cart>(url, { method: "DELETE" });
}

export function checkout(): Promise<Checkout> {
  return apiFetch<Checkout>(BOOKING_URLS.checkout, { method: "POST" });
}

export function applyWeeklyTemplate(input: WeeklyTemplateInput): Promise<TemplateReport> {
  return apiFetch<TemplateReport>(BOOKING_URLS.weeklyTemplate, { method: "POST", body: input });
}

export interface AbsenceInput {
  reservation: number;
  reason: string;
  document: File | null;
}

export function declareAbsence(input: AbsenceInput): Promise<Reservation> {
  const data = new FormData();
  data.append("reservation", String(input.reservation));
  if (input.reason) data.append("reason", input.reason);
  if (input.document) data.append("document", input.document);
  return apiUpload<Reservation>(BOOKING_URLS.absences, data);
}

/** The 400 of an enrolment refused because the family file is incomplete. */
export interface IncompleteDossier {
  message: string;
  missing: MissingItem[];
}

export function incompleteDossier(error: unknown): IncompleteDossier | null {
  if (!(error instanceof ApiError) || error.status !== 400) return null;
  const body = error.body as { detail?: unknown; missing?: unknown } | null;
  if (!body || !Array.isArray(body.missing)) return null;
  const detail = Array.isArray(body.detail) ? body.detail.filter((d): d is string => typeof d === "string") : [];
  const message = typeof body.detail === "string" ? body.detail : detail.join(" ");
  return {
    message: message || "Le dossier n'est pas complet pour cette activité : complétez ces éléments puis renouvelez la demande.",
    missing: body.missing as MissingItem[],
  };
}
