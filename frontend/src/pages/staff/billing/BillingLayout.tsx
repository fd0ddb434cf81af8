import { Link, NavLink, Outlet, useLocation } from "react-router";
import { usePageTitle } from "../../../theme/usePageTitle";

export const BILLING_SECTIONS = [
  { path: "", label: "Facturations" },
  { path: "factures", label: "Factures et avoirs" },
  { path: "reglements", label: "Règlements" },
  { path: "prelevements", label: "Prélèvements SEPA" },
  { path: "exports", label: "Exports" },
  { path: "paiement-en-ligne", label: "Paiement en ligne" },
] as const;

/** « Facturation » (staff): sub-navigation and the current list. */
export function BillingLayout() {
  const { pathname } = useLocation();
  const segment = pathname.replace(/\/+$/, "").split("/").pop() ?? "";
  const section = BILLING_SECTIONS.find((s) => s.path === segment) ?? BILLING_SECTIONS[0];
  // Set here (a parent's effect runs after its child's and would win).
  usePageTitle(`${section.label} — Facturation`);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/gestion">Espace de gestion</Link>
      </p>
      <h1>Facturation</h1>
      <nav className="sub-nav" aria-label="Rubriques de la facturation">
        <ul className="sub-nav__list">
          {BILLING_SECTIONS.map((s) => (
            <li key={s.path}>
              <NavLink end className="sub-nav__link" to={s.path ? `/gestion/facturation/${s.path}` : "/gestion/facturation"}>
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

/** Breadcrumb of the pages below « Facturation » (a run, an invoice, a new payment). */
export function BillingBreadcrumb({ to = "/gestion/facturation", label = "Facturation" }: { to?: string; label?: string }) {
  return (
    <p className="breadcrumb">
      <Link to="/gestion">Espace de gestion</Link> › <Link to={to}>{label}</Link>
    </p>
  );
}
