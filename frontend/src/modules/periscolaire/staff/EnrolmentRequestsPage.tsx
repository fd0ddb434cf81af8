import { useState } from "react";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { CheckboxField, SelectField } from "../../../components/FormFields";
import { BulkToolbar, selectionColumn, useSelection, type Selection } from "../../../components/list/BulkToolbar";
import { DataTable, type Column } from "../../../components/list/DataTable";
import { FilterForm } from "../../../components/list/FilterForm";
import { ListView } from "../../../components/list/ListView";
import { useListParams } from "../../../components/list/useListParams";
import { formatDate, formatDateTime } from "../../../format/dates";
import { plural } from "../../../format/text";
import { staffKeys } from "../../../pages/staff/api";
import { bookingKeys, decideEnrolments, fetchEnrolments, type EnrolmentDecision, type EnrolmentFilters, type StaffEnrolment } from "../../../pages/staff/booking/api";
import { deName } from "../../../pages/staff/booking/labels";
import { activityOptions, useActivities } from "../../../pages/staff/booking/queries";
import { DecisionOutcome, RefusalForm, useBulkDecision } from "../../../pages/staff/BulkDecision";
import { usePageTitle } from "../../../theme/usePageTitle";

const REASON_ID = "refus-inscriptions-motif";

const FILTERS = { activity: { param: "activite" } };

const DONE: Record<EnrolmentDecision["decision"], [string, string, string]> = {
  accept: ["inscription acceptée", "inscriptions acceptées", "Les familles en sont informées par e-mail."],
  refuse: ["inscription refusée", "inscriptions refusées", "Le motif est envoyé aux familles par e-mail."],
  waitlist: ["inscription mise en liste d'attente", "inscriptions mises en liste d'attente", "Les familles en sont informées par e-mail."],
};

const childName = (e: StaffEnrolment) => `${e.child_name} ${e.child_last_name}`.trim();

function columns(selection: Selection): Column<StaffEnrolment>[] {
  return [
    selectionColumn(selection, "inscription", (e) => `Sélectionner l'inscription ${deName(childName(e))} à « ${e.activity_name} »`),
    { key: "child", header: "Enfant", rowHeader: true, cell: childName },
    { key: "family", header: "Famille", cell: (e) => <Link to={`/gestion/familles/${e.family_id}`}>Famille {e.family_name}</Link> },
    { key: "activity", header: "Activité", cell: (e) => e.activity_name },
    { key: "group", header: "Groupe", cell: (e) => e.group_name || "—" },
    {
      key: "period",
      header: "Période",
      cell: (e) => (
        <>
          du {formatDate(e.start_date)} au {formatDate(e.end_date)}
        </>
      ),
    },
    { key: "created", header: "Demandée le", cell: (e) => formatDateTime(e.created_at) },
  ];
}

/** « Demandes d'inscription »: enrolment requests accepted, refused or waitlisted several at once. */
export function EnrolmentRequestsPage() {
  usePageTitle("Demandes d'inscription");
  const { filters: values, page, setFilters, setPage } = useListParams(FILTERS);
  const filters: EnrolmentFilters = { ...values, page };
  const queryClient = useQueryClient();
  const activities = useActivities();
  const query = useQuery({
    queryKey: bookingKeys.enrolments(filters),
    queryFn: ({ signal }) => fetchEnrolments(filters, signal),
    placeholderData: keepPreviousData,
  });
  // Off by default: an enrolment that books its days books only those still open.
  const [bookPastDeadlines, setBookPastDeadlines] = useState(false);
  const visibleIds = (query.data?.results ?? []).map((r) => r.id);
  const selection = useSelection(visibleIds, JSON.stringify(filters));
  const decision = useBulkDecision({
    selection,
    mutationFn: decideEnrolments,
    reasonId: REASON_ID,
    onDone: (decided, input) => {
      void queryClient.invalidateQueries({ queryKey: bookingKeys.all });
      void queryClient.invalidateQueries({ queryKey: staffKeys.counters });
      const [one, many, after] = DONE[input.decision];
      return `${plural(decided.length, one, many)}. ${after}`;
    },
  });

  function run(choice: "accept" | "waitlist") {
    decision.run({ decision: choice, book_past_deadlines: choice === "accept" && bookPastDeadlines });
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to="/gestion">Espace de gestion</Link>
      </p>
      <h1>Demandes d'inscription</h1>
      <p className="lead">Les inscriptions aux activités demandées par les familles, à accepter, refuser avec un motif ou mettre en liste d'attente.</p>

      <FilterForm
        label="Filtrer les demandes d'inscription"
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
        empty="Aucune demande d'inscription en attente."
        pagination={{ label: "Pages des demandes d'inscription", page, onPage: setPage }}
      >
        {(data) => (
          <>
            <BulkToolbar selection={selection} allIds={visibleIds} unit={["demande sélectionnée", "demandes sélectionnées"]}>
              <button type="button" className="button button--primary" aria-disabled={decision.busy || undefined} onClick={() => run("accept")}>
                Accepter
              </button>
              <button type="button" ref={decision.refuseButton} className="button button--secondary" onClick={decision.startRefusal}>
                Refuser
              </button>
              <button type="button" className="button button--secondary" aria-disabled={decision.busy || undefined} onClick={() => run("waitlist")}>
                Liste d'attente
              </button>
            </BulkToolbar>
            <CheckboxField
              id="reserver-jours-passes"
              label="Réserver aussi les jours dont le délai est passé"
              hint="À l'acceptation d'une inscription qui réserve ses jours (restauration) : sans cette option, seuls les jours encore ouverts à la réservation sont réservés. Le choix est enregistré sur l'inscription."
              checked={bookPastDeadlines}
              onChange={setBookPastDeadlines}
            />
            <RefusalForm
              decision={decision}
              id="refus-inscriptions"
              count={selection.selectedIds.length}
              hint="Le même motif est envoyé par e-mail à chaque famille concernée."
              onSubmit={(reason) => decision.refuse({ decision: "refuse", reason, book_past_deadlines: false })}
            />
            <DataTable
              caption={`Demandes d'inscription en attente (${data.count})`}
              columns={columns(selection)}
              rows={data.results}
              rowKey={(e) => e.id}
              rowClassName={(e) => (selection.isSelected(e.id) ? "is-selected" : undefined)}
            />
          </>
        )}
      </ListView>
    </>
  );
}
