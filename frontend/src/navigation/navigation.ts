import type { AuthUser } from "../api/auth";
import type { Audience, NavigationEntry, Structure, StructureModule } from "../api/structure";
import { homePathFor } from "../auth/redirects";

export type UserAudience = Exclude<Audience, "all">;

export interface NavItem {
  id: string;
  label: string;
  path: string;
  icon: string;
}

export function audienceOf(user: Pick<AuthUser, "is_staff_member">): UserAudience {
  return user.is_staff_member ? "staff" : "parent";
}

/** Entries for this audience ("all" + its own), sorted by `order` then label. */
export function filterNavigation(entries: readonly NavigationEntry[], audience: UserAudience): NavigationEntry[] {
  return entries
    .filter((entry) => entry.audience === "all" || entry.audience === audience)
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => a.entry.order - b.entry.order || a.index - b.index)
    .map(({ entry }) => entry);
}

export const ACCOUNT_PATH = "/mon-compte";

/** The back office's queues and tools (staff only), after Accueil. */
export const STAFF_NAVIGATION: readonly NavItem[] = [
  { id: "gestion-comptes", label: "Comptes à valider", path: "/gestion/comptes", icon: "user" },
  { id: "gestion-demandes", label: "Demandes", path: "/gestion/demandes", icon: "mail" },
  { id: "gestion-documents", label: "Documents", path: "/gestion/documents", icon: "file" },
  { id: "gestion-familles", label: "Familles", path: "/gestion/familles", icon: "users" },
  { id: "gestion-messagerie", label: "Messagerie", path: "/gestion/messagerie", icon: "mail" },
  { id: "gestion-annonces", label: "Annonces", path: "/gestion/annonces", icon: "mail" },
  { id: "gestion-actualites", label: "Actualités", path: "/gestion/actualites", icon: "list" },
  { id: "gestion-facturation", label: "Facturation", path: "/gestion/facturation", icon: "euro" },
  { id: "gestion-configuration", label: "Configuration", path: "/gestion/configuration", icon: "settings" },
];

/** The parents' own file (« dossier famille »), after Accueil. */
export const FAMILY_NAVIGATION: readonly NavItem[] = [
  { id: "mon-foyer", label: "Mon foyer", path: "/mon-foyer", icon: "users" },
  { id: "mes-enfants", label: "Mes enfants", path: "/mes-enfants", icon: "baby" },
  { id: "mes-documents", label: "Mes documents", path: "/mes-documents", icon: "file" },
  { id: "mes-demandes", label: "Mes demandes", path: "/mes-demandes", icon: "list" },
  { id: "facturation", label: "Facturation", path: "/facturation", icon: "euro" },
  { id: "messagerie", label: "Messagerie", path: "/messagerie", icon: "mail" },
  { id: "actualites", label: "Actualités", path: "/actualites", icon: "list" },
  { id: "telechargements", label: "Téléchargements", path: "/telechargements", icon: "file" },
];

/**
 * The full menu: "Accueil" first, the family file's pages (parents only), the
 * structure's entries for the user's audience, then "Mon compte". Structure
 * entries pointing at a path the SPA already lists (e.g. "/gestion" for
 * staff) are not repeated.
 */
export function buildNavigation(
  structure: Pick<Structure, "navigation">,
  user: Pick<AuthUser, "is_staff_member">,
): NavItem[] {
  const home: NavItem = { id: "accueil", label: "Accueil", path: homePathFor(user), icon: "home" };
  const account: NavItem = { id: "mon-compte", label: "Mon compte", path: ACCOUNT_PATH, icon: "user" };
  const family = user.is_staff_member ? [] : [...FAMILY_NAVIGATION];
  const staff = user.is_staff_member ? [...STAFF_NAVIGATION] : [];
  const owned = new Set([home.path, account.path, ...staff.map((item) => item.path), ...family.map((item) => item.path)]);
  const seen = new Set<string>();
  const fromStructure: NavItem[] = [];
  for (const entry of filterNavigation(structure.navigation, audienceOf(user))) {
    if (owned.has(entry.path) || seen.has(entry.path)) continue;
    seen.add(entry.path);
    fromStructure.push({ id: entry.id, label: entry.label, path: entry.path, icon: entry.icon });
  }
  return [home, ...staff, ...family, ...fromStructure, account];
}

/** The page path of a module: its navigation entry's path, else "/<id>". */
export function modulePath(structure: Pick<Structure, "navigation">, module: Pick<StructureModule, "id">): string {
  return structure.navigation.find((entry) => entry.module === module.id)?.path ?? `/${module.id}`;
}

/** The module shown at "/<segment>", if any. */
export function resolveModule(
  structure: Pick<Structure, "modules" | "navigation">,
  segment: string | undefined,
): StructureModule | undefined {
  if (!segment) return undefined;
  const path = `/${segment}`;
  const entry = structure.navigation.find((e) => e.module && e.path.replace(/\/+$/, "") === path);
  const id = entry?.module ?? segment;
  return structure.modules.find((m) => m.id === id);
}
