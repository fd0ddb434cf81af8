import { useBookingRequests, type BookingRequest, type BookingRequestKind } from "../../api/bookingRequests";
import { useChangeRequests, type ChangeCategory, type ChangeRequest } from "../../api/family";
import { DataTable, type Column } from "../../components/list/DataTable";
import { ListView } from "../../components/list/ListView";
import { useListParams } from "../../components/list/useListParams";
import { formatDate, formatDateTime } from "../../format/dates";
import { usePageTitle } from "../../theme/usePageTitle";
import { Breadcrumb } from "./components/Breadcrumb";
import { PageError, PageLoading } from "./components/PageStates";

/** The types of « Mes demandes » (the `type` parameter of the URL). */
export const REQUEST_TYPES: readonly { value: string; label: string; kind?: BookingRequestKind }[] = [
  { value: "", label: "Toutes" },
  { value: "dossier", label: "Modifications du dossier" },
  { value: "reservations", label: "Réservations", kind: "booking" },
  { value: "annulations", label: "Annulations", kind: "cancellation" },
  { value: "absences", label: "Absences", kind: "absence" },
];

/** The parts of the family file, to narrow its modifications (`categorie`). */
export const REQUEST_FILTERS: readonly { value: ChangeCategory | ""; label: string }[] = [
  { value: "", label: "Toutes" },
  { value: "responsable", label: "Responsable" },
  { value: "conjoint", label: "Conjoint" },
  { value: "foyer", label: "Foyer" },
  { value: "caf", label: "CAF" },
  { value: "bancaire", label: "Bancaire" },
  { value: "enfant", label: "Enfant" },
  { value: "sante", label: "Santé" },
  { value: "autorisations", label: "Autorisations" },
];

const FILTERS = {
  type: { param: "type", values: REQUEST_TYPES.map((t) => t.value) },
  category: { param: "categorie", values: REQUEST_FILTERS.map((f) => f.value) },
};

const GROUPS: readonly { status: ChangeRequest["status"]; title: string; empty: string }[] = [
  { status: "pending", title: "En attente", empty: "Aucune demande en attente." },
  { status: "accepted", title: "Acceptées", empty: "Aucune demande acceptée ces 30 derniers jours." },
  { status: "refused", title: "Refusées", empty: "Aucune demande refusée ces 30 derniers jours." },
];

/**
 * /mes-demandes — what the family asked the structure and its answers: the
 * changes to the family file (last 30 days + pending) and, on the bookings'
 * side, the booking requests, cancellation requests and declared absences
 * (newest first, paginated), filtered by type in the URL.
 */
export function RequestsPage() {
  usePageTitle("Mes demandes");
  const { filters, page, setFilters, setPage } = useListParams(FILTERS);
  const type = REQUEST_TYPES.find((t) => t.value === filters.type) ?? REQUEST_TYPES[0];
  const showFile = type.value === "" || type.value === "dossier";
  const showBookings = type.value !== "dossier";

  return (
    <>
      <Breadcrumb trail={[{ label: "Mes demandes" }]} />
      <h1>Mes demandes</h1>
      <p className="lead">
        Vos demandes à la structure et ses réponses : les modifications de votre dossier (celles des 30 derniers jours et
        toutes celles en attente), vos demandes de réservation et d'annulation et vos absences déclarées.
      </p>
      <div role="group" aria-label="Type de demande" className="filter-bar">
        {REQUEST_TYPES.map((option) => (
          <button
            key={option.value || "toutes"}
            type="button"
            className="filter-button"
            aria-pressed={type.value === option.value}
            onClick={() => setFilters({ type: option.value, category: "" })}
          >
            {option.label}
          </button>
        ))}
      </div>
      {showBookings && <BookingRequestsSection kind={type.kind ?? ""} title={type.kind ? type.label : "Réservations, annulations et absences"} page={page} onPage={setPage} />}
      {showFile && (
        <FileRequestsSection
          category={type.value === "dossier" ? filters.category : ""}
          filterable={type.value === "dossier"}
          onCategory={(category) => setFilters({ category })}
        />
      )}
    </>
  );
}

const KIND_EMPTY: Record<BookingRequestKind | "", string> = {
  "": "Aucune demande de réservation, d'annulation ni d'absence.",
  booking: "Aucune demande de réservation.",
  cancellation: "Aucune demande d'annulation.",
  absence: "Aucune absence déclarée.",
};

