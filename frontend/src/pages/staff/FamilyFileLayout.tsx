import { useQuery } from "@tanstack/react-query";
import { Link, NavLink, Outlet, useLocation, useOutletContext, useParams } from "react-router";
import { QueryView } from "../../components/QueryView";
import { usePageTitle } from "../../theme/usePageTitle";
import { fetchFamilyFile, staffKeys, type StaffFamilyFile } from "./api";

export const FAMILY_SECTIONS = [
  { path: "", label: "Foyer" },
  { path: "responsables", label: "Responsables" },
  { path: "enfants", label: "Enfants" },
  { path: "quotient", label: "QF et ressources" },
  { path: "documents", label: "Documents" },
  { path: "demandes", label: "Demandes" },
  { path: "manquant", label: "Ce qui manque" },
  { path: "facturation", label: "Facturation" },
  { path: "historique", label: "Historique" },
  { path: "rgpd", label: "RGPD" },
] as const;

export interface FamilyFileContext {
  familyId: number;
  file: StaffFamilyFile;
}

export function useFamilyFile(): FamilyFileContext {
  return useOutletContext<FamilyFileContext>();
}

/** The family file (staff): header, section links, the current section. */
export function FamilyFileLayout() {
  const { familyId: raw } = useParams();
  const familyId = Number(raw);
  const query = useQuery({
    queryKey: staffKeys.family(familyId),
    queryFn: ({ signal }) => fetchFamilyFile(familyId, signal),
    enabled: Number.isInteger(familyId) && familyId > 0,
  });
  const family = query.data?.family;
  // The section's title is set here: a parent's effect runs after its child's, so
  // a title registered by the section itself would be overridden.
  const { pathname } = useLocation();
  const segment = pathname.replace(/\/+$/, "").split("/").pop() ?? "";
  const section = FAMILY_SECTIONS.find((s) => s.path === segment) ?? FAMILY_SECTIONS[0];
  usePageTitle(family ? `${section.label} — Famille ${family.name} (n° ${family.number})` : "Dossier famille");

  return (
    <>
      <p className="breadcrumb">
        <Link to="/gestion/familles">Familles</Link>
      </p>
      <QueryView query={query} loadingLabel="Chargement du dossier…">
        {(file) => (
          <>
            <h1>Famille {file.family.name}</h1>
            <p className="lead">
              N° {file.family.number} · Compte : {file.family.status_label}
              {file.missing.length ? ` · ${file.missing.length} élément${file.missing.length > 1 ? "s" : ""} manquant${file.missing.length > 1 ? "s" : ""}` : ""}
            </p>
            <nav className="sub-nav" aria-label="Sections du dossier">
              <ul className="sub-nav__list">
                {FAMILY_SECTIONS.map((section) => (
                  <li key={section.path}>
                    <NavLink
                      end
                      className="sub-nav__link"
                      to={section.path ? `/gestion/familles/${familyId}/${section.path}` : `/gestion/familles/${familyId}`}
                    >
                      {section.label}
                      {section.path === "manquant" && file.missing.length ? ` (${file.missing.length})` : ""}
                      {section.path === "demandes" && file.requests.some((r) => r.status === "pending")
                        ? ` (${file.requests.filter((r) => r.status === "pending").length} en attente)`
                        : ""}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
            <Outlet context={{ familyId, file } satisfies FamilyFileContext} />
          </>
        )}
      </QueryView>
    </>
  );
}
