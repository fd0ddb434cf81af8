import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useChildren } from "../../../api/family";
import { SelectField } from "../../../components/FormFields";
import { formatMonth, mondayOf, shiftMonth } from "../../../format/calendar";
import { addDays, parseIsoDate, todayIso } from "../../../format/dates";
import { Breadcrumb } from "../../../pages/family/components/Breadcrumb";
import { PageError, PageLoading } from "../../../pages/family/components/PageStates";
import { usePageTitle } from "../../../theme/usePageTitle";
import { ActivityPlanning } from "./ActivityPlanning";
import { usePlanning, type Planning } from "./api";
import { CartBar } from "./CartBar";
import { useLegend } from "./legend";
import { PlanningLegend } from "./PlanningLegend";
import {
  mergePlannings,
  parseView,
  PERIOD_LENGTH,
  periodDays,
  periodMonths,
  periodStart,
  periodTitle,
  periodWord,
  VIEWS,
  type PlanningView,
} from "./planningView";

const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

const NAV_LABELS: Record<PlanningView, [string, string]> = {
  mois: ["Mois précédent", "Mois suivant"],
  quinzaine: ["Quinzaine précédente", "Quinzaine suivante"],
  semaine: ["Semaine précédente", "Semaine suivante"],
};

/**
 * /planning — each child's activities by month (?mois=2027-01), fortnight or
 * week (?vue=quinzaine|semaine&du=2027-01-04, from a Monday), with booking
 * changes sent to the cart. A week across two months reads both months.
 */
