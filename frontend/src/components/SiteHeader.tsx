import { Link } from "react-router";
import type { AuthUser } from "../api/auth";
import type { Structure } from "../api/structure";
import { homePathFor } from "../auth/redirects";
import { StructureLogo } from "./StructureLogo";

interface SiteHeaderProps {
  structure: Structure;
  user: AuthUser;
  navId: string;
  menuOpen: boolean;
  onToggleMenu: () => void;
  onLogout: () => void;
  loggingOut: boolean;
}

export function SiteHeader({ structure, user, navId, menuOpen, onToggleMenu, onLogout, loggingOut }: SiteHeaderProps) {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to={homePathFor(user)} className="site-header__brand">
          {/* The name is next to the logo: the image is decorative here. */}
          <StructureLogo src={structure.logo_url} alt="" className="site-header__logo" />
          <span className="site-header__name">{structure.name}</span>
        </Link>
        <div className="site-header__user">
          <p className="site-header__display">
            <span className="visually-hidden">Connecté en tant que</span> {user.display}
          </p>
          <button type="button" className="button button--on-primary" onClick={onLogout} aria-disabled={loggingOut || undefined}>
            {loggingOut ? "Déconnexion…" : "Se déconnecter"}
          </button>
          <button
            type="button"
            className="button button--on-primary site-header__menu-button"
            aria-expanded={menuOpen}
            aria-controls={navId}
            onClick={onToggleMenu}
          >
            Menu
          </button>
        </div>
      </div>
    </header>
  );
}
