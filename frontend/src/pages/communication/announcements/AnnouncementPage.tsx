import { useEffect } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { homeQueryKey } from "../../../api/familyHome";
import { formatDateTime } from "../../../format/dates";
import { usePageTitle } from "../../../theme/usePageTitle";
import { Breadcrumb } from "../../family/components/Breadcrumb";
import { PageError, PageLoading } from "../../family/components/PageStates";
import { UNREAD_KEY } from "../messaging/unread";
import { announcementKeys, fetchFamilyAnnouncement, formatSize, type FamilyAnnouncement } from "./api";
import "./announcements.css";

/** /messagerie/annonces/:announcementId — one announcement (opening it is the read receipt). */
export function AnnouncementPage() {
  const { announcementId = "" } = useParams();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: announcementKeys.familyDetail(announcementId),
    queryFn: ({ signal }) => fetchFamilyAnnouncement(announcementId, signal),
  });
  const title = query.data?.title ?? "Annonce";
  usePageTitle(title);
  const loaded = Boolean(query.data);

  // The server stamped the read: the list shows it read without asking again, and the
  // counters that depend on it (menu badge, family home) are refetched (as useMarkedRead).
  useEffect(() => {
    if (!loaded) return;
    queryClient.setQueryData<FamilyAnnouncement[]>(announcementKeys.familyList, (list) =>
      list?.map((item) => (String(item.id) === announcementId ? { ...item, read: true } : item)),
    );
    void queryClient.invalidateQueries({ queryKey: UNREAD_KEY });
    void queryClient.invalidateQueries({ queryKey: homeQueryKey });
  }, [loaded, announcementId, queryClient]);

  return (
    <>
      <Breadcrumb trail={[{ label: "Messagerie", path: "/messagerie" }, { label: "Annonces", path: "/messagerie/annonces" }, { label: title }]} />
      <h1>{title}</h1>
      {query.isPending ? (
        <PageLoading label="Chargement de l'annonce…" />
      ) : query.isError ? (
        <PageError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <article className="announcement">
          <p className="announcement-item__meta">
            {query.data.urgent && <span className="tag tag--small announcement-urgent">Urgente</span>} Envoyée le {formatDateTime(query.data.sent_at)}
          </p>
          {/* The server cleans this HTML (core/communication/services/rich_text.py): only paragraphs, lists, emphasis and links. */}
          <div className="announcement-text card" dangerouslySetInnerHTML={{ __html: query.data.text }} />
          {query.data.attachments.length > 0 && (
            <section aria-labelledby="annonce-pj-titre" className="section">
              <h2 id="annonce-pj-titre">Pièces jointes</h2>
              <ul className="plain-list announcement-attachments">
                {query.data.attachments.map((attachment) => (
                  <li key={attachment.id}>
                    <a href={attachment.url} download={attachment.name}>
                      {attachment.name}
                    </a>{" "}
                    ({formatSize(attachment.size)})
                  </li>
                ))}
              </ul>
            </section>
          )}
        </article>
      )}
      <p>
        <Link to="/messagerie/annonces" className="button button--secondary">
          Retour aux annonces
        </Link>
      </p>
    </>
  );
}
