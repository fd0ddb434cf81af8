import { useRef, useState } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { ErrorSummary } from "../../components/ErrorSummary";
import type { FormErrorItem } from "../../components/formErrors";
import { SelectField } from "../../components/FormFields";
import { BulkToolbar, selectionColumn, useSelection, type Selection } from "../../components/list/BulkToolbar";
import { DataTable, type Column } from "../../components/list/DataTable";
import { FilterForm } from "../../components/list/FilterForm";
import { ListView } from "../../components/list/ListView";
import { useListParams } from "../../components/list/useListParams";
import { staffErrors } from "../../components/serverErrors";
import { formatDateTime } from "../../format/dates";
import { plural } from "../../format/text";
import { usePageTitle } from "../../theme/usePageTitle";
import { decideChangeRequests, fetchChangeRequests, staffKeys, type ChangeRequestFilters, type ChangeRequestStatus, type StaffChangeRequest } from "./api";
import { ChangeList } from "./ChangeList";
import { CATEGORY_LABELS, REQUEST_STATUS_LABELS } from "./labels";
import { ReasonForm, StatusMessage } from "./StaffUi";

const STATUSES = Object.keys(REQUEST_STATUS_LABELS) as ChangeRequestStatus[];
const REASON_ID = "refus-demandes-motif";

const FILTERS = {
  status: { param: "statut", default: "pending", values: STATUSES },
  category: { param: "type" },
  family: { param: "famille" },
};

const STATUS_OPTIONS = STATUSES.map((value) => ({ value, label: REQUEST_STATUS_LABELS[value] }));
const CATEGORY_OPTIONS = [{ value: "", label: "Tous les types" }, ...Object.entries(CATEGORY_LABELS).map(([value, label]) => ({ value, label }))];

function columns(status: ChangeRequestStatus, selection: Selection): Column<StaffChangeRequest>[] {
  const pending = status === "pending";
  return [
    ...(pending
      ? [
          selectionColumn(
            selection,
            "demande",
            (request: StaffChangeRequest) =>
              `Sélectionner la demande « ${request.category_label} » de la famille ${request.family_name} (${request.target_label})`,
          ),
        ]
      : []),
    {
      key: "family",
      header: "Famille",
      cell: (request) => (
        <>
          <Link to={`/gestion/familles/${request.family_id}`}>{request.family_name}</Link> <span className="status-pill">n° {request.family_number}</span>
        </>
      ),
    },
    { key: "category", header: "Type", cell: (request) => request.category_label },
    { key: "target", header: "Concerne", cell: (request) => request.target_label },
    { key: "changes", header: "Modifications", cell: (request) => <ChangeList changes={request.changes} /> },
    { key: "created", header: "Demandée le", cell: (request) => formatDateTime(request.created_at) },
    ...(pending ? [] : [{ key: "decided", header: "Traitée le", cell: (request: StaffChangeRequest) => formatDateTime(request.decided_at) }]),
    ...(status === "refused" ? [{ key: "reason", header: "Motif du refus", cell: (request: StaffChangeRequest) => request.reason || "—" }] : []),
  ];
}

/** « Liste des demandes »: the families' change requests, accepted or refused several at once. */
export function ChangeRequestsPage() {
  usePageTitle("Demandes de modification");
  const { filters: values, page, setFilters, setPage } = useListParams(FILTERS);
  const filters: ChangeRequestFilters = { ...values, status: values.status as ChangeRequestStatus, page };
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: staffKeys.changeRequests(filters),
    queryFn: ({ signal }) => fetchChangeRequests(filters, signal),
    placeholderData: keepPreviousData,
  });

  const [refusing, setRefusing] = useState(false);
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [status, setStatus] = useState("");
  const refuseButton = useRef<HTMLButtonElement>(null);
  const visibleIds = (query.data?.results ?? []).map((r) => r.id);
  const filterKey = JSON.stringify(filters);
  const selection = useSelection(visibleIds, filterKey);
  // Other filters or another page: the refusal form goes with the selection.
  const [refusalKey, setRefusalKey] = useState(filterKey);
  if (refusalKey !== filterKey) {
    setRefusalKey(filterKey);
    setRefusing(false);
  }

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
      selection.clear();
      if (refusing) {
        setRefusing(false);
        refuseButton.current?.focus();
      }
      void queryClient.invalidateQueries({ queryKey: staffKeys.all });
    },
    onError: (error) => setErrors(staffErrors(error, { reason: REASON_ID })),
  });

  const pending = filters.status === "pending";
  const selectedIds = selection.selectedIds;

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

      <FilterForm
        label="Filtrer les demandes"
        values={values}
        onApply={(draft) => {
          // The family comes from a family file's link: it is kept.
          setFilters({ status: draft.status, category: draft.category });
          setStatus("");
        }}
      >
        {({ draft, set }) => (
          <>
            <SelectField id="filtre-statut" label="État" value={draft.status} onChange={set("status")} options={STATUS_OPTIONS} />
            <SelectField id="filtre-type" label="Type de demande" value={draft.category} onChange={set("category")} options={CATEGORY_OPTIONS} />
          </>
        )}
      </FilterForm>
      {filters.family && (
        <p className="notice notice--info">
          Demandes de la famille sélectionnée seulement. <Link to="/gestion/demandes">Voir les demandes de toutes les familles</Link>
        </p>
      )}

      <StatusMessage message={status} />
      {!refusing && <ErrorSummary items={errors} />}

      <ListView
        query={query}
        loadingLabel="Chargement des demandes…"
        empty={pending ? "Aucune demande en attente." : "Aucune demande ne correspond à ces critères."}
        pagination={{ label: "Pages des demandes", page, onPage: setPage }}
      >
        {(data) => (
          <>
            {pending && (
              <BulkToolbar selection={selection} allIds={visibleIds} unit={["demande sélectionnée", "demandes sélectionnées"]}>
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
              </BulkToolbar>
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
            <DataTable
              caption={
                <>
                  Demandes {REQUEST_STATUS_LABELS[filters.status].toLowerCase()}
                  {filters.category ? ` · ${CATEGORY_LABELS[filters.category as keyof typeof CATEGORY_LABELS] ?? filters.category}` : ""} ({data.count})
                </>
              }
              columns={columns(filters.status, selection)}
              rows={data.results}
              rowKey={(request) => request.id}
              rowClassName={(request) => (selection.isSelected(request.id) ? "is-selected" : undefined)}
            />
          </>
        )}
      </ListView>
    </>
  );
}
