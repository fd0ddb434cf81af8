import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { formatDateTime } from "../../../format/dates";
import { plural } from "../../../format/text";
import { usePageTitle } from "../../../theme/usePageTitle";
import { Breadcrumb } from "../../family/components/Breadcrumb";
import { PageError, PageLoading } from "../../family/components/PageStates";
import { announcementKeys, fetchFamilyAnnouncements } from "./api";
import "./announcements.css";

/** « Conversations » / « Annonces »: the two halves of the parents' Messagerie. */
export function MessagingTabs() {
  return (
    <nav aria-label="Messagerie" className="announcement-tabs">
      <Link to="/messagerie">Conversations</Link>
      <Link to="/messagerie/annonces" aria-current="page">
        Annonces
      </Link>
    </nav>
  );
}

/** /messagerie/annonces — the announcements the structure sent to this parent, newest first; unread ones in bold. */
export function AnnouncementsPage() {
  usePageTitle("Annonces");
  const query = useQuery({ queryKey: announcementKeys.familyList, queryFn: ({ signal }) => fetchFamilyAnnouncements(signal) });
  const unread = query.data?.filter((item) => !item.read).length ?? 0;

  return (
    <>
      <Breadcrumb trail={[{ label: "Messagerie", path: "/messagerie" }, { label: "Annonces" }]} />
      <h1>Annonces</h1>
      <MessagingTabs />
      {query.isPending ? (
        <PageLoading label="Chargement des annonces…" />
      ) : query.isError ? (
        <PageError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.length === 0 ? (
        <p>Aucune annonce pour l'instant. Les annonces de la structure (fermetures, sorties, rappels…) s'afficheront ici.</p>
      ) : (
        <>
          <p>{unread ? `${plural(unread, "annonce non lue", "annonces non lues")}.` : "Vous avez lu toutes les annonces."}</p>
          <ul className="plain-list announcement-list">
            {query.data.map((item) => (
              <li key={item.id} className={item.read ? "card announcement-item" : "card announcement-item announcement-item--unread"}>
                <Link to={`/messagerie/annonces/${item.id}`} aria-label={item.read ? undefined : `${item.title} (non lue)`}>
                  {item.read ? item.title : <strong>{item.title}</strong>}
                </Link>
                <span className="announcement-item__meta">
                  {item.urgent && <span className="tag tag--small announcement-urgent">Urgente</span>} {formatDateTime(item.sent_at)}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
