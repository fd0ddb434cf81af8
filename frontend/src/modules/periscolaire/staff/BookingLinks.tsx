import { Link } from "react-router";

const LINKS = [
  { path: "/gestion/inscriptions", title: "Demandes d'inscription", text: "Accepter, refuser ou mettre en liste d'attente." },
  { path: "/gestion/attestations", title: "Attestations d'inscription", text: "Délivrer en un clic les attestations demandées par les familles." },
  { path: "/gestion/reservations", title: "Demandes de réservation", text: "Réservations à valider et annulations hors délai." },
  { path: "/gestion/occupation", title: "Occupation", text: "Places prises par jour, capacités et fermetures." },
  { path: "/gestion/presences", title: "Feuilles de présence", text: "Pointer les enfants présents et absents." },
] as const;

/** Back office home: the booking screens. */
export function BookingLinks() {
  return (
    <section aria-labelledby="reservations-titre" className="section">
      <h2 id="reservations-titre">Inscriptions et réservations</h2>
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
