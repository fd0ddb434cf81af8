import { Link } from "react-router";
import { StatusIcon } from "../../../components/StatusIcon";
import { formatDate } from "../../../format/dates";
import { STATE_TEXT, useMyRequests, type PlaceRequest } from "./api";
import "./requests.css";

/** The next step of a request for its family, if any. */
export function nextStep(request: PlaceRequest): string {
  if (request.state === "offered" && request.can_answer && request.offer)
    return `Une place vous est proposée à ${request.offer.establishment_name} : répondez au plus tard le ${formatDate(request.offer.answer_by)}.`;
  if (request.can_renew) return `Confirmez votre demande au plus tard le ${formatDate(request.renewal_due)}, sinon elle deviendra caduque.`;
  if (request.state === "accepted") return "La crèche vous contactera pour établir le contrat d'accueil.";
  if (request.state === "refused" && request.reason) return `Motif : ${request.reason}`;
  if (request.state === "declined" && request.reason) return `Motif : ${request.reason}`;
  return "";
}

interface MyPlaceRequestsProps {
  /** The heading level of the section's title (2 on a page of its own, 3 inside a home). */
  headingLevel?: 2 | 3;
}

/**
 * The family's place requests with their state and a link to each, and a
 * link to request a place: on « Mes demandes de place » and on the crèche's
 * home (contracts part).
 */
export function MyPlaceRequests({ headingLevel = 2 }: MyPlaceRequestsProps) {
  const requests = useMyRequests();
  const Heading = `h${headingLevel}` as const;
  const Sub = `h${headingLevel + 1}` as "h3" | "h4";

  return (
    <section aria-labelledby="creche-demandes-titre" className="creche-requests">
      <Heading id="creche-demandes-titre">Demandes de place</Heading>
      {requests.isPending ? (
        <p role="status" className="inline-status">
          <span className="spinner" aria-hidden="true" /> Chargement des demandes…
        </p>
      ) : requests.isError ? (
        <p className="notice notice--error" role="alert">
          Vos demandes de place ne peuvent pas être affichées pour le moment.{" "}
          <button type="button" className="button button--secondary" onClick={() => void requests.refetch()}>
            Réessayer
          </button>
        </p>
      ) : requests.data.length === 0 ? (
        <p>Aucune demande de place en crèche.</p>
      ) : (
        <ul className="card-list" role="list">
          {requests.data.map((request) => {
            const state = STATE_TEXT[request.state];
            const step = nextStep(request);
            return (
              <li key={request.id} className="card">
                <article aria-labelledby={`creche-demande-${request.id}`}>
                  <Sub id={`creche-demande-${request.id}`}>
                    <Link to={`/creche/demandes/${request.id}`}>
                      {request.child_name} · entrée souhaitée le {formatDate(request.desired_start)}
                    </Link>
                  </Sub>
                  <p>
                    <StatusIcon name={state.icon} /> {state.label}
                  </p>
                  <p className="muted">{request.choices.map((c) => c.establishment_name).join(", ")}</p>
                  {step && <p>{step}</p>}
                </article>
              </li>
            );
          })}
        </ul>
      )}
      <p>
        <Link className="button button--primary" to="/creche/demandes/nouvelle">
          Demander une place en crèche
        </Link>
      </p>
    </section>
  );
}
