import "./news.css";
import { Link, Outlet, useLocation } from "react-router";
import { usePageTitle } from "../../../theme/usePageTitle";

export const STAFF_NEWS_SECTIONS = [
  { path: "", label: "Actualités" },
  { path: "messages-accueil", label: "Messages d'accueil" },
  { path: "telechargements", label: "Téléchargements" },
  { path: "envois", label: "Envois des familles" },
] as const;

const BASE = "/gestion/actualites";

/** The current tab (the news editor belongs to « Actualités ») and the page's title. */
function locate(pathname: string): { section: string; title: string } {
  const rest = pathname.replace(/\/+$/, "").slice(BASE.length).replace(/^\//, "");
  const section = STAFF_NEWS_SECTIONS.find((s) => s.path && s.path === rest);
  if (section) return { section: section.path, title: section.label };
  if (rest === "nouvelle") return { section: "", title: "Nouvelle actualité" };
  return { section: "", title: rest ? "Modifier une actualité" : "Actualités" };
}

/** /gestion/actualites/… — the four screens of the news part and their shared tab navigation. */
export function StaffNewsLayout() {
  const { pathname } = useLocation();
  // Set here: a parent's effect runs after its child's and would win.
  const { section, title } = locate(pathname);
  usePageTitle(`${title} — Communication`);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/gestion">Espace de gestion</Link>
      </p>
      <h1>Actualités et informations</h1>
      <nav className="sub-nav" aria-label="Rubriques des actualités">
        <ul className="sub-nav__list">
          {STAFF_NEWS_SECTIONS.map((s) => (
            <li key={s.path}>
              <Link
                className={s.path === section ? "sub-nav__link active" : "sub-nav__link"}
                aria-current={s.path === section ? "page" : undefined}
                to={s.path ? `${BASE}/${s.path}` : BASE}
              >
                {s.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}
