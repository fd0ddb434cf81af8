import { Link, NavLink, Outlet, useLocation } from "react-router";
import { usePageTitle } from "../../theme/usePageTitle";

export const CONFIG_SECTIONS = [
  { path: "", label: "Réglages" },
  { path: "regles-de-saisie", label: "Règles de saisie" },
  { path: "consentements", label: "Consentements" },
  { path: "autorisations", label: "Autorisations" },
  { path: "types-de-repas", label: "Types de repas" },
  { path: "niveaux-scolaires", label: "Niveaux scolaires" },
  { path: "types-de-documents", label: "Types de documents" },
  { path: "activites", label: "Activités" },
  { path: "delais", label: "Délais de réservation" },
  { path: "fermetures", label: "Fermetures" },
  { path: "tarifs", label: "Tarifs" },
  { path: "legende", label: "Légende" },
  { path: "facturation", label: "Facturation" },
  { path: "messagerie", label: "Messagerie" },
] as const;

/** Configuration of the family file and of the bookings (administrators): sub-navigation and the current page. */
export function ConfigurationLayout() {
  const { pathname } = useLocation();
  const segment = pathname.replace(/\/+$/, "").split("/").pop() ?? "";
  const section = CONFIG_SECTIONS.find((s) => s.path === segment) ?? CONFIG_SECTIONS[0];
  // Set here (a parent's effect runs after its child's and would win).
  usePageTitle(`${section.label} — Configuration`);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/gestion">Espace de gestion</Link>
      </p>
      <h1>Configuration</h1>
      <nav className="sub-nav" aria-label="Rubriques de la configuration">
        <ul className="sub-nav__list">
          {CONFIG_SECTIONS.map((s) => (
            <li key={s.path}>
              <NavLink end className="sub-nav__link" to={s.path ? `/gestion/configuration/${s.path}` : "/gestion/configuration"}>
                {s.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}
