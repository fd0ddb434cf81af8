import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { QueryView } from "../../../../components/QueryView";
import { StatusIcon } from "../../../../components/StatusIcon";
import { formatDate, formatPeriod } from "../../../../format/dates";
import { usePageTitle } from "../../../../theme/usePageTitle";
import { commissionKeys, fetchFollowUp, type FollowUp, type Participant } from "./api";
import { plural } from "./labels";
import "./commission.css";

/** A stay's follow-up: participants and their file, the waiting list, the lists to print. */
export function StayFollowUpPage() {
  const stayId = Number(useParams().stayId);
  const query = useQuery({ queryKey: commissionKeys.followUp(stayId), queryFn: ({ signal }) => fetchFollowUp(stayId, signal) });
  usePageTitle(query.data ? `Suivi de « ${query.data.stay.name} »` : "Suivi du séjour");
  return (
    <section aria-labelledby="suivi-titre" className="sejours-commission">
      <p>
        <Link to={`/gestion/sejours/${stayId}`}>← Le séjour</Link>
      </p>
      <QueryView query={query} loadingLabel="Chargement du suivi…">
        {(data) => <FollowUpBody data={data} />}
      </QueryView>
    </section>
  );
}

function Check({ ok, yes, no }: { ok: boolean; yes: string; no: string }) {
  return (
    <span className={ok ? "sejours-commission__ok" : "sejours-commission__ko"}>
      <StatusIcon name={ok ? "check" : "cross"} /> {ok ? yes : no}
    </span>
  );
}

function Contract({ p }: { p: Participant }) {
  if (p.contract === "accepted") return <Check ok yes="Signé" no="" />;
  if (p.contract === "awaiting_review")
    return (
      <span className="sejours-commission__wait">
        <StatusIcon name="hourglass" /> À vérifier
      </span>
    );
  return <Check ok={false} yes="" no="Non reçu" />;
}

function FollowUpBody({ data }: { data: FollowUp }) {
  const { stay } = data;
  return (
    <>
      <h1 id="suivi-titre">Suivi de « {stay.name} »</h1>
      <p className="sejours-commission__facts">
        {stay.destination} · {formatPeriod(stay.start_date, stay.end_date)} · {plural(data.participants.length, "participant", "participants")} pour{" "}
        {plural(stay.capacity, "place", "places")} · {plural(data.complete, "dossier complet", "dossiers complets")}
      </p>
      <section aria-labelledby="suivi-listes" className="sejours-commission__card">
        <h2 id="suivi-listes">Listes à imprimer ou exporter</h2>
        <ul className="sejours-commission__exports">
          {data.exports.map((e) => (
            <li key={e.kind}>
              <span>{e.label}</span>{" "}
              <a className="button button--secondary button--small" href={e.pdf} download>
                PDF{" "}<span className="visually-hidden">— {e.label}</span>
              </a>{" "}
              <a className="button button--secondary button--small" href={e.csv} download>
                CSV{" "}<span className="visually-hidden">— {e.label}</span>
              </a>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="suivi-participants" className="sejours-commission__card">
        <h2 id="suivi-participants">Participants</h2>
        {data.participants.length === 0 ? (
          <p>Aucune place attribuée pour le moment.</p>
        ) : (
          <div className="sejours-commission__scroll" tabIndex={0} role="group" aria-labelledby="suivi-participants">
            <table className="sejours-commission__table">
              <caption className="visually-hidden">Participants et complétude de leur dossier</caption>
              <thead>
                <tr>
                  <th scope="col">Enfant</th>
                  <th scope="col">Âge au départ</th>
                  <th scope="col">Départ de</th>
                  <th scope="col">Place</th>
                  <th scope="col">Pièces</th>
                  <th scope="col">Contrat</th>
                  <th scope="col">Acompte</th>
                  <th scope="col">Famille</th>
                </tr>
              </thead>
              <tbody>
                {data.participants.map((p) => (
                  <tr key={p.wish_id}>
                    <th scope="row">
                      <Link to={`/gestion/sejours/places/${p.wish_id}`}>
                        {p.first_name} {p.last_name}
                      </Link>
                      <span className="sejours-commission__muted"> né(e) le {formatDate(p.birth_date)}</span>
                    </th>
                    <td>{p.age} ans</td>
                    <td>{p.transport_city || "Sur place"}</td>
                    <td>{p.status_label}</td>
                    <td>
                      <Check ok={p.documents_complete} yes="Complet" no={`Manque : ${p.missing_documents.join(", ")}`} />
                    </td>
                    <td>
                      <Contract p={p} />
                    </td>
                    <td>
                      <Check ok={p.deposit_paid} yes="Payé" no={p.deposit_status ? "Non payé" : "Non facturé"} />
                    </td>
                    <td>
                      <Link to={`/gestion/familles/${p.family_id}`}>{p.family_name}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="suivi-attente" className="sejours-commission__card">
        <h2 id="suivi-attente">Liste d'attente</h2>
        {data.waiting_list.length === 0 ? (
          <p>Personne en liste d'attente.</p>
        ) : (
          <ol className="sejours-commission__children">
            {data.waiting_list.map((w) => (
              <li key={w.wish_id}>
                <Link to={`/gestion/sejours/places/${w.wish_id}`}>
                  {w.first_name} {w.last_name}
                </Link>{" "}
                <span className="sejours-commission__muted">
                  ({w.age} ans, vœu {w.rank}) —{" "}
                </span>
                <Link to={`/gestion/familles/${w.family_id}`}>{w.family_name}</Link>
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
