import type { Child, Consent, DossierOptions, Family, FamilyHome, FieldPolicy, Guardian } from "../api/family";

const FIELD_LABELS: Record<string, [string, string, boolean?]> = {
  "family.address_line1": ["Adresse", "foyer", true],
  "family.address_line2": ["Complément d'adresse", "foyer"],
  "family.postal_code": ["Code postal", "foyer", true],
  "family.city": ["Ville", "foyer", true],
  "family.phone": ["Téléphone du domicile", "foyer"],
  "family.email": ["E-mail du foyer", "foyer"],
  "family.marital_status": ["Situation familiale", "foyer"],
  "family.regime": ["Régime allocataire", "caf"],
  "family.allocataire_number": ["N° allocataire", "caf"],
  "family.account_holder": ["Titulaire du compte", "bancaire"],
  "family.iban": ["IBAN", "bancaire"],
  "family.bic": ["BIC", "bancaire"],
  "guardian.civility": ["Civilité", "guardian"],
  "guardian.first_name": ["Prénom", "guardian", true],
  "guardian.last_name": ["Nom", "guardian", true],
  "guardian.birth_date": ["Date de naissance", "guardian"],
  "guardian.phone_mobile": ["Téléphone portable", "guardian", true],
  "guardian.phone_home": ["Téléphone domicile", "guardian"],
  "guardian.phone_work": ["Téléphone professionnel", "guardian"],
  "guardian.email": ["E-mail", "guardian"],
  "guardian.profession": ["Profession", "guardian"],
  "guardian.employer": ["Employeur", "guardian"],
  "guardian.lives_elsewhere": ["Adresse différente du foyer", "guardian"],
  "guardian.address_line1": ["Adresse", "guardian"],
  "guardian.address_line2": ["Complément d'adresse", "guardian"],
  "guardian.postal_code": ["Code postal", "guardian"],
  "guardian.city": ["Ville", "guardian"],
  "guardian.email_consent": ["Accepte les e-mails", "guardian"],
  "guardian.sms_consent": ["Accepte les SMS", "guardian"],
  "child.first_name": ["Prénom", "enfant", true],
  "child.last_name": ["Nom", "enfant", true],
  "child.birth_date": ["Date de naissance", "enfant", true],
  "child.sex": ["Sexe", "enfant", true],
  "child.school_name": ["École", "enfant"],
  "child.school_level": ["Classe", "enfant"],
  "child.authorised_persons": ["Personnes autorisées et à prévenir", "enfant"],
  "child.doctor_name": ["Médecin traitant", "sante"],
  "child.doctor_phone": ["Téléphone du médecin", "sante"],
  "child.allergies": ["Allergies", "sante"],
  "child.has_pai": ["PAI", "sante"],
  "child.pai_details": ["Précisions sur le PAI", "sante"],
  "child.meal_type": ["Type de repas", "sante"],
  "child.wears_glasses": ["Porte des lunettes", "sante"],
  "child.health_notes": ["Recommandations", "sante"],
  "child.vaccinations": ["Vaccinations", "sante"],
  "child.authorisations": ["Autorisations", "autorisations"],
};

const VALIDATED = new Set(["family.regime", "family.allocataire_number", "family.account_holder", "family.iban", "family.bic", "child.has_pai", "child.pai_details", "child.birth_date"]);

