import { Link, useSearchParams } from "react-router";
import { useChildren } from "../../../api/family";
import { SelectField } from "../../../components/FormFields";
import { formatMonth, shiftMonth } from "../../../format/calendar";
import { Breadcrumb } from "../../../pages/family/components/Breadcrumb";
import { PageError, PageLoading } from "../../../pages/family/components/PageStates";
import { usePageTitle } from "../../../theme/usePageTitle";
import { ActivityPlanning } from "./ActivityPlanning";
import { usePlanning, type Planning } from "./api";
import { CartBar } from "./CartBar";
import { useLegend } from "./legend";
import { PlanningLegend } from "./PlanningLegend";

const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** /planning — the month grid of each child's activities, with booking changes sent to the cart. */
export function PlanningPage() {
  usePageTitle("Planning");
  const [params, setParams] = useSearchParams();
  const requested = params.get("mois") ?? "";
  const month = MONTH_PATTERN.test(requested) ? requested : "";
  const child = params.get("enfant") ?? "";
  const planning = usePlanning(month, child);
  const children = useChildren();
  const legend = useLegend();
  const shown = month || planning.data?.month.slice(0, 7) || "";

  function update(changes: Record<string, string>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
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
        <nav className="month-nav" aria-label="Choix du mois">
          <button
            type="button"
            className="button button--secondary month-nav__arrow"
            aria-label="Mois précédent"
            title={shown ? formatMonth(shiftMonth(shown, -1)) : undefined}
            disabled={!shown}
            onClick={() => update({ mois: shiftMonth(shown, -1) })}
          >
            <span aria-hidden="true">‹</span>
          </button>
          <h2 className="month-nav__title" aria-live="polite">
            {shown ? formatMonth(shown) : "…"}
          </h2>
          <button
            type="button"
            className="button button--secondary month-nav__arrow"
            aria-label="Mois suivant"
            title={shown ? formatMonth(shiftMonth(shown, 1)) : undefined}
            disabled={!shown}
            onClick={() => update({ mois: shiftMonth(shown, 1) })}
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
      ) : (
        <>
          {planning.isFetching && <PageLoading label="Mise à jour du planning…" />}
          <PlanningBody planning={planning.data} />
          <PlanningLegend planning={planning.data} legend={legend} />
        </>
      )}
    </>
  );
}

function PlanningBody({ planning }: { planning: Planning }) {
  const legend = useLegend();
  const month = planning.month.slice(0, 7);
  if (!planning.children.some((c) => c.activities.length)) {
    return (
      <div className="notice notice--info section">
        <p>Aucune inscription en cours pour ce mois-ci.</p>
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
                key={`${month}-${block.enrolment.id}`}
                childId={child.child_id}
                childName={child.first_name}
                block={block}
                days={planning.days}
                month={month}
                legend={legend}
              />
            ))
          ) : (
            <p>Aucune inscription pour {child.first_name} ce mois-ci.</p>
          )}
        </section>
      ))}
    </>
  );
}
