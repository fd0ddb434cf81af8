import { useSearchParams } from "react-router";
import { useChangeRequests, type ChangeCategory, type ChangeRequest } from "../../api/family";
import { formatDateTime } from "../../format/dates";
import { usePageTitle } from "../../theme/usePageTitle";
import { Breadcrumb } from "./components/Breadcrumb";
import { PageError, PageLoading } from "./components/PageStates";

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

const GROUPS: readonly { status: ChangeRequest["status"]; title: string; empty: string }[] = [
  { status: "pending", title: "En attente", empty: "Aucune demande en attente." },
  { status: "accepted", title: "Acceptées", empty: "Aucune demande acceptée ces 30 derniers jours." },
  { status: "refused", title: "Refusées", empty: "Aucune demande refusée ces 30 derniers jours." },
];

/** /mes-demandes — the family's change requests (last 30 days + pending). */
export function RequestsPage() {
  usePageTitle("Mes demandes");
  const [searchParams, setSearchParams] = useSearchParams();
  const category = searchParams.get("type") ?? "";
  const requests = useChangeRequests(category);

  return (
    <>
      <Breadcrumb trail={[{ label: "Mes demandes" }]} />
      <h1>Mes demandes</h1>
      <p className="lead">
        Les modifications de votre dossier soumises à la structure : celles des 30 derniers jours et toutes celles en attente.
      </p>
      <div role="group" aria-label="Filtrer par type de demande" className="filter-bar">
        {REQUEST_FILTERS.map((filter) => (
          <button
            key={filter.value || "toutes"}
            type="button"
            className="filter-button"
            aria-pressed={category === filter.value}
            onClick={() => setSearchParams(filter.value ? { type: filter.value } : {}, { replace: true })}
          >
            {filter.label}
          </button>
        ))}
      </div>
      {requests.isPending ? (
        <PageLoading />
      ) : requests.isError ? (
        <PageError error={requests.error} onRetry={() => void requests.refetch()} />
      ) : (
        <>
          <p role="status" className="visually-hidden">
            {requests.data.length} demande{requests.data.length > 1 ? "s" : ""}
          </p>
          {GROUPS.map((group) => {
            const list = requests.data.filter((r) => (r.status ?? "pending") === group.status);
            const id = `demandes-${group.status}`;
            return (
              <section key={group.status} aria-labelledby={id} className="section">
                <h2 id={id}>
                  {group.title} ({list.length})
                </h2>
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
    </>
  );
}

function RequestCard({ request }: { request: ChangeRequest }) {
  return (
    <article className={`card request request--${request.status ?? "pending"}`} aria-label={`${request.category_label} — ${request.target_label}`}>
      <h3 className="request__title">
        {request.category_label} — {request.target_label}
      </h3>
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
