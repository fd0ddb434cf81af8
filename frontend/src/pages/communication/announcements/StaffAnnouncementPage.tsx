import { useQuery } from "@tanstack/react-query";
import { Link, useLocation, useParams } from "react-router";
import { QueryView } from "../../../components/QueryView";
import { usePageTitle } from "../../../theme/usePageTitle";
import { announcementKeys, fetchAnnouncement, isSending, sendPolling } from "./api";
import { AnnouncementEditor } from "./AnnouncementEditor";
import { SentAnnouncement } from "./SentAnnouncement";
import "./announcements.css";

function Breadcrumb({ current }: { current: string }) {
  return (
    <nav className="breadcrumb" aria-label="Fil d'Ariane">
      <Link to="/gestion">Espace de gestion</Link> <span aria-hidden="true">›</span> <Link to="/gestion/annonces">Annonces</Link>{" "}
      <span aria-hidden="true">›</span> <span aria-current="page">{current}</span>
    </nav>
  );
}

/** /gestion/annonces/nouvelle — a new draft. */
export function NewAnnouncementPage() {
  usePageTitle("Nouvelle annonce");
  return (
    <>
      <Breadcrumb current="Nouvelle annonce" />
      <h1>Nouvelle annonce</h1>
      <AnnouncementEditor />
    </>
  );
}

/** /gestion/annonces/:announcementId — the draft's editor, or the progress and read receipts once sent. */
export function StaffAnnouncementPage() {
  const { announcementId: raw } = useParams();
  const id = Number(raw);
  const location = useLocation();
  const initialStatus = (location.state as { status?: string } | null)?.status ?? "";
  const query = useQuery({
    queryKey: announcementKeys.staffDetail(id),
    queryFn: ({ signal }) => fetchAnnouncement(id, signal),
    enabled: Number.isInteger(id) && id > 0,
    refetchInterval: (q) => (q.state.data && isSending(q.state.data.state) ? sendPolling.interval * 5 : false),
  });
  const title = query.data ? query.data.title || "Annonce sans titre" : "Annonce";
  usePageTitle(query.data?.state === "draft" ? `${title} (brouillon)` : title);

  return (
    <>
      <Breadcrumb current={title} />
      <QueryView query={query} loadingLabel="Chargement de l'annonce…">
        {(announcement) =>
          announcement.state === "draft" ? (
            <>
              <h1>
                {title} <span className="tag tag--small">Brouillon</span>
              </h1>
              <AnnouncementEditor key={announcement.id} announcement={announcement} initialStatus={initialStatus} />
            </>
          ) : (
            <>
              <h1>{title}</h1>
              <SentAnnouncement announcement={announcement} />
            </>
          )
        }
      </QueryView>
    </>
  );
}
