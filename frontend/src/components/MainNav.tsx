import { NavLink } from "react-router";
import type { NavItem } from "../navigation/navigation";
import { NavIcon } from "./NavIcon";
import { useUnreadBadge } from "../pages/communication/messaging/unread";

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
  // « Messagerie »'s badge: parents' unread messages + announcements, staff's new threads.
  const staff = items.some((item) => item.id === "gestion-messagerie");
  const badge = useUnreadBadge(staff, staff || items.some((item) => item.id === "messagerie"));
  return (
    <nav id={id} className={open ? "main-nav is-open" : "main-nav"} aria-label="Navigation principale">
      <ul className="main-nav__list">
        {items.map((item) => (
          <li key={item.id}>
            <NavLink to={item.path} end={item.path === "/" || items.some((other) => other.path.startsWith(`${item.path}/`))} className="main-nav__link">
              <NavIcon name={item.icon} />
              <span>{item.label}</span>
              {badge > 0 && item.path.endsWith("/messagerie") && (
                <span className="nav-badge">
                  {badge}
                  {" "}<span className="visually-hidden">{staff ? "nouvelles" : "non lus"}</span>
                </span>
              )}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
