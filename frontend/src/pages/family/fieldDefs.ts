import type { Choice, DossierOptions, LabelledId } from "../../api/family";
import type { Option } from "../../components/FormFields";
import type { DossierFieldDef, FormValues } from "./components/DossierForm";

export function choiceOptions(choices: readonly Choice[] | undefined): Option[] {
  return (choices ?? []).map((c) => ({ value: c.value, label: c.label }));
}

export function idOptions(items: readonly LabelledId[] | undefined): Option[] {
  return (items ?? []).map((i) => ({ value: String(i.id), label: i.label }));
}

const livesElsewhere = (values: FormValues) => Boolean(values.lives_elsewhere);

/** A guardian: identity. */
export function guardianIdentityDefs(options: DossierOptions | undefined): DossierFieldDef[] {
  return [
    { name: "civility", policy: "guardian.civility", kind: "radio", options: choiceOptions(options?.civilities) },
    { name: "first_name", policy: "guardian.first_name", autoComplete: "given-name" },
    { name: "last_name", policy: "guardian.last_name", autoComplete: "family-name" },
    { name: "birth_date", policy: "guardian.birth_date", kind: "date", nullable: true, autoComplete: "bday" },
  ];
}

/** A guardian: phones, work, preferences. */
export function guardianContactDefs(): DossierFieldDef[] {
  return [
    { name: "phone_mobile", policy: "guardian.phone_mobile", kind: "tel", autoComplete: "tel", hint: "Exemple : 06 12 34 56 78" },
    { name: "phone_home", policy: "guardian.phone_home", kind: "tel" },
    { name: "phone_work", policy: "guardian.phone_work", kind: "tel" },
    { name: "profession", policy: "guardian.profession", autoComplete: "organization-title" },
    { name: "employer", policy: "guardian.employer", autoComplete: "organization" },
    { name: "email_consent", policy: "guardian.email_consent", kind: "checkbox", label: "J'accepte de recevoir des e-mails de la structure" },
    { name: "sms_consent", policy: "guardian.sms_consent", kind: "checkbox", label: "J'accepte de recevoir des SMS de la structure" },
  ];
}

export function guardianAddressDefs(): DossierFieldDef[] {
  return [
    { name: "lives_elsewhere", policy: "guardian.lives_elsewhere", kind: "checkbox", label: "Adresse différente de celle du foyer (parents séparés)" },
    { name: "address_line1", policy: "guardian.address_line1", autoComplete: "address-line1", showIf: livesElsewhere },
    { name: "address_line2", policy: "guardian.address_line2", autoComplete: "address-line2", showIf: livesElsewhere },
    { name: "postal_code", policy: "guardian.postal_code", autoComplete: "postal-code", inputMode: "numeric", showIf: livesElsewhere },
    { name: "city", policy: "guardian.city", autoComplete: "address-level2", showIf: livesElsewhere },
  ];
}

/** Every field of a guardian (Mon profil, another guardian in Mon foyer). */
export function guardianDefs(options: DossierOptions | undefined): DossierFieldDef[] {
  return [
    ...guardianIdentityDefs(options),
    { name: "email", policy: "guardian.email", kind: "email", autoComplete: "email" },
    ...guardianContactDefs(),
    ...guardianAddressDefs(),
  ];
}

export function householdAddressDefs(): DossierFieldDef[] {
  return [
    { name: "address_line1", policy: "family.address_line1", autoComplete: "address-line1", hint: "Numéro et rue" },
    { name: "address_line2", policy: "family.address_line2", autoComplete: "address-line2" },
    { name: "postal_code", policy: "family.postal_code", autoComplete: "postal-code", inputMode: "numeric" },
    { name: "city", policy: "family.city", autoComplete: "address-level2" },
    { name: "phone", policy: "family.phone", kind: "tel" },
  ];
}

export function householdContactDefs(): DossierFieldDef[] {
  return [...householdAddressDefs(), { name: "email", policy: "family.email", kind: "email" }];
}

export function householdSituationDefs(options: DossierOptions | undefined): DossierFieldDef[] {
  return [{ name: "marital_status", policy: "family.marital_status", kind: "select", options: choiceOptions(options?.marital_statuses) }];
}

const withAllocataire = (values: FormValues) => values.regime === "caf" || values.regime === "msa";

export function householdCafDefs(options: DossierOptions | undefined): DossierFieldDef[] {
  return [
    { name: "regime", policy: "family.regime", kind: "select", options: choiceOptions(options?.regimes) },
    { name: "allocataire_number", policy: "family.allocataire_number", inputMode: "numeric", showIf: withAllocataire },
  ];
}

export function householdBankDefs(): DossierFieldDef[] {
  return [
    { name: "account_holder", policy: "family.account_holder", autoComplete: "cc-name" },
    { name: "iban", policy: "family.iban", label: "IBAN", hint: "Exemple : FR76 3000 6000 0112 3456 7890 189" },
    { name: "bic", policy: "family.bic", label: "BIC" },
  ];
}

export function childIdentityDefs(options: DossierOptions | undefined): DossierFieldDef[] {
  return [
    { name: "first_name", policy: "child.first_name" },
    { name: "last_name", policy: "child.last_name" },
    { name: "birth_date", policy: "child.birth_date", kind: "date", nullable: true },
    { name: "sex", policy: "child.sex", kind: "radio", options: choiceOptions(options?.sexes) },
  ];
}

export function childSchoolDefs(options: DossierOptions | undefined): DossierFieldDef[] {
  return [
    { name: "school_name", policy: "child.school_name" },
    { name: "school_level", policy: "child.school_level", kind: "select", numeric: true, options: idOptions(options?.school_levels) },
  ];
}

const withPai = (values: FormValues) => Boolean(values.has_pai);

export function childHealthDefs(options: DossierOptions | undefined): DossierFieldDef[] {
  return [
    { name: "doctor_name", policy: "child.doctor_name" },
    { name: "doctor_phone", policy: "child.doctor_phone", kind: "tel" },
    { name: "allergies", policy: "child.allergies", kind: "textarea", hint: "Alimentaires, médicamenteuses… Laissez vide s'il n'y en a pas." },
    { name: "has_pai", policy: "child.has_pai", kind: "checkbox", label: "Mon enfant a un PAI (projet d'accueil individualisé)" },
    { name: "pai_details", policy: "child.pai_details", kind: "textarea", showIf: withPai },
    { name: "meal_type", policy: "child.meal_type", kind: "select", numeric: true, options: idOptions(options?.meal_types) },
    { name: "wears_glasses", policy: "child.wears_glasses", kind: "checkbox", label: "Mon enfant porte des lunettes" },
    { name: "health_notes", policy: "child.health_notes", kind: "textarea" },
  ];
}

export const PERSON_RELATION_HINT = "Exemple : grand-mère, voisin, nourrice…";
