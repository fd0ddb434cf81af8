/** Staff API of the attestations d'inscription (types from the generated OpenAPI schema). */
import { apiFetch } from "../../../api/client";
import type { components } from "../../../api/schema.d.ts";
import { API, queryString } from "../../../pages/staff/api";

type Schemas = components["schemas"];

export type StaffCertificate = Schemas["StaffCertificate"];
export type CertificatePage = Schemas["PaginatedStaffCertificateList"];
export type CertificateDecision = Schemas["CertificateDecisionRequest"];

const BASE = `${API}/staff/booking/certificates`;

export const certificateKeys = {
  all: ["staff", "booking", "certificates"] as const,
  list: (filters: object) => ["staff", "booking", "certificates", filters] as const,
};

export interface CertificateFilters {
  activity: string;
  page: number;
}

export const fetchCertificates = (filters: CertificateFilters, signal?: AbortSignal) =>
  apiFetch<CertificatePage>(`${BASE}/${queryString({ state: "requested", activity: filters.activity, page: filters.page > 1 ? filters.page : null })}`, { signal });

export const decideCertificates = (input: CertificateDecision) =>
  apiFetch<StaffCertificate[]>(`${BASE}/decide/`, { method: "POST", body: input });
