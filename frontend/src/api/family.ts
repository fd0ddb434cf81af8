/**
 * The family file (« dossier famille ») of the logged-in parent: types come
 * from the generated OpenAPI schema, with one query hook per resource.
 */
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "./client";
import { CONSENTS_URL, consentsQueryKey, HOME_URL, homeQueryKey, type MissingItem } from "./familyHome";
import type { components } from "./schema";

export { useConsents, useFamilyHome, type Consent, type FamilyHome, type MissingItem } from "./familyHome";

type Schemas = components["schemas"];

export type DossierOptions = Schemas["DossierOptions"];
export type FieldPolicy = Schemas["FieldPolicyOption"];
export type FieldMode = FieldPolicy["mode"];
export type Choice = Schemas["Choice"];
export type LabelledId = Schemas["LabelledId"];
export type AuthorisationQuestion = Schemas["AuthorisationQuestionOption"];

export type SignupRequest = Schemas["SignupRequest"];
export type SignupGuardian = Schemas["SignupGuardianRequest"];
export type SignupHousehold = Schemas["SignupHouseholdRequest"];
export type SignupChild = Schemas["SignupChildRequest"];
export type SignupResult = Schemas["SignupResult"];

export type ConsentAnswers = Schemas["ConsentAnswersInputRequest"];

export type Family = Schemas["Family"];
export type FamilyPatch = Schemas["PatchedFamilyRequest"];
export type Guardian = Schemas["Guardian"];
export type GuardianCreate = Schemas["GuardianCreateRequest"];
export type GuardianPatch = Schemas["PatchedGuardianRequest"];
export type Child = Schemas["Child"];
export type ChildCreate = Schemas["ChildCreateRequest"];
export type ChildPatch = Schemas["PatchedChildRequest"];
export type Vaccination = Schemas["Vaccination"];
export type VaccinationInput = Schemas["VaccinationRequest"];
export type AuthorisedPerson = Schemas["AuthorisedPerson"];
export type AuthorisedPersonInput = Schemas["AuthorisedPersonRequest"];
export type AuthorisationAnswer = Schemas["AuthorisationAnswerInputRequest"];
export type Relation = Schemas["RelationEnum"];
export type ChangeRequest = Schemas["ChangeRequest"];
export type ChangeCategory = Schemas["CategoryEnum"];
export type Quotient = Schemas["QuotientDeclaration"];
export type QuotientInput = Schemas["QuotientDeclarationRequest"];
export type Resources = Schemas["AnnualResources"];
export type ResourcesInput = Schemas["AnnualResourcesRequest"];

/** What every PATCH of the file answers: the fields applied and the requests sent. */
export interface UpdateOutcome {
  applied: string[];
  requests: ChangeRequest[];
}
export type FamilyUpdateResult = Schemas["FamilyUpdateResult"];
export type GuardianUpdateResult = Schemas["GuardianUpdateResult"];
export type ChildUpdateResult = Schemas["ChildUpdateResult"];

const BASE = "/api/v1";
export const URLS = {
  options: `${BASE}/dossier/options/`,
  signup: `${BASE}/signup/`,
  consents: CONSENTS_URL,
  home: HOME_URL,
  family: `${BASE}/family/`,
  guardians: `${BASE}/family/guardians/`,
  guardian: (id: number) => `${BASE}/family/guardians/${id}/`,
  children: `${BASE}/family/children/`,
  child: (id: number) => `${BASE}/family/children/${id}/`,
  authorisations: (id: number) => `${BASE}/family/children/${id}/authorisations/`,
  vaccinations: (id: number) => `${BASE}/family/children/${id}/vaccinations/`,
  vaccination: (id: number, item: number) => `${BASE}/family/children/${id}/vaccinations/${item}/`,
  persons: (id: number) => `${BASE}/family/children/${id}/persons/`,
  person: (id: number, item: number) => `${BASE}/family/children/${id}/persons/${item}/`,
  quotients: `${BASE}/family/quotients/`,
  resources: `${BASE}/family/resources/`,
  requests: `${BASE}/family/requests/`,
  missing: `${BASE}/family/missing/`,
} as const;

export const familyKeys = {
  all: ["family"] as const,
  options: ["dossier-options"] as const,
  consents: consentsQueryKey,
  home: homeQueryKey,
  household: ["family", "household"] as const,
  guardians: ["family", "guardians"] as const,
  children: ["family", "children"] as const,
  child: (id: number) => ["family", "children", id] as const,
  quotients: ["family", "quotients"] as const,
  resources: ["family", "resources"] as const,
  requests: (category: string) => ["family", "requests", category] as const,
  missing: ["family", "missing"] as const,
};

/** Lists and field policies of the structure (public). */
export function useDossierOptions() {
  return useQuery({
    queryKey: familyKeys.options,
    queryFn: ({ signal }) => apiFetch<DossierOptions>(URLS.options, { signal }),
    staleTime: 5 * 60 * 1000,
  });
}

export function useHousehold() {
  return useQuery({ queryKey: familyKeys.household, queryFn: ({ signal }) => apiFetch<Family>(URLS.family, { signal }) });
}

export function useGuardians() {
  return useQuery({ queryKey: familyKeys.guardians, queryFn: ({ signal }) => apiFetch<Guardian[]>(URLS.guardians, { signal }) });
}

export function useChildren() {
  return useQuery({ queryKey: familyKeys.children, queryFn: ({ signal }) => apiFetch<Child[]>(URLS.children, { signal }) });
}

export function useChild(id: number) {
  return useQuery({
    queryKey: familyKeys.child(id),
    queryFn: ({ signal }) => apiFetch<Child>(URLS.child(id), { signal }),
    enabled: Number.isFinite(id),
  });
}

export function useQuotients() {
  return useQuery({ queryKey: familyKeys.quotients, queryFn: ({ signal }) => apiFetch<Quotient[]>(URLS.quotients, { signal }) });
}

export function useResources(enabled: boolean) {
  return useQuery({
    queryKey: familyKeys.resources,
    queryFn: ({ signal }) => apiFetch<Resources[]>(URLS.resources, { signal }),
    enabled,
  });
}

export function useChangeRequests(category: string) {
  const url = category ? `${URLS.requests}?category=${encodeURIComponent(category)}` : URLS.requests;
  return useQuery({
    queryKey: familyKeys.requests(category),
    queryFn: ({ signal }) => apiFetch<ChangeRequest[]>(url, { signal }),
  });
}

export function useMissingItems() {
  return useQuery({ queryKey: familyKeys.missing, queryFn: ({ signal }) => apiFetch<MissingItem[]>(URLS.missing, { signal }) });
}

/** The policy of a field ("family.city"); a key the server does not list is editable. */
export function policyOf(options: Pick<DossierOptions, "fields"> | undefined, key: string): FieldPolicy {
  return (
    options?.fields.find((f) => f.field === key) ?? { field: key, label: key, category: "", mode: "editable", required: false }
  );
}

export function labelOf(choices: readonly Choice[] | undefined, value: string | null | undefined): string {
  if (!value) return "";
  return choices?.find((c) => c.value === value)?.label ?? value;
}

export function ageLabel(age: number): string {
  return age < 1 ? "moins d'un an" : `${age} an${age > 1 ? "s" : ""}`;
}
