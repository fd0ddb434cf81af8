import { useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { apiFetch } from "../../../api/client";
import { useStructure } from "../../../api/StructureContext";
import { useSessionUser } from "../../../auth/session";
import { InputField, SelectField } from "../../../components/FormFields";
import { formatPeriod } from "../../../format/dates";
import { formatMoney } from "../../../format/money";
import { usePageTitle } from "../../../theme/usePageTitle";
import { PageError, PageLoading } from "../../../pages/family/components/PageStates";
import { audienceLabel, FILTER_KEYS, useCatalogue, type CatalogueFilters, type StaySummary } from "./api";

interface FamilyChild {
  id: number;
  first_name: string;
}

const AGES = Array.from({ length: 15 }, (_, i) => String(i + 3));

/** A signed-in parent's children, to filter the stays open to one of them. */
function useFamilyChildren(enabled: boolean) {
  return useQuery({
    queryKey: ["family", "children"],
    queryFn: ({ signal }) => apiFetch<FamilyChild[]>("/api/v1/family/children/", { signal }),
    enabled,
  });
}

/** /sejours — the structure's stays, public, with filters kept in the address. */
export function CatalogPage() {
  usePageTitle("Séjours");
  const structure = useStructure();
  const user = useSessionUser();
  const isParent = Boolean(user && !user.is_staff_member);
  const children = useFamilyChildren(isParent);
  const [params, setParams] = useSearchParams();
  const filters: CatalogueFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  const catalogue = useCatalogue(filters);
  const filtered = FILTER_KEYS.some((key) => filters[key]);

  function setFilter(key: (typeof FILTER_KEYS)[number], value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    // A child's own ages replace the age typed, and the other way round.
    if (key === "child" && value) next.delete("age");
    if (key === "age" && value) next.delete("child");
    setParams(next, { replace: true });
  }

  const kids = children.data ?? [];
  const count = catalogue.data?.results.length ?? 0;

  return (
    <div className="sejours-catalogue">
      <h1>Séjours</h1>
      <p className="lead">
        Les séjours de vacances proposés par {structure.name}. Choisissez un séjour pour voir son programme, ses départs et les
        documents à fournir.
      </p>
      <form className="sejours-filters card" role="search" aria-label="Filtrer les séjours" onSubmit={(event) => event.preventDefault()}>
        {isParent && kids.length > 0 ? (
          <SelectField
            id="filtre-enfant"
            label="Pour mon enfant"
            value={filters.child ?? ""}
            onChange={(value) => setFilter("child", value)}
            placeholder="Tous les séjours"
            options={kids.map((child) => ({ value: String(child.id), label: child.first_name }))}
            hint="Selon son âge au départ et sa classe."
          />
        ) : (
          <SelectField
            id="filtre-age"
            label="Âge de l'enfant"
            value={filters.age ?? ""}
            onChange={(value) => setFilter("age", value)}
            placeholder="Tous les âges"
            options={AGES.map((age) => ({ value: age, label: `${age} ans` }))}
          />
        )}
        <InputField id="filtre-du" type="date" label="Partir à partir du" value={filters.from ?? ""} onChange={(value) => setFilter("from", value)} />
        <InputField id="filtre-au" type="date" label="Rentrer au plus tard le" value={filters.to ?? ""} onChange={(value) => setFilter("to", value)} />
        <SelectField
          id="filtre-theme"
          label="Thème"
          value={filters.theme ?? ""}
          onChange={(value) => setFilter("theme", value)}
          placeholder="Tous les thèmes"
          options={(catalogue.data?.themes ?? []).map((theme) => ({ value: theme, label: theme }))}
        />
        {filtered && (
          <button type="button" className="button button--secondary" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
            Effacer les filtres
          </button>
        )}
      </form>
      {catalogue.isPending ? (
        <PageLoading />
      ) : catalogue.isError ? (
        <PageError error={catalogue.error} onRetry={() => void catalogue.refetch()} />
      ) : (
        <>
          <p role="status" className="sejours-count">
            {count === 0
              ? filtered
                ? "Aucun séjour ne correspond à ces critères."
                : "Aucun séjour n'est proposé pour le moment."
              : `${count} séjour${count > 1 ? "s" : ""}${filtered ? " correspondant à vos critères" : ""}`}
          </p>
          <ul className="sejours-grid">
            {catalogue.data.results.map((stay) => (
              <li key={stay.id}>
                <StayCard stay={stay} />
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function StayCard({ stay }: { stay: StaySummary }) {
  const titleId = `sejour-${stay.id}`;
  return (
    <article className="card sejour-card" aria-labelledby={titleId}>
      {stay.photo && <img className="sejour-card__photo" src={stay.photo.url} alt={stay.photo.caption} loading="lazy" />}
      <h2 id={titleId} className="sejour-card__title">
        <Link to={`/sejours/${stay.id}`}>{stay.title}</Link>
      </h2>
      <p className="sejour-card__theme">{stay.theme}</p>
      <dl className="sejour-facts">
        <div>
          <dt>Destination</dt>
          <dd>{[stay.destination, stay.abroad ? stay.country : ""].filter(Boolean).join(", ")}</dd>
        </div>
        <div>
          <dt>Dates</dt>
          <dd>
            {formatPeriod(stay.start_date, stay.end_date)} ({stay.days} jours)
          </dd>
        </div>
        <div>
          <dt>Pour</dt>
          <dd>{audienceLabel(stay)}</dd>
        </div>
        <div>
          <dt>Prix</dt>
          <dd>{stay.price.label}</dd>
        </div>
        {stay.transports.length > 0 && (
          <div>
            <dt>Départs</dt>
            <dd>
              {stay.transports
                .map((t) => (Number(t.supplement) > 0 ? `${t.city} (+${formatMoney(t.supplement)})` : t.city))
                .join(", ")}
            </dd>
          </div>
        )}
      </dl>
      <p className={`sejour-availability sejour-availability--${stay.availability}`}>{stay.availability_label}</p>
    </article>
  );
}
