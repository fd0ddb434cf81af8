import { useEffect, useRef, useState, type FormEvent } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { ErrorSummary } from "../../components/ErrorSummary";
import type { FormErrorItem } from "../../components/formErrors";
import { usePageTitle } from "../../theme/usePageTitle";
import {
  decideChangeRequests,
  fetchChangeRequests,
  staffKeys,
  type ChangeRequestFilters,
  type ChangeRequestStatus,
  type StaffChangeRequest,
} from "./api";
import { staffErrors } from "./errors";
import { formatDateTime, plural } from "./format";
import { CATEGORY_LABELS, REQUEST_STATUS_LABELS } from "./labels";
import { ChangeList } from "./ChangeList";
import { pageParam, Pagination, QueryView, ReasonForm, SelectField, StatusMessage } from "./StaffUi";

const STATUSES = Object.keys(REQUEST_STATUS_LABELS) as ChangeRequestStatus[];
const REASON_ID = "refus-demandes-motif";

function readFilters(params: URLSearchParams): ChangeRequestFilters {
  const status = params.get("statut") as ChangeRequestStatus | null;
  return {
    status: status && STATUSES.includes(status) ? status : "pending",
    category: params.get("type") ?? "",
    family: params.get("famille") ?? "",
    page: pageParam(params.get("page")),
  };
}

