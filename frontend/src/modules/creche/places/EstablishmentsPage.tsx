import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { QueryView } from "../../../components/QueryView";
import { usePageTitle } from "../../../theme/usePageTitle";
import { fetchEstablishments, placesKeys } from "./api";

/** « Établissements »: every establishment of the structure, and a new one. */
export function EstablishmentsPage() {
  usePageTitle("Établissements");
  const query = useQuery({ queryKey: placesKeys.establishments, queryFn: ({ signal }) => fetchEstablishments(signal) });
  return (
    <section aria-labelledby="etablissements-titre" className="creche-places">
      <p>
        <Link to="/gestion/creche">← Crèche</Link>
      </p>
      <h1 id="etablissements-titre">Établissements</h1>
      <p>
        <Link className="button button--primary" to="/gestion/creche/etablissements/nouveau">
          Nouvel établissement
        </Link>
      </p>
      <QueryView query={query} loadingLabel="Chargement des établissements…">
        {(rows) =>
          rows.length ? (
            <table className="creche-places__table">
              <caption className="visually-hidden">Établissements de la structure</caption>
              <thead>
                <tr>
                  <th scope="col">Nom</th>
                  <th scope="col">Type</th>
                  <th scope="col">Agrément</th>
                  <th scope="col">Âges</th>
                  <th scope="col">Accueil occasionnel</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id}>
                    <th scope="row">
                      <Link to={`/gestion/creche/etablissements/${row.id}`}>{row.name}</Link>
                      {!row.active && " (fermé aux demandes)"}
                    </th>
                    <td>{row.kind_label}</td>
                    <td>{row.agrement} places</td>
                    <td>
                      {row.min_age_months} à {row.max_age_months} mois
                    </td>
                    <td>{row.occasional_care ? "Oui" : "Non"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="notice">Aucun établissement pour l'instant.</p>
          )
        }
      </QueryView>
    </section>
  );
}
