import { useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { SelectField } from "../../../../components/FormFields";
import { QueryView } from "../../../../components/QueryView";
import { formatPeriod } from "../../../../format/dates";
import { formatOptionalMoney } from "../../../../format/money";
import { usePageTitle } from "../../../../theme/usePageTitle";
import { contractKeys, fetchOptions, fetchStaffContracts, STATE_LABELS } from "../api";

const STATES = Object.entries(STATE_LABELS).map(([value, label]) => ({ value, label }));

/** The contracts by establishment, state and child's name. */
export function StaffContractsPage() {
  usePageTitle("Contrats d'accueil");
  const [search, setSearch] = useSearchParams();
  const establishment = search.get("etablissement") ?? "";
  const state = search.get("etat") ?? "";
  const q = search.get("q") ?? "";
  const query = new URLSearchParams();
  if (establishment) query.set("establishment", establishment);
  if (state) query.set("state", state);
  if (q) query.set("q", q);
  const options = useQuery({ queryKey: contractKeys.options, queryFn: ({ signal }) => fetchOptions(signal) });
  const list = useQuery({
    queryKey: contractKeys.staffList(query.toString()),
    queryFn: ({ signal }) => fetchStaffContracts(query.toString(), signal),
  });
  const setFilter = (key: string) => (value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearch(next, { replace: true });
  };

  return (
    <div className="creche-contract">
      <h1>Contrats d'accueil</h1>
      <p>
        <Link className="button button--primary" to="/gestion/creche/contrats/nouveau">
          Nouveau contrat
        </Link>
      </p>
      <form className="creche-contract__grid" role="search" aria-label="Filtrer les contrats" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          id="filtre-etablissement"
          label="Établissement"
          placeholder="Tous"
          value={establishment}
          onChange={setFilter("etablissement")}
          options={(options.data?.establishments ?? []).map((e) => ({ value: String(e.id), label: e.name }))}
        />
        <SelectField id="filtre-etat" label="État" placeholder="Tous" value={state} onChange={setFilter("etat")} options={STATES} />
        <div className="field">
          <label htmlFor="filtre-enfant" className="field__label">
            Enfant
          </label>
          <input id="filtre-enfant" type="search" defaultValue={q} onChange={(e) => setFilter("q")(e.target.value)} />
        </div>
      </form>
      <QueryView query={list} loadingLabel="Chargement des contrats…">
        {(rows) =>
          rows.length === 0 ? (
            <p role="status">Aucun contrat ne correspond.</p>
          ) : (
            <div className="table-wrapper">
              <table className="legend-table">
                <caption className="visually-hidden">Contrats ({rows.length})</caption>
                <thead>
                  <tr>
                    <th scope="col">Enfant</th>
                    <th scope="col">Établissement</th>
                    <th scope="col">Période</th>
                    <th scope="col">État</th>
                    <th scope="col">Tarif horaire</th>
                    <th scope="col">Mensualité</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.id}>
                      <th scope="row">
                        <Link to={`/gestion/creche/contrats/${row.id}`}>
                          {row.child.first_name} {row.child.last_name}
                        </Link>
                      </th>
                      <td>
                        {row.establishment.name}
                        {row.section ? ` – ${row.section.name}` : ""}
                      </td>
                      <td>{formatPeriod(row.start_date, row.end_date)}</td>
                      <td>{row.state_label}</td>
                      <td>{formatOptionalMoney(row.hourly_rate)}</td>
                      <td>{formatOptionalMoney(row.monthly_fee)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryView>
    </div>
  );
}
