import { Link, useLocation, useParams } from "react-router";
import { useSessionUser } from "../../../auth/session";
import { withNext } from "../../../auth/redirects";
import { formatDate, formatDateTime, formatPeriod } from "../../../format/dates";
import { formatMoney } from "../../../format/money";
import { usePageTitle } from "../../../theme/usePageTitle";
import { PageError, PageLoading } from "../../../pages/family/components/PageStates";
import { audienceLabel, useStay, type StayDetail } from "./api";
import { BookStay } from "./BookStay";

/** /sejours/:stayId — a stay's page, public; a signed-in parent chooses it for a child. */
export function StayPage() {
  const { stayId = "" } = useParams();
  const stay = useStay(stayId);
  usePageTitle(stay.data?.title ?? "Séjour");

  return (
    <div className="sejours-stay">
      <p>
        <Link to="/sejours">
          <span aria-hidden="true">← </span>Tous les séjours
        </Link>
      </p>
      {stay.isPending ? (
        <PageLoading />
      ) : stay.isError ? (
        <PageError error={stay.error} onRetry={() => void stay.refetch()} />
      ) : (
        <StayContent stay={stay.data} />
      )}
    </div>
  );
}

function StayContent({ stay }: { stay: StayDetail }) {
  const photos = stay.media.filter((m) => m.kind === "photo");
  const brochure = stay.media.find((m) => m.kind === "brochure");
  return (
    <article aria-labelledby="sejour-titre">
      <h1 id="sejour-titre">{stay.title}</h1>
      <p className="sejour-card__theme">{stay.theme}</p>
      <dl className="sejour-facts sejour-facts--wide">
        <div>
          <dt>Destination</dt>
          <dd>{[stay.destination, stay.place, stay.abroad ? stay.country : ""].filter(Boolean).join(" — ")}</dd>
        </div>
        <div>
          <dt>Dates</dt>
          <dd>
            {formatPeriod(stay.start_date, stay.end_date)} ({stay.days} jours)
          </dd>
        </div>
        <div>
          <dt>Pour</dt>
          <dd>{audienceLabel(stay)}</dd>
        </div>
        <div>
          <dt>Places</dt>
          <dd className={`sejour-availability sejour-availability--${stay.availability}`}>{stay.availability_label}</dd>
        </div>
        <div>
          <dt>Prix</dt>
          <dd>
            {stay.price.label}
            {stay.quote !== null && <> — pour votre famille : {formatMoney(stay.quote)}</>}
          </dd>
        </div>
        {stay.nautical && (
          <div>
            <dt>Activités nautiques</dt>
            <dd>Oui (test d'aisance aquatique demandé)</dd>
          </div>
        )}
      </dl>
      <Actions stay={stay} />
      {stay.description && (
        <section aria-labelledby="sejour-programme">
          <h2 id="sejour-programme">Programme</h2>
          <p className="preserve-lines">{stay.description}</p>
        </section>
      )}
      {(photos.length > 0 || brochure) && (
        <section aria-labelledby="sejour-photos">
          <h2 id="sejour-photos">Photos et brochure</h2>
          {photos.length > 0 && (
            <ul className="sejour-gallery">
              {photos.map((photo) => (
                <li key={photo.id}>
                  <figure>
                    <img src={photo.url} alt={photo.caption} loading="lazy" />
                    {photo.caption && <figcaption>{photo.caption}</figcaption>}
                  </figure>
                </li>
              ))}
            </ul>
          )}
          {brochure && (
            <p>
              <a className="button button--secondary" href={brochure.url} download>
                Télécharger la brochure (PDF){brochure.caption ? ` : ${brochure.caption}` : ""}
              </a>
            </p>
          )}
        </section>
      )}
      {stay.transports.length > 0 && (
        <section aria-labelledby="sejour-transports">
          <h2 id="sejour-transports">Départs et transport</h2>
          <ul className="sejour-transports">
            {stay.transports.map((t) => (
              <li key={t.id} className="card">
                <h3>{t.city}</h3>
                <p>Supplément : {Number(t.supplement) > 0 ? formatMoney(t.supplement) : "aucun"}</p>
                <p>
                  Rendez-vous : {t.meeting_place}, le {formatDateTime(t.meeting_at)}
                </p>
                {t.return_at && <p>Retour : le {formatDateTime(t.return_at)}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {stay.documents.length > 0 && (
        <section aria-labelledby="sejour-documents">
          <h2 id="sejour-documents">Documents à fournir</h2>
          <ul>
            {stay.documents.map((doc) => (
              <li key={doc.id}>
                <strong>{doc.name}</strong>
                {doc.scope === "child" ? " (pour l'enfant)" : " (pour la famille)"}
                {doc.description && <span className="sejour-doc__hint"> — {doc.description}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}

/** What the visitor can do: sign in (or create an account), or choose the stay for a child. */
function Actions({ stay }: { stay: StayDetail }) {
  const user = useSessionUser();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  const campaign = stay.campaign;

  let content;
  if (!campaign || campaign.status === "published") {
    // No wishes: the places (left) are taken at once, first come, first served.
    if (!user) {
      content = (
        <>
          <p>{stay.availability === "full" ? "Ce séjour est complet." : "Connectez-vous pour réserver ce séjour pour votre enfant."}</p>
          {stay.availability !== "full" && (
            <p className="inline-actions">
              <Link className="button button--primary" to={withNext("/connexion", here)}>
                S'inscrire
              </Link>
              <Link to={withNext("/inscription", here)}>Pas encore de compte ? Créer un compte</Link>
            </p>
          )}
        </>
      );
    } else if (user.is_staff_member) {
      content = <p>Les familles réservent ce séjour depuis leur espace, dans la limite des places.</p>;
    } else if (stay.children.length === 0) {
      content = <p>Ajoutez vos enfants dans « Mes enfants » pour réserver ce séjour.</p>;
    } else {
      content = <BookStay stay={stay} />;
    }
  } else if (!campaign.is_open && campaign.status === "preparing" && new Date(campaign.opens_at) > new Date()) {
    content = <p>Les vœux pour « {campaign.label} » ouvriront le {formatDateTime(campaign.opens_at)}.</p>;
  } else if (!campaign.is_open) {
    content = <p>Les vœux pour « {campaign.label} » sont clos. Pour une place en liste d'attente, adressez-vous au coordinateur séjours.</p>;
  } else if (!user) {
    content = (
      <>
        <p>Vœux ouverts jusqu'au {formatDateTime(campaign.closes_at)}. Connectez-vous pour choisir ce séjour pour votre enfant.</p>
        <p className="inline-actions">
          <Link className="button button--primary" to={withNext("/connexion", here)}>
            S'inscrire
          </Link>
          <Link to={withNext("/inscription", here)}>Pas encore de compte ? Créer un compte</Link>
        </p>
      </>
    );
  } else if (user.is_staff_member) {
    content = <p>Les familles choisissent ce séjour depuis leur espace jusqu'au {formatDate(campaign.closes_at)}.</p>;
  } else if (stay.children.length === 0) {
    content = <p>Ajoutez vos enfants dans « Mes enfants » pour choisir ce séjour.</p>;
  } else {
    content = (
      <>
        <p>Vœux ouverts jusqu'au {formatDateTime(campaign.closes_at)}.</p>
        <ul className="sejour-choices">
          {stay.children.map((child) => (
            <li key={child.id}>
              {child.wish_rank !== null ? (
                <>
                  Vœu n° {child.wish_rank} de {child.first_name}.{" "}
                  <Link to={`/mes-sejours/voeux/${child.id}`}>Voir les vœux de {child.first_name}</Link>
                </>
              ) : child.eligible ? (
                <Link className="button button--primary" to={`/mes-sejours/voeux/${child.id}?sejour=${stay.id}`}>
                  Choisir ce séjour pour {child.first_name}
                </Link>
              ) : (
                <span className="sejour-choices__reason">{child.reason}</span>
              )}
            </li>
          ))}
        </ul>
      </>
    );
  }
  return (
    <section className="card sejour-actions" aria-labelledby="sejour-inscription">
      <h2 id="sejour-inscription">Inscription</h2>
      {content}
    </section>
  );
}