/** « Liste des demandes »: the families' change requests, accepted or refused several at once. */
export function ChangeRequestsPage() {
  usePageTitle("Demandes de modification");
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: staffKeys.changeRequests(filters),
    queryFn: ({ signal }) => fetchChangeRequests(filters, signal),
    placeholderData: keepPreviousData,
  });

  const [statusDraft, setStatusDraft] = useState<string>(filters.status);
  const [categoryDraft, setCategoryDraft] = useState(filters.category);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [refusing, setRefusing] = useState(false);
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [status, setStatus] = useState("");
  const refuseButton = useRef<HTMLButtonElement>(null);

  const filterKey = JSON.stringify(filters);
  useEffect(() => {
    setSelected(new Set());
    setRefusing(false);
  }, [filterKey]);

  const decide = useMutation({
    mutationFn: decideChangeRequests,
    onSuccess: (decided, input) => {
      const count = decided.length;
      setStatus(
        input.decision === "accept"
          ? `${plural(count, "demande acceptée", "demandes acceptées")}. Les familles en sont informées par e-mail.`
          : `${plural(count, "demande refusée", "demandes refusées")}. Le motif est envoyé aux familles par e-mail.`,
      );
      setErrors([]);
      setSelected(new Set());
      if (refusing) {
        setRefusing(false);
        refuseButton.current?.focus();
      }
      void queryClient.invalidateQueries({ queryKey: staffKeys.all });
    },
    onError: (error) => setErrors(staffErrors(error, { reason: REASON_ID })),
  });

  const results = query.data?.results ?? [];
  const pending = filters.status === "pending";
  const visibleIds = results.map((r) => r.id);
  const selectedIds = visibleIds.filter((id) => selected.has(id));
  const allSelected = visibleIds.length > 0 && selectedIds.length === visibleIds.length;

  function applyFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (statusDraft !== "pending") next.statut = statusDraft;
    if (categoryDraft) next.type = categoryDraft;
    if (filters.family) next.famille = filters.family;
    setParams(next);
    setStatus("");
  }

  function toggle(id: number, checked: boolean) {
    setSelected((current) => {
      const next = new Set(current);
      if (checked) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  function requireSelection(): boolean {
    if (selectedIds.length) return true;
    setErrors([{ message: "Sélectionnez au moins une demande." }]);
    return false;
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to="/gestion">Espace de gestion</Link>
      </p>
      <h1>Demandes de modification</h1>
      <p className="lead">Les modifications du dossier famille demandées par les familles, à accepter ou à refuser avec un motif.</p>

      <form className="filters" onSubmit={applyFilters} aria-label="Filtrer les demandes">
        <SelectField
          id="filtre-statut"
          label="État"
          value={statusDraft}
          onChange={setStatusDraft}
          options={STATUSES.map((value) => ({ value, label: REQUEST_STATUS_LABELS[value] }))}
        />
        <SelectField
          id="filtre-type"
          label="Type de demande"
          value={categoryDraft}
          onChange={setCategoryDraft}
          options={[
            { value: "", label: "Tous les types" },
            ...Object.entries(CATEGORY_LABELS).map(([value, label]) => ({ value, label })),
          ]}
        />
        <div className="button-row">
          <button type="submit" className="button button--secondary">
            Filtrer
          </button>
        </div>
      </form>
      {filters.family && (
        <p className="notice notice--info">
          Demandes de la famille sélectionnée seulement. <Link to="/gestion/demandes">Voir les demandes de toutes les familles</Link>
        </p>
      )}

      <StatusMessage message={status} />
      {!refusing && <ErrorSummary items={errors} />}

      <QueryView query={query} loadingLabel="Chargement des demandes…">
        {(data) =>
          data.results.length === 0 ? (
            <p>{pending ? "Aucune demande en attente." : "Aucune demande ne correspond à ces critères."}</p>
          ) : (
            <>
              {pending && (
                <div className="toolbar">
                  <div className="checkbox-field">
                    <input
                      type="checkbox"
                      id="tout-selectionner"
                      checked={allSelected}
                      ref={(node) => {
                        if (node) node.indeterminate = selectedIds.length > 0 && !allSelected;
                      }}
                      onChange={(event) => setSelected(event.target.checked ? new Set(visibleIds) : new Set())}
                    />
                    <label htmlFor="tout-selectionner">Tout sélectionner</label>
                  </div>
                  <p aria-live="polite" className="toolbar__count">
                    {selectedIds.length ? plural(selectedIds.length, "demande sélectionnée", "demandes sélectionnées") : "Aucune demande sélectionnée"}
                  </p>
                  <div className="button-row">
                    <button
                      type="button"
                      className="button button--primary"
                      aria-disabled={decide.isPending || undefined}
                      onClick={() => {
                        if (decide.isPending || !requireSelection()) return;
                        setRefusing(false);
                        decide.mutate({ ids: selectedIds, decision: "accept", reason: "" });
                      }}
                    >
                      Accepter la sélection
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
                      Refuser la sélection
                    </button>
                  </div>
                </div>
              )}
              {pending && refusing && (
                <ReasonForm
                  id="refus-demandes"
                  legend={`Refuser ${plural(selectedIds.length, "demande sélectionnée", "demandes sélectionnées")}`}
                  submitLabel="Confirmer le refus"
                  busy={decide.isPending}
                  serverErrors={errors}
                  hint="Le même motif est envoyé par e-mail à chaque famille concernée."
                  onSubmit={(reason) => {
                    if (!decide.isPending) decide.mutate({ ids: selectedIds, decision: "refuse", reason });
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
                  <caption>
                    Demandes {REQUEST_STATUS_LABELS[filters.status].toLowerCase()}
                    {filters.category ? ` · ${CATEGORY_LABELS[filters.category as keyof typeof CATEGORY_LABELS] ?? filters.category}` : ""} ({data.count})
                  </caption>
                  <thead>
                    <tr>
                      {pending && (
                        <th scope="col">
                          <span className="visually-hidden">Sélection</span>
                        </th>
                      )}
                      <th scope="col">Famille</th>
                      <th scope="col">Type</th>
                      <th scope="col">Concerne</th>
                      <th scope="col">Modifications</th>
                      <th scope="col">Demandée le</th>
                      {!pending && <th scope="col">Traitée le</th>}
                      {filters.status === "refused" && <th scope="col">Motif du refus</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {data.results.map((request) => (
                      <RequestRow
                        key={request.id}
                        request={request}
                        selectable={pending}
                        showReason={filters.status === "refused"}
                        checked={selected.has(request.id)}
                        onToggle={toggle}
                      />
                    ))}
                  </tbody>
                </table>
              </div>
              <Pagination
                label="Pages des demandes"
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

interface RequestRowProps {
  request: StaffChangeRequest;
  selectable: boolean;
  showReason: boolean;
  checked: boolean;
  onToggle: (id: number, checked: boolean) => void;
}

function RequestRow({ request, selectable, showReason, checked, onToggle }: RequestRowProps) {
  const checkboxId = `demande-${request.id}`;
  return (
    <tr className={checked ? "is-selected" : undefined}>
      {selectable && (
        <td className="check-cell">
          <input type="checkbox" id={checkboxId} checked={checked} onChange={(event) => onToggle(request.id, event.target.checked)} />
          <label htmlFor={checkboxId} className="visually-hidden">
            Sélectionner la demande « {request.category_label} » de la famille {request.family_name} ({request.target_label})
          </label>
        </td>
      )}
      <td data-label="Famille">
        <Link to={`/gestion/familles/${request.family_id}`}>{request.family_name}</Link> <span className="status-pill">n° {request.family_number}</span>
      </td>
      <td data-label="Type">{request.category_label}</td>
      <td data-label="Concerne">{request.target_label}</td>
      <td data-label="Modifications">
        <ChangeList changes={request.changes} />
      </td>
      <td data-label="Demandée le">{formatDateTime(request.created_at)}</td>
      {!selectable && <td data-label="Traitée le">{formatDateTime(request.decided_at)}</td>}
      {showReason && <td data-label="Motif du refus">{request.reason || "—"}</td>}
    </tr>
  );
}
