import { Link } from "react-router";

const LINKS = [
  { path: "/gestion/sejours", title: "Séjours", text: "Créer, copier depuis la saison passée, places restantes et vœux." },
  { path: "/gestion/sejours/campagnes", title: "Campagnes de vœux", text: "Période des vœux, nombre de vœux et critères de priorité." },
  { path: "/gestion/sejours/commission", title: "Commission", text: "Proposition d'attribution, ajustements et publication." },
  { path: "/gestion/sejours/reglages", title: "Réglages des séjours", text: "Délai pour accepter une place, aide VACAF." },
] as const;

/** Back office home: the séjours screens (candidate `StaffHomeSection`). */
export function SejoursLinks() {
  return (
    <section aria-labelledby="sejours-accueil-titre" className="section">
      <h2 id="sejours-accueil-titre">Séjours</h2>
      <ul className="card-grid counter-list" role="list">
        {LINKS.map((link) => (
          <li key={link.path} className="card">
            <h3 className="counter-card__label">
              <Link to={link.path}>{link.title}</Link>
            </h3>
            <p>{link.text}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
