import { Link } from "react-router";

const LINKS = [
  { path: "/gestion/creche", title: "Tableau du jour", text: "Enfants attendus, présents, partis ; places libres par demi-heure." },
  { path: "/gestion/creche/pointage", title: "Pointage", text: "Arrivées et départs, corrections." },
  { path: "/gestion/creche/demandes", title: "Demandes de place", text: "Commission : proposer une place, liste d'attente, refus." },
  { path: "/gestion/creche/contrats", title: "Contrats", text: "Contrats d'accueil, avenants et calcul du tarif PSU." },
  { path: "/gestion/creche/absences", title: "Absences", text: "Absences déclarées à qualifier, justificatifs." },
  { path: "/gestion/creche/occasionnel", title: "Accueil occasionnel", text: "Demandes de demi-journées et d'heures à valider." },
  { path: "/gestion/creche/prefacturation", title: "Préfacturation", text: "Contrôle du mois avant la facturation." },
  { path: "/gestion/creche/rapports-caf", title: "Rapports Caf", text: "Heures réalisées et facturées, taux de facturation, FILOUÉ." },
  { path: "/gestion/creche/etablissements", title: "Établissements", text: "Horaires, fermetures, sections, agrément et capacité horaire." },
  { path: "/gestion/creche/reglages", title: "Réglages de la crèche", text: "Arrondi des heures, carence, pointage par les parents." },
] as const;

/** Back office home: the crèche's screens (`StaffHomeSection`). */
export function CrecheLinks() {
  return (
    <section aria-labelledby="creche-accueil-titre" className="section">
      <h2 id="creche-accueil-titre">Crèche</h2>
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
