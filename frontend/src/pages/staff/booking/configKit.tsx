/** Shared pieces of the booking configuration pages: list/edit/delete state, row actions, checkbox groups. */
import { useRef, useState, type ReactNode } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormErrorItem } from "../../../components/formErrors";
import { staffErrors } from "../../../components/serverErrors";
import { bookingKeys, deleteConfig, saveConfig, type ConfigCollection } from "./api";

interface EditorOptions<T> {
  collection: ConfigCollection;
  /** "« Garderie du matin »" style name used in messages. */
  name: (item: T) => string;
  /** DRF field → input id, to show a server message next to its field. */
  params?: Record<string, string>;
  labels?: Record<string, string>;
  /** Keep the saved item open (e.g. an activity, to go on with its units). */
  stayOnSaved?: boolean;
  /** Masculine "ajouté/modifié" by default; "e" for feminine nouns. */
  feminine?: boolean;
}

export function useConfigEditor<T extends { id: number }>({ collection, name, params = {}, labels = {}, stayOnSaved, feminine }: EditorOptions<T>) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<T | null>(null);
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [status, setStatus] = useState("");
  const [deleting, setDeleting] = useState<number | null>(null);
  const [formKey, setFormKey] = useState(0);
  const formHeading = useRef<HTMLHeadingElement>(null);
  const editButtons = useRef(new Map<number, HTMLButtonElement>());
  const e = feminine ? "e" : "";

  const focusEdit = (id: number) => requestAnimationFrame(() => editButtons.current.get(id)?.focus());
  const focusForm = () => requestAnimationFrame(() => formHeading.current?.focus());

  const save = useMutation({
    mutationFn: (body: object) => saveConfig<T>(collection, editing?.id ?? null, body),
    onSuccess: (item) => {
      const was = editing;
      setStatus(was ? `${name(item)} est modifié${e}.` : `${name(item)} est ajouté${e}.`);
      setErrors([]);
      setEditing(stayOnSaved ? item : null);
      setFormKey((k) => k + 1);
      void queryClient.invalidateQueries({ queryKey: bookingKeys.all });
      if (was && !stayOnSaved) focusEdit(was.id);
    },
    onError: (error) => {
      setStatus("");
      setErrors(staffErrors(error, params, labels));
    },
  });

  const remove = useMutation({
    mutationFn: (item: T) => deleteConfig(collection, item.id),
    onSuccess: (_, item) => {
      setDeleting(null);
      setErrors([]);
      setStatus(`${name(item)} est supprimé${e}.`);
      if (editing?.id === item.id) {
        setEditing(null);
        setFormKey((k) => k + 1);
      }
      void queryClient.invalidateQueries({ queryKey: bookingKeys.all });
      focusForm();
    },
    onError: (error) => {
      setDeleting(null);
      setStatus("");
      setErrors(staffErrors(error));
    },
  });

  return {
    editing,
    errors,
    setErrors,
    status,
    setStatus,
    deleting,
    setDeleting,
    formKey: `${formKey}-${editing?.id ?? "new"}`,
    formHeading,
    save,
    remove,
    startEdit(item: T) {
      setEditing(item);
      setErrors([]);
      setStatus("");
      setFormKey((k) => k + 1);
      focusForm();
    },
    cancelEdit() {
      const was = editing;
      setEditing(null);
      setErrors([]);
      setFormKey((k) => k + 1);
      if (was) focusEdit(was.id);
    },
    registerEditButton(id: number, node: HTMLButtonElement | null) {
      if (node) editButtons.current.set(id, node);
      else editButtons.current.delete(id);
    },
    focusEdit,
  };
}

export type ConfigEditor<T extends { id: number }> = ReturnType<typeof useConfigEditor<T>>;

/** « Modifier » / « Supprimer » of a row, the deletion confirmed in place. */
export function RowActions<T extends { id: number }>({ item, label, editor, extra }: { item: T; label: string; editor: ConfigEditor<T>; extra?: ReactNode }) {
  if (editor.deleting === item.id)
    return (
      <div className="button-row" role="group" aria-label={`Supprimer « ${label} » ?`}>
        <span>Supprimer « {label} » ?</span>
        <button
          type="button"
          className="button button--danger"
          autoFocus
          aria-disabled={editor.remove.isPending || undefined}
          onClick={() => {
            if (!editor.remove.isPending) editor.remove.mutate(item);
          }}
        >
          Confirmer la suppression
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            editor.setDeleting(null);
            editor.focusEdit(item.id);
          }}
        >
          Annuler
        </button>
      </div>
    );
  return (
    <div className="button-row">
      <button type="button" className="button button--secondary" ref={(node) => editor.registerEditButton(item.id, node)} onClick={() => editor.startEdit(item)}>
        Modifier{" "}<span className="visually-hidden">« {label} »</span>
      </button>
      <button type="button" className="button button--secondary" onClick={() => editor.setDeleting(item.id)}>
        Supprimer{" "}<span className="visually-hidden">« {label} »</span>
      </button>
      {extra}
    </div>
  );
}

interface CheckboxGroupProps {
  id: string;
  legend: string;
  options: ReadonlyArray<{ value: number; label: string }>;
  value: readonly number[];
  onChange: (value: number[]) => void;
  hint?: string;
  errors?: string[];
  empty?: string;
}

/** Several choices among a few (weekdays, units of the same activity). */
export function CheckboxGroup({ id, legend, options, value, onChange, hint, errors, empty }: CheckboxGroupProps) {
  const hintId = hint ? `${id}-aide` : undefined;
  const errorId = errors?.length ? `${id}-erreur` : undefined;
  return (
    <fieldset
      id={id}
      className={errors?.length ? "fieldset checkbox-group field--error" : "fieldset checkbox-group"}
      aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
      tabIndex={-1}
    >
      <legend>{legend}</legend>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {errorId && (
        <p id={errorId} className="field__error">
          <span className="visually-hidden">Erreur :</span> {errors!.join(" ")}
        </p>
      )}
      {options.length === 0 && empty ? <p>{empty}</p> : null}
      <div className="checkbox-group__options">
        {options.map((option) => {
          const inputId = `${id}-${option.value}`;
          return (
            <div className="checkbox-field" key={option.value}>
              <input
                type="checkbox"
                id={inputId}
                checked={value.includes(option.value)}
                onChange={(event) =>
                  onChange(event.target.checked ? [...value, option.value].sort((a, b) => a - b) : value.filter((v) => v !== option.value))
                }
              />
              <label htmlFor={inputId}>{option.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** Values of a form as strings/booleans/number lists, with a typed setter. */
export function useFormValues<V extends object>(initial: () => V) {
  const [values, setValues] = useState<V>(initial);
  const set = <K extends keyof V>(key: K) => (value: V[K]) => setValues((current) => ({ ...current, [key]: value }));
  return [values, set, setValues] as const;
}

export const optionalNumber = (value: string): number | null => (value.trim() === "" ? null : Number(value));
export const optionalId = (value: string): number | null => (value === "" ? null : Number(value));
export const isWholeNumber = (value: string) => /^\d+$/.test(value.trim());
