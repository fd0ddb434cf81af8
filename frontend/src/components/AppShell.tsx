import { useEffect, useState, type ReactNode } from "react";
import { Outlet, useLocation } from "react-router";
import { useStructure } from "../api/StructureContext";
import { useAuthenticatedUser, useLogout } from "../auth/session";
import { buildNavigation } from "../navigation/navigation";
import { FlashMessage } from "./FlashMessage";
import { MainNav } from "./MainNav";
import { SiteHeader } from "./SiteHeader";
import { MAIN_ID } from "./SkipLink";

const NAV_ID = "navigation-principale";

/** Authenticated layout: header, main navigation, main content. */
export function AppShell({ children }: { children?: ReactNode }) {
  const structure = useStructure();
  const user = useAuthenticatedUser();
  const logout = useLogout();
  const { pathname } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);

  useEffect(() => setMenuOpen(false), [pathname]);

  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setMenuOpen(false);
      document.querySelector<HTMLElement>(`[aria-controls="${NAV_ID}"]`)?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [menuOpen]);

  return (
    <div className="app-shell">
      <SiteHeader
        structure={structure}
        user={user}
        navId={NAV_ID}
        menuOpen={menuOpen}
        onToggleMenu={() => setMenuOpen((open) => !open)}
        onLogout={() => {
          if (!logout.isPending) logout.mutate();
        }}
        loggingOut={logout.isPending}
      />
      <div className="app-shell__body">
        <MainNav id={NAV_ID} items={buildNavigation(structure, user)} open={menuOpen} />
        <main id={MAIN_ID} tabIndex={-1} className="app-shell__main">
          <FlashMessage />
          {children ?? <Outlet />}
        </main>
      </div>
    </div>
  );
}
