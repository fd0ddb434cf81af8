import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { InputField, SelectField } from "../../components/FormFields";
import { DataTable, type Column } from "../../components/list/DataTable";
import { FilterForm } from "../../components/list/FilterForm";
import { ListView } from "../../components/list/ListView";
import { useListParams } from "../../components/list/useListParams";
import { usePageTitle } from "../../theme/usePageTitle";
import { searchFamilies, staffKeys, type FamilyStatus, type FamilySummary } from "./api";
import { FAMILY_STATUS_LABELS } from "./labels";

const FILTERS = { q: { param: "q" }, status: { param: "etat" } };

const STATUS_OPTIONS = [
  { value: "", label: "Tous" },
  ...(Object.entries(FAMILY_STATUS_LABELS) as Array<[FamilyStatus, string]>).map(([value, label]) => ({ value, label })),
];

const COLUMNS: Column<FamilySummary>[] = [
  { key: "number", header: "N°", cell: (family) => family.number },
  { key: "name", header: "Famille", rowHeader: true, cell: (family) => <Link to={`/gestion/familles/${family.id}`}>{family.name}</Link> },
  { key: "guardians", header: "Responsables", cell: (family) => family.guardians.join(", ") || "—" },
  { key: "children", header: "Enfants", cell: (family) => family.children.join(", ") || "—" },
  { key: "city", header: "Ville", cell: (family) => family.city || "—" },
  { key: "status", header: "État du compte", cell: (family) => family.status_label },
];

/** Search the families by name, child, family number or e-mail. */
export function FamiliesPage() {
  usePageTitle("Familles");
  const { filters, page, setFilters, setPage } = useListParams(FILTERS);
  const search = { ...filters, page };
  const query = useQuery({
    queryKey: staffKeys.families(search),
    queryFn: ({ signal }) => searchFamilies(search, signal),
    placeholderData: keepPreviousData,
  });

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

      <FilterForm label="Rechercher une famille" values={filters} onApply={setFilters} submitLabel="Rechercher" search>
        {({ draft, set }) => (
          <>
            <InputField
              id="recherche-famille"
              label="Rechercher"
              type="search"
              value={draft.q}
              onChange={set("q")}
              hint="Nom, prénom d'un enfant, n° de famille ou e-mail"
            />
            <SelectField id="recherche-etat" label="État du compte" value={draft.status} onChange={set("status")} options={STATUS_OPTIONS} />
          </>
        )}
      </FilterForm>

      <ListView
        query={query}
        loadingLabel="Recherche en cours…"
        empty={<p role="status">Aucune famille ne correspond à cette recherche.</p>}
        pagination={{ label: "Pages des résultats", page, onPage: setPage }}
      >
        {(data) => (
          <>
            <p role="status">{data.count > 1 ? `${data.count} familles trouvées.` : "1 famille trouvée."}</p>
            <DataTable
              caption={filters.q ? `Résultats pour « ${filters.q} »` : "Toutes les familles"}
              columns={COLUMNS}
              rows={data.results}
              rowKey={(family) => family.id}
            />
          </>
        )}
      </ListView>
    </>
  );
}
