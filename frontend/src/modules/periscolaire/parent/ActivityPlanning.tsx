import { useEffect, useId, useRef, useState, type RefObject } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { describeError, type FormErrorItem } from "../../../components/formErrors";
import { formatDayLabel } from "../../../format/calendar";
import { plural } from "../../../format/text";
import { AbsenceDialog } from "./AbsenceDialog";
import { addToCart, bookingKeys, type ActivityBlock, type CartLine, type Cell, type DayInfo, type Unit } from "./api";
import { cellName, changesOf, draftChecked, hasAnyAction, isEditable, isRefused } from "./cells";
import type { DayChange } from "./DayMenu";
import { DayList } from "./DayList";
import type { LegendLookup } from "./legend";
import { PlanningGrid } from "./PlanningGrid";
import { WeeklyTemplateDialog } from "./WeeklyTemplateDialog";

type Result =
  | { kind: "sent"; added: number; refused: CartLine[] }
  | { kind: "unchanged" }
  | { kind: "absence"; excused: boolean }
  | { kind: "error"; items: FormErrorItem[] };

type Dialog = { kind: "template" } | { kind: "absence"; cell: Cell; unit: Unit } | null;

interface Props {
  childId: number;
  childName: string;
  block: ActivityBlock;
  days: readonly DayInfo[];
  /** "janvier 2027", "Semaine du lundi 16 novembre au dimanche 22 novembre 2026". */
  periodLabel: string;
  /** "ce mois-ci", "cette semaine"… */
  periodWord?: string;
  /** Week and fortnight: wider cells. */
  wide?: boolean;
  legend: LegendLookup;
}

const ENROLMENT_NOTES: Partial<Record<ActivityBlock["enrolment"]["status"], string>> = {
  requested: "Inscription en attente de validation : vous pourrez réserver une fois l'inscription validée.",
  waitlisted: "Inscription en liste d'attente.",
};

/**
 * One child's activity for the month: read-only grid, then "Modifier" turns
 * the changeable cells into checkboxes; "Valider" sends the changes to the cart.
 */
