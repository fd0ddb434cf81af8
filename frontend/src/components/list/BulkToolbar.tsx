import { useEffect, useState, type ReactNode } from "react";
import { plural } from "../../format/text";
import type { Column } from "./DataTable";

/** Checked rows among the visible ones (ids no longer listed drop out). */
export function useSelection(visibleIds: readonly number[], resetKey: string) {
  const [selected, setSelected] = useState<Set<number>>(new Set());
  useEffect(() => setSelected(new Set()), [resetKey]);
  const selectedIds = visibleIds.filter((id) => selected.has(id));
  return {
    selectedIds,
    isSelected: (id: number) => selected.has(id),
    toggle(id: number, checked: boolean) {
      setSelected((current) => {
        const next = new Set(current);
        if (checked) next.add(id);
        else next.delete(id);
        return next;
      });
    },
    /** Checks or unchecks several rows (a day's group, everything). */
    setMany(ids: readonly number[], checked: boolean) {
      setSelected((current) => {
        const next = new Set(current);
        for (const id of ids) {
          if (checked) next.add(id);
          else next.delete(id);
        }
        return next;
      });
    },
    clear: () => setSelected(new Set()),
  };
}

export type Selection = ReturnType<typeof useSelection>;

interface GroupCheckboxProps {
  id: string;
  label: string;
  ids: readonly number[];
  selection: Selection;
  visuallyHiddenLabel?: boolean;
}

/** "Tout sélectionner" style checkbox, indeterminate when only some rows are checked. */
export function GroupCheckbox({ id, label, ids, selection, visuallyHiddenLabel }: GroupCheckboxProps) {
  const count = ids.filter((i) => selection.isSelected(i)).length;
  const all = ids.length > 0 && count === ids.length;
  return (
    <div className="checkbox-field">
      <input
        type="checkbox"
        id={id}
        checked={all}
        ref={(node) => {
          if (node) node.indeterminate = count > 0 && !all;
        }}
        onChange={(event) => selection.setMany(ids, event.target.checked)}
      />
      <label htmlFor={id} className={visuallyHiddenLabel ? "visually-hidden" : undefined}>
        {label}
      </label>
    </div>
  );
}

interface BulkToolbarProps {
  selection: Selection;
  allIds: readonly number[];
  /** ["demande sélectionnée", "demandes sélectionnées"] */
  unit: [string, string];
  children: ReactNode;
}

/** Select all, the live count of the selection and the actions. */
export function BulkToolbar({ selection, allIds, unit, children }: BulkToolbarProps) {
  const count = selection.selectedIds.length;
  return (
    <div className="toolbar">
      <GroupCheckbox id="tout-selectionner" label="Tout sélectionner" ids={allIds} selection={selection} />
      <p aria-live="polite" className="toolbar__count">
        {count ? plural(count, unit[0], unit[1]) : `Aucune ${unit[0].split(" ")[0]} sélectionnée`}
      </p>
      <div className="button-row">{children}</div>
    </div>
  );
}

/**
 * The first column of a table whose rows are answered together: a checkbox per
 * row, named by `label` (visually hidden), tied to the selection.
 */
export function selectionColumn<T extends { id: number }>(selection: Selection, idPrefix: string, label: (row: T) => ReactNode): Column<T> {
  return {
    key: "selection",
    header: <span className="visually-hidden">Sélection</span>,
    className: "check-cell",
    cell: (row) => (
      <>
        <input type="checkbox" id={`${idPrefix}-${row.id}`} checked={selection.isSelected(row.id)} onChange={(event) => selection.toggle(row.id, event.target.checked)} />
        <label htmlFor={`${idPrefix}-${row.id}`} className="visually-hidden">
          {label(row)}
        </label>
      </>
    ),
  };
}
