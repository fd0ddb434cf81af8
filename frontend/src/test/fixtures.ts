import type { AuthUser } from "../api/auth";
import type { Structure } from "../api/structure";

export function makeStructure(overrides: Partial<Structure> = {}): Structure {
  return {
    name: "Mairie de Saint-Alban",
    name_with_de: "de la Mairie de Saint-Alban",
    slug: "saint-alban",
    kind: "commune",
    kind_label: "Commune",
    logo_url: "/media/tenants/3/logo.png",
    primary_color: "#1d4ed8",
    time_zone: "Europe/Paris",
    modules: [
      {
        id: "periscolaire",
        label: "Périscolaire",
        description: "Accueils du matin et du soir, restauration, mercredis et vacances.",
        activity_kinds: [
          { id: "accueil_matin", label: "Accueil du matin", description: "Avant la classe." },
          { id: "restauration", label: "Restauration scolaire", description: "Temps du midi et repas." },
        ],
      },
      {
        id: "creche",
        label: "Crèche",
        description: "Accueil des tout-petits.",
        activity_kinds: [],
      },
    ],
    navigation: [
      { id: "gestion", label: "Gestion", path: "/gestion", icon: "settings", audience: "staff", module: null, order: 90 },
      { id: "periscolaire", label: "Périscolaire", path: "/periscolaire", icon: "calendar", audience: "parent", module: "periscolaire", order: 20 },
      { id: "creche", label: "Crèche", path: "/creche", icon: "baby", audience: "all", module: "creche", order: 10 },
      { id: "planning", label: "Planning", path: "/planning", icon: "calendar", audience: "staff", module: null, order: 30 },
    ],
    legend: [
      { code: "confirmed", label: "Réservé", short_label: "R", color: "#15803d", module: "periscolaire" },
      { code: "cancelled", label: "Annulé", short_label: "A", color: "#fde047", module: "periscolaire" },
      { code: "present", label: "Présent", short_label: "P", color: "#1d4ed8", module: "creche" },
    ],
    ...overrides,
  };
}

export function makeUser(overrides: Partial<AuthUser> = {}): AuthUser {
  return {
    id: 1,
    display: "Claire Martin",
    email: "claire.martin@example.fr",
    has_usable_password: true,
    first_name: "Claire",
    last_name: "Martin",
    must_change_password: false,
    roles: ["parent"],
    role_labels: ["Parent"],
    is_staff_member: false,
    ...overrides,
  };
}

export function makeStaff(overrides: Partial<AuthUser> = {}): AuthUser {
  return makeUser({
    id: 2,
    display: "Paul Durand",
    email: "paul.durand@example.fr",
    first_name: "Paul",
    last_name: "Durand",
    roles: ["gestionnaire", "comptable"],
    role_labels: ["Gestionnaire", "Comptable"],
    is_staff_member: true,
    ...overrides,
  });
}

export function sessionBody(user: AuthUser) {
  return {
    status: 200,
    data: { user, methods: [{ method: "password", at: 1700000000, email: user.email }] },
    meta: { is_authenticated: true },
  };
}

export const ANONYMOUS_BODY = {
  status: 401,
  data: { flows: [{ id: "login" }, { id: "password_reset_by_code" }] },
  meta: { is_authenticated: false },
};