export function ActivityPlanning({ childId, childName, block, days, periodLabel, periodWord = "ce mois-ci", wide, legend }: Props) {
  const queryClient = useQueryClient();
  const baseId = `b${useId().replace(/[^a-zA-Z0-9]/g, "")}`;
  const titleId = `${baseId}-titre`;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<ReadonlyMap<number, boolean>>(new Map());
  const [result, setResult] = useState<Result | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const editIntroRef = useRef<HTMLParagraphElement>(null);
  const modifyRef = useRef<HTMLButtonElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const focusAfter = useRef<"intro" | "result" | null>(null);
  /** A change sent from a day's menu: the focus stays on the day (the outcome is announced). */
  const fromMenu = useRef(false);

  const activityName = block.enrolment.activity_name;
  const caption = `${activityName} – ${childName} – ${periodLabel}`;
  const editable = hasAnyAction(block);

  useEffect(() => {
    if (focusAfter.current === "intro") editIntroRef.current?.focus();
    if (focusAfter.current === "result") (resultRef.current ?? modifyRef.current)?.focus();
    focusAfter.current = null;
  });

  const mutation = useMutation({
    mutationFn: addToCart,
    onSuccess: (data, changes) => {
      queryClient.setQueryData(bookingKeys.cart, data.cart);
      void queryClient.invalidateQueries({ queryKey: bookingKeys.plannings });
      finish({ kind: "sent", added: changes.length - data.refused.length, refused: data.refused });
    },
    onError: (error) => {
      setResult({ kind: "error", items: describeError(error) });
      focusAfter.current = fromMenu.current ? null : "result";
      fromMenu.current = false;
    },
  });

  function finish(outcome: Result) {
    setEditing(false);
    setDraft(new Map());
    setResult(outcome);
    focusAfter.current = fromMenu.current ? null : "result";
    fromMenu.current = false;
  }

  /** « Réserver » or « Annuler » in a day's menu: the same cart change as a tick and « Valider ». */
  function changeDay(cell: Cell, action: DayChange) {
    if (mutation.isPending || cell.opening_id === null) return;
    setResult(null);
    fromMenu.current = true;
    mutation.mutate([{ child: childId, opening: cell.opening_id, action }]);
  }

  function startEditing() {
    setResult(null);
    setEditing(true);
    focusAfter.current = "intro";
  }

  function cancelEditing() {
    setEditing(false);
    setDraft(new Map());
    setResult(null);
    focusAfter.current = "result";
  }

  function toggle(cell: Cell, checked: boolean) {
    if (cell.opening_id === null) return;
    const opening = cell.opening_id;
    setDraft((current) => new Map(current).set(opening, checked));
  }

  function checkAll(unitId: number) {
    const row = block.rows.find((r) => r.unit.id === unitId);
    if (!row) return;
    setDraft((current) => {
      const next = new Map(current);
      for (const cell of row.cells) if (cell.opening_id !== null && isEditable(cell)) next.set(cell.opening_id, true);
      return next;
    });
  }

  function validate() {
    if (mutation.isPending) return;
    const changes = changesOf(block, childId, draft);
    if (!changes.length) finish({ kind: "unchanged" });
    else mutation.mutate(changes);
  }

  const viewProps = {
    block,
    days,
    legend,
    caption,
    editing,
    draft,
    onToggle: toggle,
    onAbsence: (cell: Cell, unit: Unit) => setDialog({ kind: "absence", cell, unit }),
  };
  const ticked = editing ? block.rows.reduce((n, row) => n + row.cells.filter((c) => isEditable(c) && draftChecked(c, draft)).length, 0) : 0;

  return (
    <section className="activity-planning card" aria-labelledby={titleId}>
      <h4 id={titleId} className="activity-planning__title">
        {activityName}
        <span className="visually-hidden"> – {childName}</span>
      </h4>
      <p className="activity-planning__rule">{block.booking_rule}</p>
      {block.enrolment.group_name && <p className="activity-planning__group">Groupe : {block.enrolment.group_name}</p>}
      {ENROLMENT_NOTES[block.enrolment.status] && <p className="notice notice--pending">{ENROLMENT_NOTES[block.enrolment.status]}</p>}
      <RefusedRequests block={block} periodWord={periodWord} />

      {!editing ? (
        <div className="activity-planning__actions">
          {editable && (
            <button ref={modifyRef} type="button" className="button button--primary" onClick={startEditing}>
              Modifier
            </button>
          )}
          {block.enrolment.status === "validated" && block.rows.length > 0 && (
            <button type="button" className="button button--secondary" onClick={() => setDialog({ kind: "template" })}>
              Semaine type
            </button>
          )}
        </div>
      ) : (
        <div className="edit-panel">
          <p ref={editIntroRef} tabIndex={-1} className="notice notice--info">
            Cochez les jours à réserver, décochez ceux à annuler, puis cliquez sur « Valider ». Les jours qui ne peuvent
            plus changer indiquent pourquoi.
          </p>
          <div className="check-all">
            {block.rows
              .filter((row) => row.cells.some((cell) => isEditable(cell)))
              .map((row) => (
                <div key={row.unit.id} role="group" aria-labelledby={`${baseId}-tout-${row.unit.id}`} className="check-all__unit">
                  <span id={`${baseId}-tout-${row.unit.id}`}>{row.unit.name}</span>
                  <button type="button" className="button button--secondary button--small" onClick={() => checkAll(row.unit.id)}>
                    Tout cocher
                  </button>
                </div>
              ))}
          </div>
        </div>
      )}

      <PlanningGrid {...viewProps} idPrefix={`${baseId}-grille`} onChange={changeDay} wide={wide} />
      <DayList {...viewProps} idPrefix={`${baseId}-liste`} />

      {editing && (
        <div className="activity-planning__actions activity-planning__actions--sticky">
          <span className="visually-hidden" role="status">
            {plural(ticked, "jour coché", "jours cochés")}
          </span>
          <button type="button" className="button button--primary" aria-disabled={mutation.isPending || undefined} onClick={validate}>
            {mutation.isPending && <span className="spinner" aria-hidden="true" />}
            Valider
          </button>
          <button type="button" className="button button--secondary" onClick={cancelEditing}>
            Annuler les changements
          </button>
        </div>
      )}

      <div role="status" className="outcome-region">
        {result && <ResultNotice result={result} refRef={resultRef} />}
      </div>

      {dialog?.kind === "template" && (
        <WeeklyTemplateDialog childId={childId} childName={childName} block={block} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === "absence" && (
        <AbsenceDialog
          cell={dialog.cell}
          unit={dialog.unit}
          childName={childName}
          activityName={activityName}
          onClose={() => setDialog(null)}
          fallbackFocus={() => resultRef.current ?? modifyRef.current}
          onDone={(reservation) => {
            setDialog(null);
            finish({ kind: "absence", excused: reservation.state === "absent_excused" });
          }}
        />
      )}
    </section>
  );
}

function ResultNotice({ result, refRef }: { result: Result; refRef: RefObject<HTMLDivElement | null> }) {
  if (result.kind === "unchanged") {
    return (
      <div ref={refRef} tabIndex={-1} className="notice notice--info">
        <p>Aucune modification à valider.</p>
      </div>
    );
  }
  if (result.kind === "absence") {
    return (
      <div ref={refRef} tabIndex={-1} className="notice notice--success">
        <p>{result.excused ? "Absence enregistrée : elle est excusée." : "Absence enregistrée : elle sera facturée."}</p>
      </div>
    );
  }
  if (result.kind === "error") {
    return (
      <div ref={refRef} tabIndex={-1} className="notice notice--error">
        {result.items.map((item) => (
          <p key={item.message}>{item.message}</p>
        ))}
      </div>
    );
  }
  return (
    <div ref={refRef} tabIndex={-1} className={result.refused.length ? "notice notice--warning" : "notice notice--success"}>
      {result.added > 0 && (
        <p>
          {result.added > 1 ? `${result.added} modifications ajoutées au panier.` : "1 modification ajoutée au panier."} Rien
          n'est enregistré avant « Terminer » dans le récapitulatif.
        </p>
      )}
      {result.refused.length > 0 && (
        <>
          <p>
            <strong>{result.refused.length > 1 ? `${result.refused.length} modifications refusées :` : "1 modification refusée :"}</strong>
          </p>
          <ul>
            {result.refused.map((line) => (
              <li key={`${line.opening}-${line.action}`}>
                {formatDayLabel(line.date)} – {line.unit} ({line.action === "book" ? "réservation" : "annulation"}) : {line.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/**
 * The month's refused requests with the structure's reason, in words: the
 * grid's cells only show the legend's code ("Ref."), the reason must not need
 * a hover to be read.
 */
function RefusedRequests({ block, periodWord }: { block: ActivityBlock; periodWord: string }) {
  const refused = block.rows
    .flatMap((row, index) => row.cells.filter(isRefused).map((cell) => ({ cell, unit: row.unit, index })))
    .sort((a, b) => a.cell.date.localeCompare(b.cell.date) || a.index - b.index);
  if (!refused.length) return null;
  const again = refused.some(({ cell }) => cell.actions.includes("book"));
  return (
    <div className="notice notice--warning refused-requests">
      <p>
        <strong>{refused.length > 1 ? `${refused.length} demandes refusées ${periodWord} :` : `1 demande refusée ${periodWord} :`}</strong>
      </p>
      <ul>
        {refused.map(({ cell, unit }) => (
          <li key={`${unit.id}-${cell.date}`}>
            {cellName(cell, unit)} : {cell.reason}
          </li>
        ))}
      </ul>
      {again && <p>Vous pouvez demander à nouveau ces jours avec « Modifier » tant que la réservation est ouverte.</p>}
    </div>
  );
}
