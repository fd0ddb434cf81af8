import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { QueryView } from "../../components/QueryView";
import { fetchCounters, staffKeys, type DossierCounters } from "./api";

const CARDS: Array<{ key: keyof DossierCounters; path: string; title: string; unit: [string, string]; todo: boolean }> = [
  { key: "accounts_pending", path: "/gestion/comptes", title: "Comptes à valider", unit: ["compte en attente", "comptes en attente"], todo: true },
  { key: "requests_pending", path: "/gestion/demandes", title: "Demandes de modification", unit: ["demande à traiter", "demandes à traiter"], todo: true },
  { key: "documents_pending", path: "/gestion/documents", title: "Documents à vérifier", unit: ["document à vérifier", "documents à vérifier"], todo: true },
  { key: "families", path: "/gestion/familles", title: "Familles", unit: ["famille", "familles"], todo: false },
];

/** Back office home: what awaits the staff, each card a link to its queue. */
export function StaffCounters() {
  const query = useQuery({ queryKey: staffKeys.counters, queryFn: ({ signal }) => fetchCounters(signal) });
  return (
    <section aria-labelledby="a-traiter-titre" className="section">
      <h2 id="a-traiter-titre">À traiter</h2>
      <QueryView query={query} loadingLabel="Chargement des compteurs…">
        {(counters) => (
          <ul className="card-grid counter-list" role="list">
            {CARDS.map((card) => {
              const value = counters[card.key];
              return (
                <li key={card.key} className={card.todo && value > 0 ? "card counter-card counter-card--todo" : "card counter-card"}>
                  <h3 className="counter-card__label">
                    <Link to={card.path}>{card.title}</Link>
                  </h3>
                  <p className="counter-card__value">{value}</p>
                  <p className="counter-card__label">{value > 1 ? card.unit[1] : card.unit[0]}</p>
                </li>
              );
            })}
          </ul>
        )}
      </QueryView>
    </section>
  );
}
