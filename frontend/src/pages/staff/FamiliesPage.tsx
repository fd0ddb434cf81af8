import { useEffect, useState, type FormEvent } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { TextField } from "../../components/TextField";
import { usePageTitle } from "../../theme/usePageTitle";
import { searchFamilies, staffKeys, type FamilySearch, type FamilyStatus } from "./api";
import { FAMILY_STATUS_LABELS } from "./labels";
import { pageParam, Pagination, QueryView, SelectField } from "./StaffUi";

/** Search the families by name, child, family number or e-mail. */
export function FamiliesPage() {
  usePageTitle("Familles");
  const [params, setParams] = useSearchParams();
  const search: FamilySearch = { q: params.get("q") ?? "", status: params.get("etat") ?? "", page: pageParam(params.get("page")) };
  const [q, setQ] = useState(search.q);
  const [state, setState] = useState(search.status);
  useEffect(() => {
    setQ(search.q);
    setState(search.status);
  }, [search.q, search.status]);

  const query = useQuery({
    queryKey: staffKeys.families(search),
    queryFn: ({ signal }) => searchFamilies(search, signal),
    placeholderData: keepPreviousData,
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (q.trim()) next.q = q.trim();
    if (state) next.etat = state;
    setParams(next);
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to="/gestion">Espace de gestion</Link>
      </p>
      <div className="toolbar">
        <h1>Familles</h1>
        <Link className="button button--primary" to="/gestion/familles/nouvelle">
          Créer une famille
        </Link>
      </div>

      <div>
        <form className="filters" role="search" aria-label="Rechercher une famille" onSubmit={submit}>
          <TextField
            id="recherche-famille"
            label="Rechercher"
            type="search"
            value={q}
            onChange={setQ}
            hint="Nom, prénom d'un enfant, n° de famille ou e-mail"
          />
          <SelectField
            id="recherche-etat"
            label="État du compte"
            value={state}
            onChange={setState}
            options={[
              { value: "", label: "Tous" },
              ...(Object.entries(FAMILY_STATUS_LABELS) as Array<[FamilyStatus, string]>).map(([value, label]) => ({ value, label })),
            ]}
          />
          <div className="button-row">
            <button type="submit" className="button button--primary">
              Rechercher
            </button>
          </div>
        </form>
      </div>

      <QueryView query={query} loadingLabel="Recherche en cours…">
        {(data) => (
          <>
            <p role="status">
              {data.count === 0
                ? "Aucune famille ne correspond à cette recherche."
                : data.count > 1
                  ? `${data.count} familles trouvées.`
                  : "1 famille trouvée."}
            </p>
            {data.results.length > 0 && (
              <div className="table-wrapper">
                <table className="data-table data-table--reflow">
                  <caption>{search.q ? `Résultats pour « ${search.q} »` : "Toutes les familles"}</caption>
                  <thead>
                    <tr>
                      <th scope="col">N°</th>
                      <th scope="col">Famille</th>
                      <th scope="col">Responsables</th>
                      <th scope="col">Enfants</th>
                      <th scope="col">Ville</th>
                      <th scope="col">État du compte</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.results.map((family) => (
                      <tr key={family.id}>
                        <td data-label="N°">{family.number}</td>
                        <th scope="row" data-label="Famille">
                          <Link to={`/gestion/familles/${family.id}`}>{family.name}</Link>
                        </th>
                        <td data-label="Responsables">{family.guardians.join(", ") || "—"}</td>
                        <td data-label="Enfants">{family.children.join(", ") || "—"}</td>
                        <td data-label="Ville">{family.city || "—"}</td>
                        <td data-label="État du compte">{family.status_label}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <Pagination
              label="Pages des résultats"
              page={search.page}
              count={data.count}
              hasNext={Boolean(data.next)}
              hasPrevious={Boolean(data.previous)}
              onPage={(page) => {
                const next = new URLSearchParams(params);
                if (page > 1) next.set("page", String(page));
                else next.delete("page");
                setParams(next);
              }}
            />
          </>
        )}
      </QueryView>
    </>
  );
}
