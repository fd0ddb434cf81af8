import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { DataTable, type Column } from "../../../components/list/DataTable";
import { ListView } from "../../../components/list/ListView";
import { useListParams } from "../../../components/list/useListParams";
import { formatDateTime } from "../../../format/dates";
import { usePageTitle } from "../../../theme/usePageTitle";
import { announcementKeys, fetchAnnouncements, isSending, sendPolling, type StaffAnnouncement } from "./api";
import { SendProgressBar } from "./SendProgressBar";
import "./announcements.css";

const COLUMNS: Column<StaffAnnouncement>[] = [
  {
    key: "title",
    header: "Titre",
    rowHeader: true,
    cell: (item) => (
      <>
        <Link to={`/gestion/annonces/${item.id}`}>{item.title || "(sans titre)"}</Link>
        {item.urgent && <span className="tag tag--small announcement-urgent"> Urgente</span>}
      </>
    ),
  },
  {
    key: "state",
    header: "État",
    cell: (item) =>
      isSending(item.state) ? (
        <>
          {item.state_label}
          <SendProgressBar done={item.emailed_count} total={item.recipients_count} label={`Avancement de l'envoi « ${item.title} »`} />
        </>
      ) : (
        item.state_label
      ),
  },
  {
    key: "date",
    header: "Date",
    cell: (item) => (item.sent_at ? `Envoyée le ${formatDateTime(item.sent_at)}` : `Créée le ${formatDateTime(item.created_at)}`),
  },
  { key: "families", header: "Familles", cell: (item) => (item.state === "draft" ? "—" : item.families_count) },
  { key: "recipients", header: "Responsables", cell: (item) => (item.state === "draft" ? "—" : item.recipients_count) },
  { key: "emailed", header: "E-mails envoyés", cell: (item) => (item.state === "draft" ? "—" : item.emailed_count) },
  {
    key: "read",
    header: "Lue par",
    cell: (item) => (item.state === "draft" ? "—" : `${item.read_families_count} / ${item.families_count} familles`),
  },
];

/** /gestion/annonces — the announcements, newest first: drafts, sending (with progress) and sent ones. */
export function StaffAnnouncementsPage() {
  usePageTitle("Annonces");
  const { page, setPage } = useListParams({});
  const query = useQuery({
    queryKey: announcementKeys.staffList(page),
    queryFn: ({ signal }) => fetchAnnouncements(page, signal),
    placeholderData: keepPreviousData,
    // While one is being sent, its counters move.
    refetchInterval: (q) => (q.state.data?.results.some((item) => isSending(item.state)) ? sendPolling.interval : false),
  });

  return (
    <>
      <p className="breadcrumb">
        <Link to="/gestion">Espace de gestion</Link>
      </p>
      <div className="toolbar">
        <h1>Annonces</h1>
        <Link className="button button--primary" to="/gestion/annonces/nouvelle">
          Nouvelle annonce
        </Link>
      </div>
      <p>Une annonce part vers les familles choisies (toutes, un module, une activité, un jour de réservation…) : sur leur portail et par e-mail.</p>
      <ListView
        query={query}
        loadingLabel="Chargement des annonces…"
        empty="Aucune annonce pour l'instant."
        pagination={{ label: "Pages des annonces", page, onPage: setPage }}
      >
        {(data) => <DataTable caption={`Annonces (${data.count})`} columns={COLUMNS} rows={data.results} rowKey={(item) => item.id} />}
      </ListView>
    </>
  );
}