function BookingRequestsSection({ kind, title, page, onPage }: { kind: BookingRequestKind | ""; title: string; page: number; onPage: (page: number) => void }) {
  const query = useBookingRequests(kind, page);
  const columns: Column<BookingRequest>[] = [
    {
      key: "demande",
      header: "Demande",
      rowHeader: true,
      cell: (r) => (
        <>
          {r.kind_label}
          <span className="request__meta"> — le {formatDateTime(r.requested_at)}</span>
        </>
      ),
    },
    { key: "jour", header: "Jour", cell: (r) => formatDate(r.date) },
    { key: "enfant", header: "Enfant", cell: (r) => r.child_name },
    {
      key: "prestation",
      header: "Prestation",
      cell: (r) => (r.unit_name === r.activity_name ? r.unit_name : `${r.activity_name} — ${r.unit_name}`),
    },
    {
      key: "reponse",
      header: "Réponse",
      cell: (r) => (
        <>
          <strong>{r.status_label}</strong>
          {r.answer && r.answer !== r.status_label ? ` : ${r.answer}` : ""}
          {r.decided_at ? <span className="request__meta"> (le {formatDateTime(r.decided_at)})</span> : null}
        </>
      ),
    },
    {
      key: "motif",
      header: "Motif",
      cell: (r) =>
        r.reason ? (
          <span className={r.status === "refused" ? "request__reason request__reason--refused" : "request__reason"}>
            <span className="visually-hidden">{r.kind === "absence" ? "Motif de l'absence : " : "Motif du refus : "}</span>
            {r.reason}
          </span>
        ) : (
          "—"
        ),
    },
  ];
  const headingId = "demandes-reservations";
  return (
    <section aria-labelledby={headingId} className="section">
      <h2 id={headingId}>{title}</h2>
      <ListView
        query={query}
        loadingLabel="Chargement des demandes…"
        empty={KIND_EMPTY[kind]}
        pagination={{ label: `Pages : ${title.toLowerCase()}`, page, onPage }}
      >
        {(data) => (
          <>
            <p role="status" className="visually-hidden">
              {data.count} demande{data.count > 1 ? "s" : ""}
            </p>
            <DataTable
              caption={`${title}, les plus récentes d'abord`}
              hiddenCaption
              columns={columns}
              rows={data.results}
              rowKey={(r) => r.id}
              rowClassName={(r) => `request--${r.status}`}
            />
          </>
        )}
      </ListView>
    </section>
  );
}

function FileRequestsSection({ category, filterable, onCategory }: { category: string; filterable: boolean; onCategory: (category: string) => void }) {
  const requests = useChangeRequests(category);
  const headingId = "demandes-dossier";
  return (
    <section aria-labelledby={headingId} className="section">
      <h2 id={headingId}>Modifications du dossier</h2>
      {filterable && (
        <div role="group" aria-label="Partie du dossier" className="filter-bar">
          {REQUEST_FILTERS.map((filter) => (
            <button
              key={filter.value || "toutes"}
              type="button"
              className="filter-button"
              aria-pressed={category === filter.value}
              onClick={() => onCategory(filter.value)}
            >
              {filter.label}
            </button>
          ))}
        </div>
      )}
      {requests.isPending ? (
        <PageLoading />
      ) : requests.isError ? (
        <PageError error={requests.error} onRetry={() => void requests.refetch()} />
      ) : (
        <>
          <p role="status" className="visually-hidden">
            {requests.data.length} modification{requests.data.length > 1 ? "s" : ""} du dossier
          </p>
          {GROUPS.map((group) => {
            const list = requests.data.filter((r) => (r.status ?? "pending") === group.status);
            const id = `demandes-${group.status}`;
            return (
              <section key={group.status} aria-labelledby={id} className="section">
                <h3 id={id}>
                  {group.title} ({list.length})
                </h3>
                {list.length ? (
                  <ul className="plain-list">
                    {list.map((request) => (
                      <li key={request.id}>
                        <RequestCard request={request} />
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p>{group.empty}</p>
                )}
              </section>
            );
          })}
        </>
      )}
    </section>
  );
}

function RequestCard({ request }: { request: ChangeRequest }) {
  return (
    <article className={`card request request--${request.status ?? "pending"}`} aria-label={`${request.category_label} — ${request.target_label}`}>
      <h4 className="request__title">
        {request.category_label} — {request.target_label}
      </h4>
      <p className="request__meta">
        Demandée le {formatDateTime(request.created_at)} · <strong>{request.status_label}</strong>
        {request.decided_at ? ` le ${formatDateTime(request.decided_at)}` : ""}
      </p>
      <div className="table-wrapper">
        <table className="data-table">
          <caption className="visually-hidden">Modifications demandées</caption>
          <thead>
            <tr>
              <th scope="col">Information</th>
              <th scope="col">Avant</th>
              <th scope="col">Après</th>
            </tr>
          </thead>
          <tbody>
            {request.changes.map((change) => (
              <tr key={change.field}>
                <th scope="row">{change.label}</th>
                <td>{change.before || "(vide)"}</td>
                <td>{change.after || "(vide)"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {request.status === "refused" && request.reason && (
        <p className="notice notice--error">
          <strong>Motif du refus :</strong> {request.reason}
        </p>
      )}
    </article>
  );
}
