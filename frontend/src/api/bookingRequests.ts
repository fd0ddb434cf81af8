/**
 * « Mes demandes », bookings side: the family's booking requests, cancellation
 * requests and declared absences with the structure's answers
 * (GET /api/v1/booking/requests/, newest first, paginated).
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch } from "./client";
import type { components } from "./schema";

export type BookingRequest = components["schemas"]["BookingRequest"];
export type BookingRequestKind = BookingRequest["kind"];
export type BookingRequestPage = components["schemas"]["PaginatedBookingRequestList"];

export const BOOKING_REQUESTS_URL = "/api/v1/booking/requests/";

export const bookingRequestKeys = {
  all: ["booking", "requests"] as const,
  list: (kind: string, page: number) => ["booking", "requests", kind, page] as const,
};

export function bookingRequestsUrl(kind: BookingRequestKind | "", page: number): string {
  const params = new URLSearchParams();
  if (kind) params.set("type", kind);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `${BOOKING_REQUESTS_URL}?${query}` : BOOKING_REQUESTS_URL;
}

export function useBookingRequests(kind: BookingRequestKind | "", page: number, enabled = true) {
  return useQuery({
    queryKey: bookingRequestKeys.list(kind, page),
    queryFn: ({ signal }) => apiFetch<BookingRequestPage>(bookingRequestsUrl(kind, page), { signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}
