import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { BulkToolbar, GroupCheckbox, selectionColumn, useSelection, type Selection } from "../../../components/list/BulkToolbar";
import { DataTable, type Column } from "../../../components/list/DataTable";
import { ListView } from "../../../components/list/ListView";
import { formatLongDate } from "../../../format/calendar";
import { formatDateTime } from "../../../format/dates";
import { plural } from "../../../format/text";
import {
  bookingKeys,
  decideReservations,
  fetchReservations,
  type ReservationDecision,
  type ReservationFilters,
  type StaffReservation,
} from "../../../pages/staff/booking/api";
import { deName } from "../../../pages/staff/booking/labels";
import { DecisionOutcome, RefusalForm, useBulkDecision } from "../../../pages/staff/BulkDecision";

const REASON_ID = "refus-reservations-motif";

const DONE: Record<ReservationDecision["decision"], [string, string, string]> = {
  accept: ["réservation acceptée", "réservations acceptées", "Les familles en sont informées."],
  refuse: ["réservation refusée", "réservations refusées", "Le motif est envoyé aux familles."],
  excused: ["annulation excusée", "annulations excusées", "Ces jours ne sont pas facturés."],
  billed: ["annulation facturée", "annulations facturées", "Ces jours restent facturés."],
};

const childName = (r: StaffReservation) => `${r.child_name} ${r.child_last_name}`.trim();

function byDate(items: readonly StaffReservation[]): Array<[string, StaffReservation[]]> {
  const groups = new Map<string, StaffReservation[]>();
  for (const item of items) groups.set(item.date, [...(groups.get(item.date) ?? []), item]);
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

interface ReservationQueueProps {
  filters: ReservationFilters;
  onPage: (page: number) => void;
}

/** One tab: the requests of one kind, grouped by day, with their bulk answers. */
export function ReservationQueue({ filters, onPage }: ReservationQueueProps) {
  const cancellations = filters.state === "cancel_requested";
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: bookingKeys.reservations(filters),
    queryFn: ({ signal }) => fetchReservations(filters, signal),
    placeholderData: keepPreviousData,
  });
  const results = query.data?.results ?? [];
  const visibleIds = results.map((r) => r.id);
  const selection = useSelection(visibleIds, JSON.stringify(filters));
  const noun = cancellations ? "l'annulation" : "la réservation";
  const decision = useBulkDecision({
    selection,
    mutationFn: decideReservations,
    reasonId: REASON_ID,
    onDone: (decided, input) => {
      void queryClient.invalidateQueries({ queryKey: bookingKeys.all });
      const [one, many, after] = DONE[input.decision];
      return `${plural(decided.length, one, many)}. ${after}`;
    },
  });
  const run = (choice: Exclude<ReservationDecision["decision"], "refuse">) => decision.run({ decision: choice });

  const busy = decision.busy || undefined;
  return (
    <>
      <DecisionOutcome decision={decision} />
      <ListView
        query={query}
        loadingLabel="Chargement des demandes…"
        empty={cancellations ? "Aucune demande d'annulation en attente." : "Aucune demande de réservation en attente."}
        pagination={{ label: "Pages des demandes", page: filters.page, onPage }}
      >
        {(data) => (
          <>
            <BulkToolbar selection={selection} allIds={visibleIds} unit={["demande sélectionnée", "demandes sélectionnées"]}>
              {cancellations ? (
                <>
                  <button type="button" className="button button--primary" aria-disabled={busy} onClick={() => run("excused")}>
                    Excusée
                  </button>
                  <button type="button" className="button button--secondary" aria-disabled={busy} onClick={() => run("billed")}>
                    Facturée
                  </button>
                </>
              ) : (
                <>
                  <button type="button" className="button button--primary" aria-disabled={busy} onClick={() => run("accept")}>
                    Accepter
                  </button>
                  <button type="button" ref={decision.refuseButton} className="button button--secondary" onClick={decision.startRefusal}>
                    Refuser
                  </button>
                </>
              )}
            </BulkToolbar>
            {cancellations && <p className="field__hint">« Excusée » annule le jour sans le facturer ; « Facturée » l'annule en le facturant.</p>}
            <RefusalForm
              decision={decision}
              id="refus-reservations"
              count={selection.selectedIds.length}
              hint="Le même motif est envoyé à chaque famille concernée."
              onSubmit={(reason) => decision.refuse({ decision: "refuse", reason })}
            />
            {byDate(data.results).map(([date, items]) => (
              <DayTable key={date} date={date} items={items} cancellations={cancellations} selection={selection} noun={noun} />
            ))}
          </>
        )}
      </ListView>
    </>
  );
}

interface DayTableProps {
  date: string;
  items: StaffReservation[];
  cancellations: boolean;
  selection: Selection;
  noun: string;
}

function DayTable({ date, items, cancellations, selection, noun }: DayTableProps) {
  const day = formatLongDate(date);
  const columns: Column<StaffReservation>[] = [
    selectionColumn(selection, "demande", (r) => `Sélectionner ${noun} ${deName(childName(r))} : ${r.unit_name}, ${day}`),
    { key: "child", header: "Enfant", rowHeader: true, cell: childName },
    { key: "family", header: "Famille", cell: (r) => r.family_name },
    { key: "activity", header: "Activité", cell: (r) => r.activity_name },
    { key: "unit", header: "Prestation", cell: (r) => r.unit_name },
    ...(cancellations
      ? [
          { key: "reason", header: "Motif", cell: (r: StaffReservation) => r.absence_reason || "—" },
          { key: "document", header: "Justificatif", cell: (r: StaffReservation) => (r.has_document ? "Fourni" : "Aucun") },
        ]
      : [{ key: "created", header: "Demandée le", cell: (r: StaffReservation) => (r.created_at ? formatDateTime(r.created_at) : "—") }]),
  ];
  return (
    <section className="day-group" aria-label={day}>
      <h2 className="day-group__title">{day.charAt(0).toUpperCase() + day.slice(1)}</h2>
      <GroupCheckbox id={`jour-${date}`} label={`Sélectionner les demandes du ${day}`} ids={items.map((i) => i.id)} selection={selection} />
      <DataTable
        caption={`Demandes du ${day} (${items.length})`}
        hiddenCaption
        columns={columns}
        rows={items}
        rowKey={(r) => r.id}
        rowClassName={(r) => (selection.isSelected(r.id) ? "is-selected" : undefined)}
      />
    </section>
  );
}
