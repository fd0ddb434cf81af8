import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { SelectField } from "../../../components/FormFields";
import { BulkToolbar, selectionColumn, useSelection, type Selection } from "../../../components/list/BulkToolbar";
import { DataTable, type Column } from "../../../components/list/DataTable";
import { FilterForm } from "../../../components/list/FilterForm";
import { ListView } from "../../../components/list/ListView";
import { useListParams } from "../../../components/list/useListParams";
import { formatDateTime } from "../../../format/dates";
import { plural } from "../../../format/text";
import { staffKeys } from "../../../pages/staff/api";
import { activityOptions, useActivities } from "../../../pages/staff/booking/queries";
import { DecisionOutcome, RefusalForm, useBulkDecision } from "../../../pages/staff/BulkDecision";
import { usePageTitle } from "../../../theme/usePageTitle";
import { certificateKeys, decideCertificates, fetchCertificates, type CertificateFilters, type StaffCertificate } from "./certificatesApi";

const REASON_ID = "refus-attestations-motif";
const FILTERS = { activity: { param: "activite" } };
const childName = (c: StaffCertificate) => `${c.child_name} ${c.child_last_name}`.trim();

function columns(selection: Selection): Column<StaffCertificate>[] {
  return [
    selectionColumn(selection, "attestation", (c) => `Sélectionner la demande pour ${childName(c)} à « ${c.activity_name} »`),
    { key: "child", header: "Enfant", rowHeader: true, cell: childName },
    { key: "family", header: "Famille", cell: (c) => <Link to={`/gestion/familles/${c.family_id}`}>Famille {c.family_name}</Link> },
    { key: "activity", header: "Activité", cell: (c) => c.activity_name },
    { key: "requested", header: "Demandée le", cell: (c) => formatDateTime(c.requested_at) },
  ];
}

/** « Attestations d'inscription » (seed 004): the families' requests, issued in one click or refused with a reason. */
export function CertificateRequestsPage() {
  usePageTitle("Attestations d'inscription");
  const { filters: values, page, setFilters, setPage } = useListParams(FILTERS);
  const filters: CertificateFilters = { ...values, page };
  const queryClient = useQueryClient();
  const activities = useActivities();
  const query = useQuery({
    queryKey: certificateKeys.list(filters),
    queryFn: ({ signal }) => fetchCertificates(filters, signal),
    placeholderData: keepPreviousData,
  });
  const visibleIds = (query.data?.results ?? []).map((r) => r.id);
  const selection = useSelection(visibleIds, JSON.stringify(filters));
  const decision = useBulkDecision({
    selection,
    mutationFn: decideCertificates,
    reasonId: REASON_ID,
    onDone: (decided, input) => {
      void queryClient.invalidateQueries({ queryKey: certificateKeys.all });
      void queryClient.invalidateQueries({ queryKey: staffKeys.counters });
      return input.decision === "issue"
        ? `${plural(decided.length, "attestation délivrée", "attestations délivrées")}. Les familles la téléchargent depuis leurs inscriptions et en sont informées par e-mail.`
        : `${plural(decided.length, "demande refusée", "demandes refusées")}. Le motif est envoyé aux familles par e-mail.`;
    },
  });

  return (
    <>
      <p className="breadcrumb">
        <Link to="/gestion">Espace de gestion</Link>
      </p>
      <h1>Attestations d'inscription</h1>
      <p className="lead">Les attestations demandées par les familles : délivrez-les (le PDF pré-rempli est aussitôt disponible pour la famille) ou refusez-les avec un motif.</p>

      <FilterForm
        label="Filtrer les demandes d'attestation"
        values={values}
        onApply={(draft) => {
          setFilters(draft);
          decision.reset();
        }}
      >
        {({ draft, set }) => (
          <SelectField id="filtre-activite" label="Activité" value={draft.activity} onChange={set("activity")} options={activityOptions(activities.data)} />
        )}
      </FilterForm>

      <DecisionOutcome decision={decision} />

      <ListView
        query={query}
        loadingLabel="Chargement des demandes…"
        empty="Aucune demande d'attestation en attente."
        pagination={{ label: "Pages des demandes d'attestation", page, onPage: setPage }}
      >
        {(data) => (
          <>
            <BulkToolbar selection={selection} allIds={visibleIds} unit={["demande sélectionnée", "demandes sélectionnées"]}>
              <button type="button" className="button button--primary" aria-disabled={decision.busy || undefined} onClick={() => decision.run({ decision: "issue" })}>
                Délivrer
              </button>
              <button type="button" ref={decision.refuseButton} className="button button--secondary" onClick={decision.startRefusal}>
                Refuser
              </button>
            </BulkToolbar>
            <RefusalForm
              decision={decision}
              id="refus-attestations"
              count={selection.selectedIds.length}
              hint="Le même motif est envoyé par e-mail à chaque famille concernée."
              onSubmit={(reason) => decision.refuse({ decision: "refuse", reason })}
            />
            <DataTable
              caption={`Demandes d'attestation en attente (${data.count})`}
              columns={columns(selection)}
              rows={data.results}
              rowKey={(c) => c.id}
              rowClassName={(c) => (selection.isSelected(c.id) ? "is-selected" : undefined)}
            />
          </>
        )}
      </ListView>
    </>
  );
}
