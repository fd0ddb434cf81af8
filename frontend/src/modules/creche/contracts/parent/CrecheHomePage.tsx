import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { formatPeriod } from "../../../../format/dates";
import { formatMoney } from "../../../../format/money";
import { usePageTitle } from "../../../../theme/usePageTitle";
import { MyPlaceRequests } from "../../requests/MyPlaceRequests";
import { contractKeys, fetchMyContracts, type ContractSummary } from "../api";

const LINKS = [
  { to: "/creche/absences/nouvelle", title: "Déclarer une absence", text: "Maladie, hospitalisation… avec son justificatif." },
  { to: "/creche/occasionnel", title: "Accueil occasionnel", text: "Réserver des heures ou des demi-journées les jours où il reste de la place." },
  { to: "/creche/demandes/nouvelle", title: "Demander une place", text: "Pour un enfant ou un enfant à naître." },
  { to: "/creche/absences", title: "Mes absences déclarées", text: "Les absences envoyées, leur justificatif et leur prise en compte." },
  { to: "/creche/pointage", title: "Pointer à l'arrivée et au départ", text: "À la porte de la crèche, si elle le propose." },
] as const;

function ContractCard({ contract }: { contract: ContractSummary }) {
  const toSign = contract.state === "proposed";
  return (
    <li className="card">
      <h3>
        <Link to={`/creche/contrats/${contract.id}`}>
          {contract.child.first_name} — {contract.establishment.name}
        </Link>
      </h3>
      <p>
        <strong>{contract.state_label}</strong>
        {toSign && " : lisez-le et signez-le."}
      </p>
      <p>{formatPeriod(contract.start_date, contract.end_date)}</p>
      {contract.monthly_fee && (
        <p>
          Mensualité : <strong>{formatMoney(contract.monthly_fee)}</strong>
          {contract.hourly_rate && <> ({formatMoney(contract.hourly_rate)} de l'heure)</>}
        </p>
      )}
    </li>
  );
}

/** The family's crèche: its contracts, its place requests, what it may do. */
export function CrecheHomePage() {
  usePageTitle("Crèche");
  const contracts = useQuery({ queryKey: contractKeys.mine, queryFn: ({ signal }) => fetchMyContracts(signal) });

  return (
    <div className="creche-home">
      <h1>Crèche</h1>
      <nav aria-label="Démarches crèche">
        <ul className="creche-home__links" role="list">
          {LINKS.map((link) => (
            <li key={link.to} className="card">
              <Link to={link.to}>
                <strong>{link.title}</strong>
              </Link>
              <p>{link.text}</p>
            </li>
          ))}
        </ul>
      </nav>
      <section aria-labelledby="creche-contrats-titre">
        <h2 id="creche-contrats-titre">Contrats d'accueil</h2>
        {contracts.isPending ? (
          <p role="status" className="inline-status">
            <span className="spinner" aria-hidden="true" /> Chargement des contrats…
          </p>
        ) : contracts.isError ? (
          <p className="notice notice--error" role="alert">
            Vos contrats ne peuvent pas être affichés pour le moment.{" "}
            <button type="button" className="button button--secondary" onClick={() => void contracts.refetch()}>
              Réessayer
            </button>
          </p>
        ) : contracts.data.length === 0 ? (
          <p>Aucun contrat d'accueil pour le moment.</p>
        ) : (
          <ul className="card-list" role="list">
            {contracts.data.map((contract) => (
              <ContractCard key={contract.id} contract={contract} />
            ))}
          </ul>
        )}
      </section>
      <MyPlaceRequests headingLevel={2} />
    </div>
  );
}
