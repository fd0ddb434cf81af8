import { Link } from "react-router";
import { StatusIcon } from "../../../components/StatusIcon";
import { formatDate, formatDateTime, formatPeriod } from "../../../format/dates";
import { Breadcrumb } from "../../../pages/family/components/Breadcrumb";
import { PageError, PageLoading } from "../../../pages/family/components/PageStates";
import { usePageTitle } from "../../../theme/usePageTitle";
import { PLACE_STATUS, useMyStays, type ChildPlaces, type Place, type PlaceCampaign } from "./placesApi";

/** A wish's answer as text with an icon: the colour is never the only cue. */
export function PlaceStatusBadge({ place }: { place: Place }) {
  const { label, icon } = PLACE_STATUS[place.status] ?? { label: place.status_label, icon: "circle" as const };
  return (
    <span className={`status-badge sejours-status sejours-status--${place.status}`}>
      <StatusIcon name={icon} /> {label}
    </span>
  );
}

/** What the family should know or do about one wish, in one sentence. */
export function placeDetail(place: Place): string {
  switch (place.status) {
    case "offered":
      return place.can_answer
        ? `Confirmez la place au plus tard le ${formatDate(place.accept_by)} : sans réponse, elle sera proposée à la famille suivante.`
        : "Le délai pour confirmer cette place est dépassé.";
    case "waitlisted":
      return place.waitlist_position
        ? `Rang ${place.waitlist_position} sur la liste d'attente : nous vous écrirons si une place se libère.`
        : "Sur la liste d'attente : nous vous écrirons si une place se libère.";
    case "refused":
      return place.reason ? `Motif : ${place.reason}` : "La commission n'a pas pu retenir ce vœu.";
    case "pending":
      return "La commission n'a pas encore étudié ce vœu.";
    case "accepted":
      return "Place confirmée : suivez les étapes du dossier du séjour.";
    default:
      return place.reason ? `Motif : ${place.reason}` : "";
  }
}

function CampaignNotice({ campaign }: { campaign: PlaceCampaign | null }) {
  if (!campaign) return <p>Aucune campagne de vœux en cours : consultez le catalogue des séjours.</p>;
  if (campaign.is_open) {
    return (
      <p>
        <strong>{campaign.label}</strong> : vœux ouverts jusqu'au {formatDateTime(campaign.closes_at)}.
      </p>
    );
  }
  if (campaign.status === "published") {
    return (
      <p>
        <strong>{campaign.label}</strong> : les décisions de la commission sont publiées.
      </p>
    );
  }
  return (
    <p>
      <strong>{campaign.label}</strong> : {new Date(campaign.opens_at) > new Date() ? `vœux à partir du ${formatDateTime(campaign.opens_at)}.` : "vœux clos, la commission étudie les demandes."}
    </p>
  );
}

function PlaceCard({ place }: { place: Place }) {
  const urgent = place.status === "offered" && place.can_answer;
  const headingId = `sejours-place-${place.id}`;
  return (
    <li>
      <article className={`card sejours-place${urgent ? " sejours-place--urgent" : ""}`} aria-labelledby={headingId}>
        <h3 id={headingId} className="sejours-place__title">
          {place.campaign_id ? `Vœu n° ${place.rank} · ` : ""}
          {place.stay.name}
        </h3>
        <p className="sejours-place__meta">
          {place.stay.destination} · {formatPeriod(place.stay.start_date, place.stay.end_date)}
          {place.transport_city ? ` · départ de ${place.transport_city}` : ""}
        </p>
        <p>
          <PlaceStatusBadge place={place} />
        </p>
        {placeDetail(place) && <p className="sejours-place__detail">{placeDetail(place)}</p>}
        {urgent ? (
          <Link className="button" to={`/mes-sejours/places/${place.id}`}>
            Répondre à la proposition de place
          </Link>
        ) : (
          (place.status === "accepted" || place.status === "offered") && (
            <Link to={`/mes-sejours/places/${place.id}`}>Voir la place et son dossier</Link>
          )
        )}
      </article>
    </li>
  );
}

function ChildSection({ child, campaign }: { child: ChildPlaces; campaign: PlaceCampaign | null }) {
  const headingId = `sejours-child-${child.id}`;
  return (
    <section className="sejours-child" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {child.first_name} {child.last_name}
      </h2>
      {campaign?.is_open && (
        <p>
          <Link className="button button--secondary" to={`/mes-sejours/voeux/${child.id}`}>
            Choisir / modifier les vœux de {child.first_name}
          </Link>
        </p>
      )}
      {child.places.length === 0 ? (
        <p className="muted">Aucun vœu pour {child.first_name}.</p>
      ) : (
        <ul className="sejours-places">
          {child.places.map((place) => (
            <PlaceCard key={place.id} place={place} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** /mes-sejours — « Mes séjours »: each child's wishes and the commission's answers. */
export function MyStaysPage() {
  usePageTitle("Mes séjours");
  const stays = useMyStays();
  const toAnswer = stays.data?.children.flatMap((c) => c.places).filter((p) => p.status === "offered" && p.can_answer) ?? [];

  return (
    <>
      <Breadcrumb trail={[{ label: "Mes séjours" }]} />
      <h1>Mes séjours</h1>
      {stays.isPending ? (
        <PageLoading label="Chargement de vos séjours…" />
      ) : stays.isError ? (
        <PageError error={stays.error} onRetry={() => void stays.refetch()} />
      ) : (
        <>
          <CampaignNotice campaign={stays.data.campaign} />
          {toAnswer.length > 0 && (
            <div className="notice notice--warning" role="status">
              <p>
                <StatusIcon name="warning" />{" "}
                {toAnswer.length === 1 ? "Une place vous est proposée" : `${toAnswer.length} places vous sont proposées`} : confirmez au plus tard le{" "}
                {formatDate(toAnswer.map((p) => p.accept_by ?? "").sort()[0])}.
              </p>
            </div>
          )}
          {stays.data.children.length === 0 ? (
            <p>Ajoutez d'abord vos enfants dans « Mes enfants ».</p>
          ) : (
            stays.data.children.map((child) => <ChildSection key={child.id} child={child} campaign={stays.data.campaign} />)
          )}
          <p>
            <Link to="/sejours">Voir le catalogue des séjours</Link>
          </p>
        </>
      )}
    </>
  );
}
