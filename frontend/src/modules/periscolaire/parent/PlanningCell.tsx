/** One planning cell's content, shared by the month grid and the day list. */
import type { CSSProperties } from "react";
import type { ActivityBlock, Cell, DayInfo, Unit } from "./api";
import { cartChecked, cellCode, cellName, cellState, controlName, describeCell, draftChecked, isEditable, statusLabel, type Draft } from "./cells";
import { DayMenu, hasDayMenu, type DayChange } from "./DayMenu";
import type { LegendItem, LegendLookup } from "./legend";

export interface CellViewProps {
  block: ActivityBlock;
  days: readonly DayInfo[];
  legend: LegendLookup;
  /** Unique per view and activity: the ids of the controls. */
  idPrefix: string;
  caption: string;
  editing: boolean;
  draft: Draft;
  onToggle: (cell: Cell, checked: boolean) => void;
  onAbsence: (cell: Cell, unit: Unit) => void;
  /** The grid's day menu (read mode): a change for the cart, as a tick in "Modifier" would make. */
  onChange?: (cell: Cell, action: DayChange) => void;
  /** Week and fortnight views: wider cells that show the state in words. */
  wide?: boolean;
}

export function legendStyle(item: LegendItem): CSSProperties | undefined {
  return item.color ? { backgroundColor: item.color, color: item.foreground } : undefined;
}

/** Classes of a cell: its state, in the cart, changed but not yet validated. */
export function cellClasses(base: string, cell: Cell, item: LegendItem, editing: boolean, draft: Draft): string {
  const changed = editing && isEditable(cell) && draftChecked(cell, draft) !== cartChecked(cell);
  return [
    base,
    `${base}--${cell.status}`,
    item.neutral ? `${base}--neutral` : "",
    cell.in_cart ? `${base}--in-cart` : "",
    changed ? `${base}--changed` : "",
  ]
    .filter(Boolean)
    .join(" ");
}

/** Public holiday, school holidays or closure of a day ("" when none). */
export function dayNote(day: DayInfo | undefined): string {
  if (!day) return "";
  return [day.public_holiday && `Férié : ${day.public_holiday}`, day.closure && `Fermeture : ${day.closure}`, day.school_holiday && `Vacances : ${day.school_holiday}`]
    .filter(Boolean)
    .join(" · ");
}

interface CellControlProps {
  cell: Cell;
  unit: Unit;
  module: string | null;
  id: string;
  legend: LegendLookup;
  editing: boolean;
  draft: Draft;
  onToggle: (cell: Cell, checked: boolean) => void;
  onAbsence: (cell: Cell, unit: Unit) => void;
  /** The day list shows the state and reason as text; the grid keeps them compact. */
  verbose?: boolean;
  /** Read mode in the grid: the cell opens its day menu. */
  onChange?: (cell: Cell, action: DayChange) => void;
  /** Wide grid cells: the state's label shown in full. */
  wide?: boolean;
}

/**
 * Read mode: the legend's short code (the full state in the title and for
 * screen readers). Edit mode: a checkbox when the cell can change, an
 * "absence" button when only an absence can be declared, and otherwise the
 * reason as expandable text.
 */
export function CellControl({ cell, unit, module, id, legend, editing, draft, onToggle, onAbsence, verbose, onChange, wide }: CellControlProps) {
  const item = legend(cell.status, module);
  const name = cellName(cell, unit);
  const state = cellState(cell, legend, module);
  const description = describeCell(cell, unit, legend, module);
  const code = (!verbose || item.short || cell.in_cart) && (
    <span className={verbose ? "cell__code cell__code--badge" : "cell__code"} style={verbose ? legendStyle(item) : undefined} aria-hidden="true">
      {cellCode(cell, item.short)}
      {cell.in_cart && <span className="cell__cart-mark">*</span>}
    </span>
  );

  if (editing && isEditable(cell)) {
    const stateId = `${id}-etat`;
    return (
      <span className="cell__edit" title={description}>
        <input
          type="checkbox"
          id={id}
          className="cell__checkbox"
          aria-label={controlName(cell, unit)}
          aria-describedby={stateId}
          checked={draftChecked(cell, draft)}
          onChange={(event) => onToggle(cell, event.target.checked)}
        />
        {verbose ? (
          <label htmlFor={id} className="cell__label" aria-hidden="true">
            {unit.name}
          </label>
        ) : (
          code
        )}
        <span id={stateId} className={verbose ? "cell__state" : "visually-hidden"}>
          {state}
        </span>
      </span>
    );
  }

  if (editing && cell.actions.includes("absence") && cell.reservation_id !== null) {
    return (
      <span className="cell__edit" title={description}>
        {verbose && <span className="cell__unit">{unit.name}</span>}
        {code}
        <button type="button" className="cell__absence" aria-label={`Signaler une absence : ${name}`} onClick={() => onAbsence(cell, unit)}>
          Abs.
        </button>
        <span className={verbose ? "cell__state" : "visually-hidden"}>{state}</span>
      </span>
    );
  }

  if (editing && cell.reason && !verbose) {
    return (
      <details className="cell__reason">
        <summary title={description}>
          {code}
          {!item.short && !cell.in_cart && (
            <span className="cell__info" aria-hidden="true">
              i
            </span>
          )}
          <span className="visually-hidden">{`${name} : ${legend(cell.status, module).label}`}</span>
        </summary>
        <p className="cell__reason-text">{cell.reason}</p>
      </details>
    );
  }

  if (!editing && onChange && hasDayMenu(cell)) {
    return (
      <DayMenu cell={cell} unit={unit} module={module} legend={legend} id={id} title={description} onChange={onChange} onAbsence={onAbsence}>
        <span className="cell__view">
          {code}
          {wide && (
            <span className="cell__label-wide" aria-hidden="true">
              {statusLabel(cell, item.label)}
            </span>
          )}
          <span className="visually-hidden">{description}</span>
        </span>
      </DayMenu>
    );
  }

  return (
    <span className="cell__view" title={description}>
      {verbose && <span className="cell__unit">{unit.name}</span>}
      {code}
      <span className={verbose ? "cell__state" : "visually-hidden"}>{verbose ? state : description}</span>
    </span>
  );
}