export function makeOptions(overrides: Partial<DossierOptions> = {}, modes: Record<string, Partial<FieldPolicy>> = {}): DossierOptions {
  const fields: FieldPolicy[] = Object.entries(FIELD_LABELS).map(([field, [label, category, required]]) => ({
    field,
    label,
    category,
    mode: VALIDATED.has(field) ? "validated" : "editable",
    required: Boolean(required),
    ...modes[field],
  }));
  return {
    signup_enabled: true,
    signup_requires_validation: true,
    max_upload_mb: 5,
    school_levels: [
      { id: 1, label: "CP" },
      { id: 2, label: "CE1" },
    ],
    meal_types: [
      { id: 1, label: "Standard" },
      { id: 2, label: "Sans porc" },
    ],
    authorisation_questions: [
      { id: 10, label: "Droit à l'image", description: "Photos prises pendant les activités.", required: true },
      { id: 11, label: "Rentrer seul", description: "", required: false },
    ],
    relations: [
      { value: "mother", label: "Mère" },
      { value: "father", label: "Père" },
      { value: "other", label: "Autre" },
    ],
    regimes: [
      { value: "caf", label: "CAF" },
      { value: "msa", label: "MSA" },
      { value: "none", label: "Non allocataire" },
    ],
    marital_statuses: [
      { value: "married", label: "Marié(e)s" },
      { value: "single", label: "Célibataire" },
    ],
    civilities: [
      { value: "mme", label: "Madame" },
      { value: "m", label: "Monsieur" },
    ],
    sexes: [
      { value: "F", label: "Fille" },
      { value: "M", label: "Garçon" },
    ],
    fields,
    ...overrides,
  };
}

export function makeHome(overrides: Partial<FamilyHome> = {}): FamilyHome {
  return {
    number: 1042,
    name: "Martin",
    status: "active",
    status_label: "Actif",
    guardian_name: "Claire Martin",
    home_message: "",
    pending_consents: 0,
    missing: [],
    counters: { children: 2, pending_requests: 0, documents_awaiting_review: 0, documents_rejected: 0, pending_reservations: 0, pending_enrolments: 0, unpaid_invoices: 0, unread_messages: 0, unread_announcements: 0 },
    ...overrides,
  };
}

export function makeFamily(overrides: Partial<Family> = {}): Family {
  return {
    id: 7,
    number: 1042,
    name: "Martin",
    status: "active",
    status_label: "Actif",
    address_line1: "12 rue des Lilas",
    address_line2: "",
    postal_code: "69000",
    city: "Lyon",
    phone: "",
    email: "",
    marital_status: "married",
    regime: "caf",
    allocataire_number: "1234567",
    account_holder: "Claire Martin",
    iban: "FR7630006000011234567890189",
    bic: "AGRIFRPP",
    health_data_allowed: true,
    ...overrides,
  };
}

export function makeGuardian(overrides: Partial<Guardian> = {}): Guardian {
  return {
    id: 3,
    is_primary: true,
    has_login: true,
    is_me: true,
    category: "responsable",
    civility: "mme",
    first_name: "Claire",
    last_name: "Martin",
    birth_date: "1985-04-02",
    phone_mobile: "+33612345678",
    phone_home: "",
    phone_work: "",
    email: "claire.martin@example.fr",
    profession: "",
    employer: "",
    lives_elsewhere: false,
    address_line1: "",
    address_line2: "",
    postal_code: "",
    city: "",
    email_consent: true,
    sms_consent: false,
    child_links: [],
    ...overrides,
  };
}

export function makeChild(overrides: Partial<Child> = {}): Child {
  return {
    id: 21,
    first_name: "Léa",
    last_name: "Martin",
    birth_date: "2017-09-01",
    sex: "F",
    school_name: "École Jules Ferry",
    school_level: 2,
    school_level_label: "CE1",
    age: 8,
    doctor_name: "",
    doctor_phone: "",
    allergies: "",
    has_pai: false,
    pai_details: "",
    meal_type: null,
    wears_glasses: false,
    health_notes: "",
    meal_type_label: "",
    vaccinations: [],
    authorised_persons: [],
    authorisations: [],
    health_data_allowed: true,
    ...overrides,
  };
}

export function makeConsent(overrides: Partial<Consent> = {}): Consent {
  return {
    id: 1,
    label: "Données personnelles",
    text: "J'accepte que mes données soient traitées pour la gestion des services.",
    required: true,
    covers_health: false,
    accepted: null,
    answered_at: null,
    ...overrides,
  };
}

/** Consents all answered: the gate lets the parent through. */
export const NO_PENDING_CONSENTS = { "GET /api/v1/consents/": { body: [makeConsent({ accepted: true, answered_at: "2025-01-02T10:00:00Z" })] } };
