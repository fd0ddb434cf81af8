import { Link, Outlet, useLocation } from "react-router";
import { useStructure } from "../api/StructureContext";
import { useSessionUser } from "../auth/session";
import { loginPathFor } from "../auth/redirects";
import { AppShell } from "./AppShell";
import { MAIN_ID } from "./SkipLink";

/**
 * Layout of the pages anyone may read (a module's public catalogue): inside
 * the app shell for a signed-in user, else a wide public page with the
 * structure's name and the ways in (sign in, create an account), both coming
 * back to the page read.
 */
export function OpenLayout() {
  const user = useSessionUser();
  const structure = useStructure();
  const location = useLocation();
  if (user) return <AppShell />;
  const login = loginPathFor(location);
  return (
    <div className="open-layout">
      <header className="open-layout__header">
        <Link to="/" className="open-layout__brand">
          {structure.name}
        </Link>
        <nav aria-label="Compte" className="open-layout__account">
          <Link to={login}>Se connecter</Link>
          <Link to={`/inscription?suivant=${encodeURIComponent(location.pathname + location.search)}`} className="button button--secondary">
            Créer un compte
          </Link>
        </nav>
      </header>
      <main id={MAIN_ID} tabIndex={-1} className="open-layout__main">
        <Outlet />
      </main>
    </div>
  );
}
