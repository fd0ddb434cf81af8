import { useRef, useState } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ErrorSummary } from "../../../components/ErrorSummary";
import type { FormErrorItem } from "../../../components/formErrors";
import { BulkToolbar, GroupCheckbox, useSelection, type Selection } from "../../../components/list/BulkToolbar";
import { DataTable, type Column } from "../../../components/list/DataTable";
import { ListView } from "../../../components/list/ListView";
import { staffErrors } from "../../../components/serverErrors";
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
import { ReasonForm, StatusMessage } from "../../../pages/staff/StaffUi";

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
  const [refusing, setRefusing] = useState(false);
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [status, setStatus] = useState("");
  const refuseButton = useRef<HTMLButtonElement>(null);
  const results = query.data?.results ?? [];
  const visibleIds = results.map((r) => r.id);
  const selection = useSelection(visibleIds, JSON.stringify(filters));
  const noun = cancellations ? "l'annulation" : "la réservation";

  const decide = useMutation({
    mutationFn: decideReservations,
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
    },
    onError: (error) => setErrors(staffErrors(error, { reason: REASON_ID })),
  });

  function run(decision: Exclude<ReservationDecision["decision"], "refuse">) {
    if (decide.isPending) return;
    if (!selection.selectedIds.length) {
      setErrors([{ message: "Sélectionnez au moins une demande." }]);
      return;
    }
    setRefusing(false);
    decide.mutate({ ids: selection.selectedIds, decision, reason: "" });
  }

  const busy = decide.isPending || undefined;
  return (
    <>
      <StatusMessage message={status} />
      {!refusing && <ErrorSummary items={errors} />}
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
                  <button
                    type="button"
                    ref={refuseButton}
                    className="button button--secondary"
                    onClick={() => {
                      if (!selection.selectedIds.length) {
                        setErrors([{ message: "Sélectionnez au moins une demande." }]);
                        return;
                      }
                      setErrors([]);
                      setRefusing(true);
                    }}
                  >
                    Refuser
                  </button>
                </>
              )}
            </BulkToolbar>
            {cancellations && <p className="field__hint">« Excusée » annule le jour sans le facturer ; « Facturée » l'annule en le facturant.</p>}
            {refusing && (
              <ReasonForm
                id="refus-reservations"
                legend={`Refuser ${plural(selection.selectedIds.length, "demande sélectionnée", "demandes sélectionnées")}`}
                submitLabel="Confirmer le refus"
                busy={decide.isPending}
                serverErrors={errors}
                hint="Le même motif est envoyé à chaque famille concernée."
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
    {
      key: "selection",
      header: <span className="visually-hidden">Sélection</span>,
      className: "check-cell",
      cell: (r) => (
        <>
          <input type="checkbox" id={`demande-${r.id}`} checked={selection.isSelected(r.id)} onChange={(ev) => selection.toggle(r.id, ev.target.checked)} />
          <label htmlFor={`demande-${r.id}`} className="visually-hidden">
            Sélectionner {noun} {deName(childName(r))} : {r.unit_name}, {day}
          </label>
        </>
      ),
    },
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
