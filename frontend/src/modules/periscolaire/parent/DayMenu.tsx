/**
 * A day's actions (the guides' right-click / click on a day): the grid's
 * cell is a menu button — click or tap, right-click, the context-menu key or
 * Shift+F10 open it — offering what the server allows for the cell
 * (« Réserver », « Annuler », « Déclarer une absence ») and always
 * « Voir l'état ». WAI-ARIA menu button: arrows move, Escape closes and the
 * focus goes back to the cell.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode } from "react";
import type { Cell, Unit } from "./api";
import { cartChecked, cellName, cellState, isEditable } from "./cells";
import type { LegendLookup } from "./legend";
import { Modal } from "./Modal";

export type DayChange = "book" | "cancel";
export type DayMenuAction = DayChange | "absence" | "state";

export interface DayMenuItem {
  action: DayMenuAction;
  label: string;
}

/**
 * What the menu offers for a cell, as the "Modifier" mode's tick would:
 * « Réserver » when the day can be ticked and is not (booked, or being
 * booked in the cart), « Annuler » when it can be unticked, « Déclarer une
 * absence » when the server allows it, and « Voir l'état ».
 */
export function dayMenuItems(cell: Cell): DayMenuItem[] {
  const items: DayMenuItem[] = [];
  if (isEditable(cell)) items.push(cartChecked(cell) ? { action: "cancel", label: "Annuler" } : { action: "book", label: "Réserver" });
  if (cell.actions.includes("absence") && cell.reservation_id !== null) items.push({ action: "absence", label: "Déclarer une absence" });
  items.push({ action: "state", label: "Voir l'état" });
  return items;
}

/** A cell with something to say: a service or a reason (not a day without any). */
export function hasDayMenu(cell: Cell): boolean {
  return cell.status !== "none" || cell.opening_id !== null;
}

interface Props {
  cell: Cell;
  unit: Unit;
  module: string | null;
  legend: LegendLookup;
  id: string;
  /** The title (hover) of the cell. */
  title: string;
  /** The cell's visible content and accessible name. */
  children: ReactNode;
  onChange: (cell: Cell, action: DayChange) => void;
  onAbsence: (cell: Cell, unit: Unit) => void;
}

const MENU_WIDTH = 240;

export function DayMenu({ cell, unit, module, legend, id, title, children, onChange, onAbsence }: Props) {
  const [open, setOpen] = useState(false);
  const [showState, setShowState] = useState(false);
  const [position, setPosition] = useState<CSSProperties>({});
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const menuId = `${id}-menu`;
  const stateId = useId();
  const name = cellName(cell, unit);
  const items = dayMenuItems(cell);

  function place() {
    const rect = buttonRef.current?.getBoundingClientRect();
    if (!rect) return;
    const left = Math.max(4, Math.min(rect.left, window.innerWidth - MENU_WIDTH - 8));
    setPosition({ top: rect.bottom + 2, left });
  }

  function openMenu() {
    place();
    setOpen(true);
  }

  function close(focusCell: boolean) {
    setOpen(false);
    if (focusCell) buttonRef.current?.focus();
  }

  // The focus moves to the first item when the menu opens.
  useLayoutEffect(() => {
    if (open) menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus({ preventScroll: true });
  }, [open]);

  // Follows the cell while the page or the grid scrolls; a press elsewhere closes.
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node | null;
      if (target && !menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    window.addEventListener("scroll", place, true);
    window.addEventListener("resize", place);
    document.addEventListener("pointerdown", onPointer, true);
    return () => {
      window.removeEventListener("scroll", place, true);
      window.removeEventListener("resize", place);
      document.removeEventListener("pointerdown", onPointer, true);
    };
  }, [open]);

  function onButtonKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === "ContextMenu" || (event.key === "F10" && event.shiftKey)) {
      event.preventDefault();
      openMenu();
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      close(true);
    }
  }

  function onMenuKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    const entries = Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
    const index = entries.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => entries[(to + entries.length) % entries.length]?.focus({ preventScroll: true });
    switch (event.key) {
      case "ArrowDown":
        move(index + 1);
        break;
      case "ArrowUp":
        move(index - 1);
        break;
      case "Home":
      case "PageUp":
        move(0);
        break;
      case "End":
      case "PageDown":
        move(entries.length - 1);
        break;
      case "Escape":
      case "Tab":
        close(true);
        break;
      case "ArrowLeft":
      case "ArrowRight":
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  }

  function choose(action: DayMenuAction) {
    close(true);
    if (action === "state") setShowState(true);
    else if (action === "absence") onAbsence(cell, unit);
    else onChange(cell, action);
  }

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        id={id}
        className="cell__button"
        title={title}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close(true) : openMenu())}
        onContextMenu={(event) => {
          event.preventDefault();
          openMenu();
        }}
        onKeyDown={onButtonKeyDown}
      >
        {children}
      </button>
      {open && (
        <ul
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={`Actions : ${name}`}
          className="day-menu"
          style={position}
          onKeyDown={onMenuKeyDown}
          onContextMenu={(event) => event.preventDefault()}
        >
          {items.map((item) => (
            <li key={item.action} role="none">
              <button type="button" role="menuitem" tabIndex={-1} className="day-menu__item" onClick={() => choose(item.action)}>
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}
      {showState && (
        <Modal title="État du jour" onClose={() => setShowState(false)} fallbackFocus={() => buttonRef.current}>
          <p>
            <strong>{name}</strong>
          </p>
          <p id={stateId} className="day-state">
            {cellState(cell, legend, module)}
          </p>
          {!items.some((item) => item.action !== "state") && (
            <p className="field__hint">Ce jour ne peut pas être modifié depuis le planning.</p>
          )}
        </Modal>
      )}
    </>
  );
}
