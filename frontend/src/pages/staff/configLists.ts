/**
 * The configurable lists of the family file (meal types, school levels,
 * authorisation questions, consent types): one page each, under
 * /gestion/configuration/<key> (the keys: ./configListKeys.ts).
 */
import type { ConfigListEndpoint } from "./api";
import type { ConfigListKey } from "./configListKeys";

export interface ConfigField {
  name: string;
  label: string;
  kind: "text" | "textarea" | "checkbox" | "number";
  required?: boolean;
  hint?: string;
  /** Shown as a column of the table. */
  column?: boolean;
}

export interface ConfigListSpec {
  endpoint: ConfigListEndpoint;
  title: string;
  intro: string;
  /** "un type de repas" / "le type de repas" style names. */
  one: string;
  fields: ConfigField[];
}

const ORDER: ConfigField = { name: "order", label: "Ordre d'affichage", kind: "number", hint: "Les plus petits en premier." };
const ACTIVE: ConfigField = { name: "active", label: "Proposé aux familles", kind: "checkbox", column: true };

export const CONFIG_LISTS: Record<ConfigListKey, ConfigListSpec> = {
  consentements: {
    endpoint: "consent-types",
    title: "Consentements",
    intro: "Les consentements demandés aux familles (RGPD : données personnelles, données médicales…).",
    one: "consentement",
    fields: [
      { name: "label", label: "Libellé", kind: "text", required: true },
      { name: "text", label: "Texte présenté", kind: "textarea", required: true },
      { name: "required", label: "Acceptation nécessaire", kind: "checkbox", hint: "Si coché, un refus est signalé dans ce qu'il reste à compléter.", column: true },
      {
        name: "covers_health",
        label: "Porte sur les données médicales",
        kind: "checkbox",
        hint: "Si la famille refuse, aucune donnée de santé de ses enfants n'est saisie en ligne.",
        column: true,
      },
      ORDER,
      ACTIVE,
    ],
  },
  autorisations: {
    endpoint: "authorisation-questions",
    title: "Autorisations",
    intro: "Les autorisations demandées pour chaque enfant (sorties, photos, rentrer seul…).",
    one: "autorisation",
    fields: [
      { name: "label", label: "Libellé", kind: "text", required: true },
      { name: "description", label: "Précisions", kind: "textarea" },
      { name: "required", label: "Réponse obligatoire", kind: "checkbox", column: true },
      ORDER,
      ACTIVE,
    ],
  },
  "types-de-repas": {
    endpoint: "meal-types",
    title: "Types de repas",
    intro: "Les régimes proposés pour la restauration (standard, sans porc, végétarien…).",
    one: "type de repas",
    fields: [{ name: "label", label: "Libellé", kind: "text", required: true }, ORDER, ACTIVE],
  },
  "niveaux-scolaires": {
    endpoint: "school-levels",
    title: "Niveaux scolaires",
    intro: "Les classes proposées dans la fiche de l'enfant.",
    one: "niveau scolaire",
    fields: [{ name: "label", label: "Libellé", kind: "text", required: true }, ORDER, ACTIVE],
  },
};
