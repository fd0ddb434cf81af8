import { useRef, useState, type FormEvent } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { ErrorSummary } from "../../../components/ErrorSummary";
import type { FormErrorItem } from "../../../components/formErrors";
import { usePageTitle } from "../../../theme/usePageTitle";
import { staffKeys } from "../api";
import { staffErrors } from "../errors";
import { formatDate, formatDateTime, plural } from "../format";
import { pageParam, Pagination, QueryView, ReasonForm, SelectField, StatusMessage } from "../StaffUi";
import { bookingKeys, decideEnrolments, fetchEnrolments, type EnrolmentDecision, type EnrolmentFilters } from "./api";
import { BulkToolbar, useSelection } from "./BulkToolbar";
import { deName } from "./labels";
import { activityOptions, useActivities } from "./queries";

const REASON_ID = "refus-inscriptions-motif";

const DONE: Record<EnrolmentDecision["decision"], [string, string, string]> = {
  accept: ["inscription acceptée", "inscriptions acceptées", "Les familles en sont informées par e-mail."],
  refuse: ["inscription refusée", "inscriptions refusées", "Le motif est envoyé aux familles par e-mail."],
  waitlist: ["inscription mise en liste d'attente", "inscriptions mises en liste d'attente", "Les familles en sont informées par e-mail."],
};

/** « Demandes d'inscription »: enrolment requests accepted, refused or waitlisted several at once. */
export function EnrolmentRequestsPage() {
  usePageTitle("Demandes d'inscription");
  const [params, setParams] = useSearchParams();
  const filters: EnrolmentFilters = { activity: params.get("activite") ?? "", page: pageParam(params.get("page")) };
  const queryClient = useQueryClient();
  const activities = useActivities();
  const query = useQuery({
    queryKey: bookingKeys.enrolments(filters),
    queryFn: ({ signal }) => fetchEnrolments(filters, signal),
    placeholderData: keepPreviousData,
  });
  const [activityDraft, setActivityDraft] = useState(filters.activity);
  const [refusing, setRefusing] = useState(false);
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [status, setStatus] = useState("");
  const refuseButton = useRef<HTMLButtonElement>(null);
  const results = query.data?.results ?? [];
  const visibleIds = results.map((r) => r.id);
  const selection = useSelection(visibleIds, JSON.stringify(filters));

  const decide = useMutation({
    mutationFn: decideEnrolments,
    onSuccess: (decided, input) => {
      const [one, many, after] = DONE[input.decision];
      setStatus(`${plural(decided.length, one, many)}. ${after}`);
      setErrors([]);
      selection.clear();
      if (refusing) {
        setRefusing(false);
        refuseButton.current?.focus();
      }
      void queryClient.invalidateQueries({ queryKey: bookingKeys.all });
      void queryClient.invalidateQueries({ queryKey: staffKeys.counters });
    },
    onError: (error) => setErrors(staffErrors(error, { reason: REASON_ID })),
  });

  function requireSelection(): boolean {
    if (selection.selectedIds.length) return true;
    setErrors([{ message: "Sélectionnez au moins une demande." }]);
    return false;
  }

  function run(decision: "accept" | "waitlist") {
    if (decide.isPending || !requireSelection()) return;
    setRefusing(false);
    decide.mutate({ ids: selection.selectedIds, decision, reason: "" });
  }

  function applyFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setParams(activityDraft ? { activite: activityDraft } : {});
    setStatus("");
    setRefusing(false);
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to="/gestion">Espace de gestion</Link>
      </p>
      <h1>Demandes d'inscription</h1>
      <p className="lead">Les inscriptions aux activités demandées par les familles, à accepter, refuser avec un motif ou mettre en liste d'attente.</p>

      <form className="filters" onSubmit={applyFilters} aria-label="Filtrer les demandes d'inscription">
        <SelectField id="filtre-activite" label="Activité" value={activityDraft} onChange={setActivityDraft} options={activityOptions(activities.data)} />
        <div className="button-row">
          <button type="submit" className="button button--secondary">
            Filtrer
          </button>
        </div>
      </form>

      <StatusMessage message={status} />
      {!refusing && <ErrorSummary items={errors} />}

      <QueryView query={query} loadingLabel="Chargement des demandes…">
        {(data) =>
          data.results.length === 0 ? (
            <p>Aucune demande d'inscription en attente.</p>
          ) : (
            <>
              <BulkToolbar selection={selection} allIds={visibleIds} unit={["demande sélectionnée", "demandes sélectionnées"]}>
                <button type="button" className="button button--primary" aria-disabled={decide.isPending || undefined} onClick={() => run("accept")}>
                  Accepter
                </button>
                <button
                  type="button"
                  ref={refuseButton}
                  className="button button--secondary"
                  onClick={() => {
                    if (!requireSelection()) return;
                    setErrors([]);
                    setRefusing(true);
                  }}
                >
                  Refuser
                </button>
                <button type="button" className="button button--secondary" aria-disabled={decide.isPending || undefined} onClick={() => run("waitlist")}>
                  Liste d'attente
                </button>
              </BulkToolbar>
              {refusing && (
                <ReasonForm
                  id="refus-inscriptions"
                  legend={`Refuser ${plural(selection.selectedIds.length, "demande sélectionnée", "demandes sélectionnées")}`}
                  submitLabel="Confirmer le refus"
                  busy={decide.isPending}
                  serverErrors={errors}
                  hint="Le même motif est envoyé par e-mail à chaque famille concernée."
                  onSubmit={(reason) => {
                    if (!decide.isPending) decide.mutate({ ids: selection.selectedIds, decision: "refuse", reason });
                  }}
                  onCancel={() => {
                    setRefusing(false);
                    setErrors([]);
                    refuseButton.current?.focus();
                  }}
                />
              )}
              <div className="table-wrapper">
                <table className="data-table data-table--reflow">
                  <caption>Demandes d'inscription en attente ({data.count})</caption>
                  <thead>
                    <tr>
                      <th scope="col">
                        <span className="visually-hidden">Sélection</span>
                      </th>
                      <th scope="col">Enfant</th>
                      <th scope="col">Famille</th>
                      <th scope="col">Activité</th>
                      <th scope="col">Groupe</th>
                      <th scope="col">Période</th>
                      <th scope="col">Demandée le</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.results.map((e) => {
                      const child = `${e.child_name} ${e.child_last_name}`.trim();
                      const checked = selection.isSelected(e.id);
                      return (
                        <tr key={e.id} className={checked ? "is-selected" : undefined}>
                          <td className="check-cell">
                            <input type="checkbox" id={`inscription-${e.id}`} checked={checked} onChange={(ev) => selection.toggle(e.id, ev.target.checked)} />
                            <label htmlFor={`inscription-${e.id}`} className="visually-hidden">
                              Sélectionner l'inscription {deName(child)} à « {e.activity_name} »
                            </label>
                          </td>
                          <th scope="row" data-label="Enfant">
                            {child}
                          </th>
                          <td data-label="Famille">
                            <Link to={`/gestion/familles/${e.family_id}`}>Famille {e.family_name}</Link>
                          </td>
                          <td data-label="Activité">{e.activity_name}</td>
                          <td data-label="Groupe">{e.group_name || "—"}</td>
                          <td data-label="Période">
                            du {formatDate(e.start_date)} au {formatDate(e.end_date)}
                          </td>
                          <td data-label="Demandée le">{formatDateTime(e.created_at)}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <Pagination
                label="Pages des demandes d'inscription"
                page={filters.page}
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
          )
        }
      </QueryView>
    </>
  );
}
