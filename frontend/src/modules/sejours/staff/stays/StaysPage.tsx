import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useSearchParams } from "react-router";
import { ErrorSummary } from "../../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../../components/formErrors";
import { InputField, SelectField } from "../../../../components/FormFields";
import { QueryView } from "../../../../components/QueryView";
import { staffErrors } from "../../../../components/serverErrors";
import { FilterForm } from "../../../../components/list/FilterForm";
import { formatDate } from "../../../../format/dates";
import { usePageTitle } from "../../../../theme/usePageTitle";
import { copyStay, fetchCampaigns, fetchStays, staysKeys, type StayFilters, type StaySummary } from "./api";

const COPY_DATE = "copie-depart";

export function ages(stay: Pick<StaySummary, "min_age" | "max_age">): string {
  if (stay.min_age !== null && stay.max_age !== null) return `${stay.min_age}–${stay.max_age} ans`;
  if (stay.min_age !== null) return `dès ${stay.min_age} ans`;
  if (stay.max_age !== null) return `jusqu'à ${stay.max_age} ans`;
  return "Tous âges";
}

/** « Séjours »: every stay with its places left and wishes; filters by season and campaign. */
export function StaysPage() {
  usePageTitle("Séjours");
  const [params, setParams] = useSearchParams();
  const filters: StayFilters = { season: params.get("saison") ?? "", campaign: params.get("campagne") ?? "" };
  const query = useQuery({ queryKey: staysKeys.stays(filters), queryFn: ({ signal }) => fetchStays(filters, signal) });
  const campaigns = useQuery({ queryKey: staysKeys.campaigns, queryFn: ({ signal }) => fetchCampaigns(signal) });
  const [copying, setCopying] = useState<StaySummary | null>(null);
  // The campaigns' periods, and those of the stays shown (a stay booked directly has its own).
  const seasons = Array.from(new Set([...(campaigns.data ?? []).map((c) => c.season), ...(query.data ?? []).map((s) => s.season), filters.season].filter(Boolean))).sort();

  function apply(draft: StayFilters) {
    const next = new URLSearchParams();
    if (draft.season) next.set("saison", draft.season);
    if (draft.campaign) next.set("campagne", draft.campaign);
    setParams(next);
  }

  return (
    <section aria-labelledby="sejours-titre" className="sejours-staff">
      <div className="sejours-staff__header">
        <h1 id="sejours-titre">Séjours</h1>
        <ul className="sejours-staff__actions" role="list">
          <li>
            <Link className="button button--primary" to="/gestion/sejours/nouveau">
              Nouveau séjour
            </Link>
          </li>
          <li>
            <Link className="button button--secondary" to="/gestion/sejours/commission">
              Commission
            </Link>
          </li>
          <li>
            <Link className="button button--secondary" to="/gestion/sejours/campagnes">
              Campagnes de vœux
            </Link>
          </li>
          <li>
            <Link className="button button--secondary" to="/gestion/sejours/reglages">
              Réglages
            </Link>
          </li>
        </ul>
      </div>
      <FilterForm label="Filtrer les séjours" values={filters} onApply={apply}>
        {({ draft, set }) => (
          <div className="form-grid form-grid--2">
            <SelectField
              id="sejours-saison"
              label="Période"
              value={draft.season}
              onChange={set("season")}
              placeholder="Toutes"
              options={seasons.map((s) => ({ value: s, label: s }))}
            />
            <SelectField
              id="sejours-campagne"
              label="Campagne de vœux"
              value={draft.campaign}
              onChange={set("campaign")}
              placeholder="Toutes"
              options={(campaigns.data ?? []).map((c) => ({ value: String(c.id), label: c.label }))}
            />
          </div>
        )}
      </FilterForm>
      {copying && <CopyForm stay={copying} onClose={() => setCopying(null)} />}
      <QueryView query={query} loadingLabel="Chargement des séjours…">
        {(stays) =>
          stays.length === 0 ? (
            <p className="empty-state">Aucun séjour pour ces filtres. Créez-en un ou copiez un séjour d'une saison passée.</p>
          ) : (
            <div className="table-wrapper">
              <table className="data-table sejours-table">
                <caption>Séjours ({stays.length})</caption>
                <thead>
                  <tr>
                    <th scope="col">Séjour</th>
                    <th scope="col">Dates</th>
                    <th scope="col">Âges</th>
                    <th scope="col">Places</th>
                    <th scope="col">Restantes</th>
                    <th scope="col">Vœux</th>
                    <th scope="col">État</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {stays.map((stay) => (
                    <tr key={stay.id}>
                      <th scope="row">
                        <Link to={`/gestion/sejours/${stay.id}`}>{stay.name}</Link>
                        <span className="sejours-table__sub">
                          {stay.destination}
                          {stay.campaign_label ? ` · ${stay.campaign_label}` : ""}
                        </span>
                      </th>
                      <td>
                        du {formatDate(stay.start_date)} au {formatDate(stay.end_date)}
                      </td>
                      <td>{ages(stay)}</td>
                      <td>{stay.capacity}</td>
                      <td>{stay.places_left === 0 ? <span className="badge-text badge-text--warning">Complet</span> : stay.places_left}</td>
                      <td>{stay.wishes_count}</td>
                      <td>{stay.status === "cancelled" ? "Annulé" : "Proposé"}</td>
                      <td>
                        <ul className="sejours-table__links" role="list">
                          <li>
                            <Link to={`/gestion/sejours/${stay.id}/suivi`} aria-label={`Suivi de « ${stay.name} »`}>
                              Suivi
                            </Link>
                          </li>
                          <li>
                            <button type="button" className="button--link" onClick={() => setCopying(stay)} aria-label={`Copier « ${stay.name} »`}>
                              Copier
                            </button>
                          </li>
                          {stay.status !== "cancelled" && (
                            <li>
                              <Link to={`/gestion/sejours/${stay.id}/annulation`} aria-label={`Annuler « ${stay.name} »`}>
                                Annuler
                              </Link>
                            </li>
                          )}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryView>
    </section>
  );
}

/** « Copier » a stay (e.g. last summer's) to a new departure date; opens the copy. */
function CopyForm({ stay, onClose }: { stay: StaySummary; onClose: () => void }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [start, setStart] = useState("");
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const mutation = useMutation({
    mutationFn: () => copyStay(stay.id, { start_date: start }),
    onSuccess: (copy) => {
      void queryClient.invalidateQueries({ queryKey: staysKeys.all });
      void navigate(`/gestion/sejours/${copy.id}`, { state: { flash: "Séjour copié : vérifiez-le avant de le proposer." } });
    },
    onError: (error) => setErrors(staffErrors(error, { start_date: COPY_DATE })),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!start) {
      setErrors([{ fieldId: COPY_DATE, message: "Indiquez la date de départ de la copie." }]);
      return;
    }
    if (!mutation.isPending) mutation.mutate();
  }

  return (
    <form className="form sejours-copy" noValidate onSubmit={submit} aria-labelledby="copie-titre">
      <h2 id="copie-titre">Copier « {stay.name} »</h2>
      <p>Même contenu, départs et documents ; les dates sont décalées à partir de la nouvelle date de départ.</p>
      <ErrorSummary items={errors} />
      <InputField id={COPY_DATE} label="Nouvelle date de départ" type="date" required value={start} onChange={setStart} errors={fieldErrors(errors, COPY_DATE)} />
      <div className="form-actions">
        <button type="submit" className="button button--primary" aria-disabled={mutation.isPending || undefined}>
          {mutation.isPending ? "Copie…" : "Copier le séjour"}
        </button>
        <button type="button" className="button button--secondary" onClick={onClose}>
          Fermer
        </button>
      </div>
    </form>
  );
}
