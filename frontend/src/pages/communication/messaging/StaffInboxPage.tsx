import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { InputField, SelectField, type Option } from "../../../components/FormFields";
import { DataTable, type Column } from "../../../components/list/DataTable";
import { FilterForm } from "../../../components/list/FilterForm";
import { ListView } from "../../../components/list/ListView";
import { useListParams } from "../../../components/list/useListParams";
import { formatDateTime } from "../../../format/dates";
import { plural } from "../../../format/text";
import { usePageTitle } from "../../../theme/usePageTitle";
import { fetchInbox, messagingKeys, useAssignees, useMyServices, type StaffService, type StaffThread } from "./api";
import { StateBadge } from "./components/StateBadge";

const FILTERS = {
  service: { param: "service" },
  theme: { param: "theme" },
  state: { param: "etat", values: ["new", "open", "closed"] },
  assignee: { param: "attribution" },
  q: { param: "q" },
};

export const STATE_OPTIONS: readonly Option[] = [
  { value: "", label: "Tous" },
  { value: "new", label: "Nouveau" },
  { value: "open", label: "En cours" },
  { value: "closed", label: "Clos" },
];

const COLUMNS: Column<StaffThread>[] = [
  {
    key: "subject",
    header: "Objet",
    rowHeader: true,
    cell: (thread) => (
      <Link to={`/gestion/messagerie/${thread.id}`}>
        {thread.subject}
        {thread.unread > 0 && <>{" "}<span className="visually-hidden">({plural(thread.unread, "message non lu", "messages non lus")})</span></>}
      </Link>
    ),
  },
  { key: "family", header: "Famille", cell: (thread) => `${thread.family.name} (n° ${thread.family.number})` },
  {
    key: "service",
    header: "Service et thème",
    cell: (thread) => `${thread.service.label}${thread.theme ? ` › ${thread.theme.label}` : ""}${thread.child ? ` · ${thread.child.name}` : ""}`,
  },
  { key: "state", header: "État", cell: (thread) => <StateBadge state={thread.state} label={thread.state_label} /> },
  { key: "assignee", header: "Attribué à", cell: (thread) => thread.assignee?.name ?? "Non attribué" },
  {
    key: "last",
    header: "Dernier message",
    cell: (thread) => (
      <>
        {formatDateTime(thread.last_message_at)}
        {thread.unread > 0 && <strong className="thread-unread"> · {thread.unread} non lu{thread.unread > 1 ? "s" : ""}</strong>}
      </>
    ),
  },
];

/** /gestion/messagerie — the threads of the services the user reads, with filters. */
export function StaffInboxPage() {
  usePageTitle("Messagerie");
  const { filters, page, setFilters, setPage } = useListParams(FILTERS);
  const search = { ...filters, page };
  const query = useQuery({
    queryKey: messagingKeys.staffThreads(search),
    queryFn: ({ signal }) => fetchInbox(search, signal),
    placeholderData: keepPreviousData,
  });
  // The services the user reads (not the configuration's list, which is for administrators).
  const services = useMyServices();
  const serviceList = services.data ?? [];

  return (
    <>
      <p className="breadcrumb">
        <Link to="/gestion">Espace de gestion</Link>
      </p>
      <h1>Messagerie</h1>
      <FilterForm label="Filtrer les conversations" values={filters} onApply={setFilters}>
        {({ draft, set }) => (
          <InboxFilterFields
            draft={draft}
            set={set}
            services={serviceList}
          />
        )}
      </FilterForm>
      <ListView
        query={query}
        loadingLabel="Chargement des conversations…"
        empty={<p role="status">Aucune conversation ne correspond à ces filtres.</p>}
        pagination={{ label: "Pages des conversations", page, onPage: setPage }}
      >
        {(data) => (
          <>
            <p role="status">{plural(data.count, "conversation trouvée", "conversations trouvées")}.</p>
            <DataTable
              caption="Conversations, les plus récentes d'abord (non lues en gras)"
              columns={COLUMNS}
              rows={data.results}
              rowKey={(thread) => thread.id}
              rowClassName={(thread) => (thread.unread > 0 ? "thread-row--unread" : undefined)}
            />
          </>
        )}
      </ListView>
    </>
  );
}

type Draft = { service: string; theme: string; state: string; assignee: string; q: string };

function InboxFilterFields({ draft, set, services }: { draft: Draft; set: (key: keyof Draft) => (value: string) => void; services: readonly StaffService[] }) {
  const service = services.find((s) => String(s.id) === draft.service);
  // The colleagues of the chosen service (or of the only service the user reads).
  const assignees = useAssignees((service ?? (services.length === 1 ? services[0] : undefined))?.id);
  const assigneeOptions: Option[] = [
    { value: "", label: "Tous" },
    { value: "me", label: "Moi" },
    { value: "none", label: "Non attribué" },
    ...(assignees.data ?? []).map((person) => ({ value: String(person.id), label: person.name })),
  ];
  return (
    <>
      <InputField id="messagerie-recherche" label="Rechercher" type="search" hint="Objet, nom ou n° de famille" value={draft.q} onChange={set("q")} />
      {services.length > 0 && (
        <SelectField
          id="messagerie-service"
          label="Service"
          value={draft.service}
          options={[{ value: "", label: "Tous" }, ...services.map((s) => ({ value: String(s.id), label: s.label }))]}
          onChange={(value) => {
            set("service")(value);
            set("theme")("");
          }}
        />
      )}
      {service && service.themes.length > 0 && (
        <SelectField
          id="messagerie-theme"
          label="Thème"
          value={draft.theme}
          options={[{ value: "", label: "Tous" }, ...service.themes.map((t) => ({ value: String(t.id), label: t.label }))]}
          onChange={set("theme")}
        />
      )}
      <SelectField id="messagerie-etat" label="État" value={draft.state} options={STATE_OPTIONS} onChange={set("state")} />
      <SelectField id="messagerie-attribution" label="Attribué à" value={draft.assignee} options={assigneeOptions} onChange={set("assignee")} />
    </>
  );
}
