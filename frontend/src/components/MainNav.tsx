import { NavLink } from "react-router";
import type { NavItem } from "../navigation/navigation";
import { NavIcon } from "./NavIcon";

interface MainNavProps {
  id: string;
  items: readonly NavItem[];
  open: boolean;
}

/**
 * Main navigation: a sidebar on wide screens, a menu opened by the header's
 * "Menu" button on small ones. NavLink marks the current page with
 * aria-current="page" (an entry with sub-entries, e.g. "/gestion", only on
 * its own page).
 */
export function MainNav({ id, items, open }: MainNavProps) {
  return (
    <nav id={id} className={open ? "main-nav is-open" : "main-nav"} aria-label="Navigation principale">
      <ul className="main-nav__list">
        {items.map((item) => (
          <li key={item.id}>
            <NavLink to={item.path} end={item.path === "/" || items.some((other) => other.path.startsWith(`${item.path}/`))} className="main-nav__link">
              <NavIcon name={item.icon} />
              <span>{item.label}</span>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
