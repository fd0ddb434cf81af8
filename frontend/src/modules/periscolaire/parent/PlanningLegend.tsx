import type { Planning } from "./api";
import type { LegendLookup } from "./legend";
import { legendStyle } from "./PlanningCell";

/** The codes used in the month's planning, their meaning and colour, and the "à valider" mark. */
export function PlanningLegend({ planning, legend }: { planning: Planning; legend: LegendLookup }) {
  const used = new Map<string, string | null>();
  let inCart = false;
  for (const child of planning.children) {
    for (const block of child.activities) {
      for (const row of block.rows) {
        for (const cell of row.cells) {
          if (!used.has(cell.status)) used.set(cell.status, block.enrolment.module);
          if (cell.in_cart) inCart = true;
        }
      }
    }
  }
  if (!used.size) return null;
  const items = [...used].map(([code, module]) => legend(code, module));
  return (
    <section className="section planning-legend" aria-labelledby="planning-legende">
      <h2 id="planning-legende">Légende</h2>
      <ul className="planning-legend__list">
        {items.map((item) => (
          <li key={item.code}>
            <span className={item.neutral ? `legend-swatch legend-swatch--${item.code}` : "legend-swatch"} style={legendStyle(item)} aria-hidden="true">
              {item.short || "\u00a0"}
            </span>{" "}
            {item.label}
          </li>
        ))}
        {inCart && (
          <li>
            <span className="legend-swatch legend-swatch--in-cart" aria-hidden="true">
              *
            </span>{" "}
            Modification à valider (dans le panier)
          </li>
        )}
      </ul>
    </section>
  );
}
