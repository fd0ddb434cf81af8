import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { axeViolations, describeViolations } from "../../test/axe";
import { mockFetch, renderApp } from "../../test/render";
import { makeDocument, makeFamilyFile, makeRequest, makeSummary, page, policy, STAFF_SESSION } from "./staffFixtures";

const CHILD = {
  id: 11,
  first_name: "Léo",
  last_name: "Martin",
  birth_date: "2018-03-02",
  sex: "M" as const,
  school_name: "École Jules Ferry",
  school_level: 1,
  school_level_label: "CP",
  age: 8,
  doctor_name: "Dr Petit",
  doctor_phone: "",
  allergies: "Arachide",
  has_pai: true,
  pai_details: "Trousse d'urgence",
  meal_type: null,
  wears_glasses: false,
  health_notes: "",
  meal_type_label: "",
  vaccinations: [{ id: 1, vaccine: "DTP", date: "2019-01-10" }],
  authorised_persons: [{ id: 2, name: "Marc Martin", relation: "Oncle", phone: "+33600000000", can_pick_up: true, is_emergency_contact: false }],
  authorisations: [{ question: 1, label: "Droit à l'image", value: null }],
  health_data_allowed: true,
};

const PAGES: Array<[string, string, Record<string, { status?: number; body?: unknown }>]> = [
  ["/gestion/comptes", "Comptes à valider", { "GET /api/v1/staff/accounts/pending/": { body: page([makeSummary()]) } }],
  ["/gestion/demandes", "Demandes de modification", { "GET /api/v1/staff/change-requests/?status=pending": { body: page([makeRequest()]) } }],
  ["/gestion/documents", "Documents à vérifier", { "GET /api/v1/staff/documents/?status=awaiting_review": { body: page([makeDocument()]) } }],
  ["/gestion/familles", "Familles", { "GET /api/v1/staff/families/": { body: page([makeSummary()]) } }],
  ["/gestion/familles/nouvelle", "Créer une famille", {}],
  ["/gestion/familles/7/enfants", "Famille Martin", { "GET /api/v1/staff/families/7/": { body: makeFamilyFile({ children: [CHILD] }) } }],
  ["/gestion/familles/7", "Famille Martin", { "GET /api/v1/staff/families/7/": { body: makeFamilyFile() } }],
  [
    "/gestion/configuration/regles-de-saisie",
    "Configuration",
    { "GET /api/v1/staff/dossier/field-policies/": { body: [policy({}), policy({ field: "child.first_name", label: "Prénom", category: "enfant", locked: true })] } },
  ],
  ["/gestion/configuration/consentements", "Configuration", { "GET /api/v1/staff/consent-types/": { body: [{ id: 1, label: "Données médicales", text: "…", required: true, order: 0, active: true }] } }],
  ["/gestion/configuration/types-de-documents", "Configuration", { "GET /api/v1/staff/document-types/": { body: page([]) } }],
];

describe("back office accessibility (axe)", () => {
  it.each(PAGES)("%s has no axe violation", async (path, heading, handlers) => {
    mockFetch({ ...STAFF_SESSION, ...handlers });
    const { container } = renderApp(path);
    await screen.findByRole("heading", { level: 1, name: heading });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});
