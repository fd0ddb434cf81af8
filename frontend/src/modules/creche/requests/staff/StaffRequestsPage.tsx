import { Link, useSearchParams } from "react-router";
import { QueryView } from "../../../../components/QueryView";
import { formatDate } from "../../../../format/dates";
import { usePageTitle } from "../../../../theme/usePageTitle";
import { formatHours, STATE_LABELS, useStaffRequests, type RequestState, type StaffRequestList } from "../api";

const FILTERS = ["month", "establishment", "state", "care"] as const;
const STATES = Object.keys(STATE_LABELS) as RequestState[];

function Table({ data }: { data: StaffRequestList }) {
  if (!data.requests.length) return <p role="status">Aucune demande ne correspond à ces critères.</p>;
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption>
          {data.requests.length} demande{data.requests.length > 1 ? "s" : ""}, par date d'entrée souhaitée puis date de la demande
        </caption>
        <thead>
          <tr>
            <th scope="col">Enfant</th>
            <th scope="col">Famille</th>
            <th scope="col">Entrée souhaitée</th>
            <th scope="col">Demande du</th>
            <th scope="col">Accueil</th>
            <th scope="col">Heures / semaine</th>
            <th scope="col">Établissements (par rang)</th>
            <th scope="col">État</th>
          </tr>
        </thead>
        <tbody>
          {data.requests.map((row) => (
            <tr key={row.id}>
              <th scope="row">
                <Link to={`/gestion/creche/demandes/${row.id}`}>{row.child_name}</Link>
                <br />
                <span className="muted">{row.child_birth_date ? `né·e le ${formatDate(row.child_birth_date)}` : `naissance prévue le ${formatDate(row.due_date)}`}</span>
              </th>
              <td>{row.family_name}</td>
              <td>{formatDate(row.desired_start)}</td>
              <td>{formatDate(row.created_at.slice(0, 10))}</td>
              <td>{row.care_label}</td>
              <td>{formatHours(row.hours_per_week)}</td>
              <td>{row.choices.map((name, i) => `${i + 1}. ${name}`).join(" · ")}</td>
              <td>
                {row.state_label}
                {row.offer_establishment_name ? ` (${row.offer_establishment_name})` : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** /gestion/creche/demandes — the place requests for the commission, with filters kept in the address. */
export function StaffRequestsPage() {
  usePageTitle("Demandes de place en crèche");
  const [params, setParams] = useSearchParams();
  const query = new URLSearchParams(FILTERS.flatMap((key) => (params.get(key) ? [[key, params.get(key) as string]] : []))).toString();
  const requests = useStaffRequests(query);

  function set(key: (typeof FILTERS)[number], value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  }

  return (
    <section aria-labelledby="creche-demandes-titre">
      <p>
        <Link to="/gestion">← Accueil de la gestion</Link>
      </p>
      <h1 id="creche-demandes-titre">Demandes de place en crèche</h1>
      <form className="creche-filters" role="search" aria-label="Filtrer les demandes" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label className="field__label" htmlFor="filtre-mois">
            Entrée souhaitée en
          </label>
          <input id="filtre-mois" type="month" value={params.get("month") ?? ""} onChange={(e) => set("month", e.target.value)} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="filtre-etablissement">
            Établissement (à tout rang)
          </label>
          <select id="filtre-etablissement" value={params.get("establishment") ?? ""} onChange={(e) => set("establishment", e.target.value)}>
            <option value="">Tous</option>
            {requests.data?.establishments.map((e) => (
              <option key={e.id} value={String(e.id)}>
                {e.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="filtre-etat">
            État
          </label>
          <select id="filtre-etat" value={params.get("state") ?? ""} onChange={(e) => set("state", e.target.value)}>
            <option value="">Tous</option>
            {STATES.map((state) => (
              <option key={state} value={state}>
                {STATE_LABELS[state]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="filtre-accueil">
            Accueil
          </label>
          <select id="filtre-accueil" value={params.get("care") ?? ""} onChange={(e) => set("care", e.target.value)}>
            <option value="">Tous</option>
            <option value="regular">Accueil régulier</option>
            <option value="occasional">Accueil occasionnel</option>
          </select>
        </div>
      </form>
      <QueryView query={requests} loadingLabel="Chargement des demandes…">
        {(data) => <Table data={data} />}
      </QueryView>
    </section>
  );
}
