/** French labels of the API's enums (the values come from the generated types). */
import type { ChangeRequestCategory, ChangeRequestStatus, FamilyStatus, FieldPolicyMode, SignupMode } from "./api";

export const CATEGORY_LABELS: Record<ChangeRequestCategory, string> = {
  responsable: "Responsable",
  conjoint: "Conjoint",
  foyer: "Foyer",
  caf: "CAF",
  fiscal: "Fiscales",
  bancaire: "Bancaire",
  enfant: "Enfant",
  sante: "Santé",
  autorisations: "Autorisations",
};

export const REQUEST_STATUS_LABELS: Record<ChangeRequestStatus, string> = {
  pending: "En attente",
  accepted: "Acceptées",
  refused: "Refusées",
};

export const FAMILY_STATUS_LABELS: Record<FamilyStatus, string> = {
  email_unconfirmed: "E-mail à confirmer",
  awaiting_validation: "En attente de validation",
  active: "Actif",
  refused: "Refusé",
};

export const FIELD_MODE_LABELS: Record<FieldPolicyMode, string> = {
  hidden: "Masqué",
  read_only: "Lecture seule",
  editable: "Modifiable",
  validated: "Modifiable avec validation",
};

/** Field policy categories (FieldSpec.category): "guardian" covers responsable and conjoint. */
export const FIELD_CATEGORY_LABELS: Record<string, string> = {
  foyer: "Foyer",
  caf: "CAF",
  fiscal: "Fiscales",
  bancaire: "Coordonnées bancaires",
  guardian: "Responsables",
  responsable: "Responsable",
  conjoint: "Conjoint",
  enfant: "Enfants",
  sante: "Santé",
  autorisations: "Autorisations",
};

export const SIGNUP_MODE_LABELS: Record<SignupMode, string> = {
  staff_only: "Comptes créés par la structure",
  self: "Inscription en ligne par les familles",
};