export function PlanningPage() {
  usePageTitle("Planning");
  const [params, setParams] = useSearchParams();
  const requested = params.get("mois") ?? "";
  const month = MONTH_PATTERN.test(requested) ? requested : "";
  const child = params.get("enfant") ?? "";
  const view = parseView(params.get("vue"));
  const start = view === "mois" ? "" : periodStart(params.get("du")) || mondayOf(parseIsoDate(todayIso()));
  const days = view === "mois" ? [] : periodDays(start, PERIOD_LENGTH[view]);
  const months = periodMonths(days);
  // The API serves months: the period's first and last (the same one, most weeks).
  const first = usePlanning(view === "mois" ? month : months[0], child);
  const last = usePlanning(view === "mois" ? month : months[months.length - 1], child);
  const children = useChildren();
  const legend = useLegend();
  const shown = month || first.data?.month.slice(0, 7) || "";
  const planning = view === "mois" ? first : first.isError ? first : last.isError ? last : first.isPending ? first : last;
  const merged = view === "mois" ? first.data : first.data && last.data ? mergePlannings([first.data, last.data], days) : undefined;
  const title = view === "mois" ? (shown ? formatMonth(shown) : "…") : periodTitle(view, days);
  const [previousLabel, nextLabel] = NAV_LABELS[view];
  // The radio follows the choice at once, before the address (and the view) does.
  const [chosen, setChosen] = useState<PlanningView | null>(null);
  useEffect(() => setChosen(null), [view]);

  function update(changes: Record<string, string>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  }

  function shift(delta: number) {
    if (view === "mois") update({ mois: shiftMonth(shown, delta) });
    else update({ du: addDays(start, delta * PERIOD_LENGTH[view]) });
  }

  /** The new view starts where the current one is: the shown month's first week (today's, in the current month). */
  function switchView(next: PlanningView) {
    if (next === view) return;
    setChosen(next);
    if (next === "mois") {
      update({ vue: "", du: "", mois: start ? start.slice(0, 7) : shown });
      return;
    }
    const today = todayIso();
    const from = view !== "mois" ? start : !shown || today.startsWith(shown) ? today : `${shown}-01`;
    update({ vue: next, du: mondayOf(parseIsoDate(from)), mois: "" });
  }

  return (
    <>
      <Breadcrumb trail={[{ label: "Planning" }]} />
      <h1>Planning</h1>
      <p className="lead">
        Consultez et modifiez les réservations de vos enfants. Les modifications vont dans un panier : elles ne sont
        enregistrées qu'après « Terminer » dans le récapitulatif.
      </p>
      <CartBar />
      <div className="planning-toolbar">
        <fieldset className="view-switch">
          <legend className="view-switch__legend">Affichage</legend>
          {VIEWS.map((option) => (
            <label key={option.value} className="view-switch__option">
              <input
                type="radio"
                name="planning-vue"
                value={option.value}
                checked={(chosen ?? view) === option.value}
                onChange={() => switchView(option.value)}
              />
              <span>{option.label}</span>
            </label>
          ))}
        </fieldset>
        <nav className={view === "mois" ? "month-nav" : "month-nav month-nav--period"} aria-label={view === "mois" ? "Choix du mois" : "Choix de la période"}>
          <button
            type="button"
            className="button button--secondary month-nav__arrow"
            aria-label={previousLabel}
            title={view === "mois" ? (shown ? formatMonth(shiftMonth(shown, -1)) : undefined) : periodTitle(view, periodDays(addDays(start, -PERIOD_LENGTH[view]), PERIOD_LENGTH[view]))}
            disabled={view === "mois" && !shown}
            onClick={() => shift(-1)}
          >
            <span aria-hidden="true">‹</span>
          </button>
          <h2 className="month-nav__title" aria-live="polite">
            {title}
          </h2>
          <button
            type="button"
            className="button button--secondary month-nav__arrow"
            aria-label={nextLabel}
            title={view === "mois" ? (shown ? formatMonth(shiftMonth(shown, 1)) : undefined) : periodTitle(view, periodDays(addDays(start, PERIOD_LENGTH[view]), PERIOD_LENGTH[view]))}
            disabled={view === "mois" && !shown}
            onClick={() => shift(1)}
          >
            <span aria-hidden="true">›</span>
          </button>
        </nav>
        {children.data && children.data.length > 1 && (
          <SelectField
            id="planning-enfant"
            label="Enfant"
            value={child}
            onChange={(value) => update({ enfant: value })}
            placeholder="Tous les enfants"
            options={children.data.map((c) => ({ value: String(c.id), label: c.first_name }))}
          />
        )}
      </div>
      {planning.isPending ? (
        <PageLoading />
      ) : planning.isError ? (
        <PageError error={planning.error} onRetry={() => void planning.refetch()} />
      ) : !merged ? (
        <PageLoading />
      ) : (
        <>
          {(first.isFetching || last.isFetching) && <PageLoading label="Mise à jour du planning…" />}
          <PlanningBody planning={merged} view={view} periodLabel={view === "mois" ? formatMonth(merged.month) : title} />
          <PlanningLegend planning={merged} legend={legend} />
        </>
      )}
    </>
  );
}

function PlanningBody({ planning, view, periodLabel }: { planning: Planning; view: PlanningView; periodLabel: string }) {
  const legend = useLegend();
  const period = view === "mois" ? planning.month.slice(0, 7) : `${view}-${planning.days[0]?.date}`;
  const word = periodWord(view);
  if (!planning.children.some((c) => c.activities.length)) {
    return (
      <div className="notice notice--info section">
        <p>Aucune inscription en cours pour {word}.</p>
        <p>
          <Link to="/inscriptions">Mes inscriptions</Link>
        </p>
      </div>
    );
  }
  return (
    <>
      {planning.children.map((child) => (
        <section key={child.child_id} className="section child-planning" aria-labelledby={`planning-enfant-${child.child_id}`}>
          <h3 id={`planning-enfant-${child.child_id}`}>{child.first_name}</h3>
          {child.activities.length ? (
            child.activities.map((block) => (
              <ActivityPlanning
                key={`${period}-${block.enrolment.id}`}
                childId={child.child_id}
                childName={child.first_name}
                block={block}
                days={planning.days}
                periodLabel={periodLabel}
                periodWord={word}
                wide={view !== "mois"}
                legend={legend}
              />
            ))
          ) : (
            <p>
              Aucune inscription pour {child.first_name} {word}.
            </p>
          )}
        </section>
      ))}
    </>
  );
}
