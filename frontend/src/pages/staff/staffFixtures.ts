import { makeStaff, makeStructure, sessionBody } from "../../test/fixtures";
import type { FamilySummary, FieldPolicyRow, StaffChangeRequest, StaffDocument, StaffFamilyFile } from "./api";

export const STAFF_SESSION = {
  "GET /api/v1/structure/": { body: makeStructure() },
  "GET /api/v1/auth/session": { body: sessionBody(makeStaff()) },
};

export function page<T>(results: T[]) {
  return { count: results.length, next: null, previous: null, results };
}

export function makeSummary(overrides: Partial<FamilySummary> = {}): FamilySummary {
  return {
    id: 7,
    number: 1042,
    name: "Martin",
    status: "awaiting_validation",
    status_label: "En attente de validation",
    city: "Saint-Alban",
    email: "claire.martin@example.fr",
    guardians: ["Claire Martin"],
    children: ["Léo Martin"],
    created_at: "2026-11-20T09:30:00Z",
    refusal_reason: "",
    ...overrides,
  };
}

export function makeRequest(overrides: Partial<StaffChangeRequest> = {}): StaffChangeRequest {
  return {
    id: 1,
    category: "foyer",
    category_label: "Foyer",
    target_type: "family",
    target_id: 7,
    target_label: "Foyer Martin",
    changes: [{ field: "city", label: "Ville", before: "Lyon", after: "Saint-Alban" }],
    status: "pending",
    status_label: "En attente",
    reason: "",
    created_at: "2026-11-21T10:00:00Z",
    decided_at: null,
    family_id: 7,
    family_number: 1042,
    family_name: "Martin",
    ...overrides,
  };
}

export function makeDocument(overrides: Partial<StaffDocument> = {}): StaffDocument {
  return {
    uuid: "5b0c6f7e-0000-4000-8000-000000000001",
    original_name: "attestation.pdf",
    content_type: "application/pdf",
    size: 120000,
    uploaded_at: "2026-11-21T08:00:00Z",
    status: "awaiting_review",
    status_label: "En attente de vérification",
    rejection_reason: "",
    valid_until: null,
    file_url: "/api/v1/staff/documents/5b0c6f7e-0000-4000-8000-000000000001/file",
    document_type: { id: 3, name: "Attestation d'assurance" },
    child: { id: 11, first_name: "Léo", last_name: "Martin" },
    family: { id: 7, number: 1042, name: "Martin" },
    reviewed_at: null,
    reviewed_by_name: null,
    ...overrides,
  };
}

export function makeFamilyFile(overrides: Partial<StaffFamilyFile> = {}): StaffFamilyFile {
  return {
    family: {
      id: 7,
      number: 1042,
      name: "Martin",
      status: "active",
      status_label: "Actif",
      address_line1: "3 rue des Écoles",
      address_line2: "",
      postal_code: "38000",
      city: "Saint-Alban",
      phone: "",
      email: "",
      marital_status: "married",
      regime: "caf",
      allocataire_number: "123456",
      account_holder: "",
      iban: "",
      bic: "",
      health_data_allowed: true,
    },
    notes: "",
    guardians: [],
    children: [],
    quotients: [],
    resources: [],
    requests: [],
    missing: [],
    ...overrides,
  };
}

export function policy(overrides: Partial<FieldPolicyRow>): FieldPolicyRow {
  return {
    field: "family.city",
    label: "Ville",
    category: "foyer",
    mode: "editable",
    required: true,
    locked: false,
    collection: false,
    ...overrides,
  };
}
