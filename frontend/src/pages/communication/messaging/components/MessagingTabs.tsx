import { NavLink } from "react-router";

/** « Conversations » / « Annonces »: the two halves of the parents' Messagerie. */
export function MessagingTabs() {
  return (
    <nav className="sub-nav" aria-label="Rubriques de la messagerie">
      <ul className="sub-nav__list">
        <li>
          <NavLink end className="sub-nav__link" to="/messagerie">
            Conversations
          </NavLink>
        </li>
        <li>
          <NavLink end className="sub-nav__link" to="/messagerie/annonces">
            Annonces
          </NavLink>
        </li>
      </ul>
    </nav>
  );
}
