import { useState, type FormEvent, type ReactNode } from "react";
import { ErrorSummary } from "../ErrorSummary";
import type { FormErrorItem } from "../formErrors";

/** Filters: text values (as in the URL), by name. */
type Values<F> = { [K in keyof F]: string };

export interface FilterFields<F extends Values<F>> {
  /** The values being typed (not applied yet). */
  draft: F;
  /** `onChange` of the field of `key`. */
  set: (key: keyof F) => (value: string) => void;
  /** Validation errors (see `validate`), for the fields' `errors`. */
  errors: readonly FormErrorItem[];
}

interface FilterFormProps<F extends Values<F>> {
  /** The form's accessible name ("Filtrer les factures"). */
  label: string;
  /** The filters in force (from the URL). */
  values: F;
  /** Applies the typed filters (writes them to the URL). */
  onApply: (draft: F) => void;
  /** Errors that keep the filters from being applied (e.g. an end before the start). */
  validate?: (draft: F) => FormErrorItem[];
  submitLabel?: string;
  /** A search form (role="search", primary button) rather than filters. */
  search?: boolean;
  children: (fields: FilterFields<F>) => ReactNode;
}

const NO_ERRORS: readonly FormErrorItem[] = [];

/**
 * The filters of a list: fields edited freely, applied by the button. The
 * fields show the filters in force whenever those change (after applying, a
 * link, back/forward), not what was last typed.
 */
export function FilterForm<F extends Values<F>>({ label, values, onApply, validate, submitLabel = "Filtrer", search = false, children }: FilterFormProps<F>) {
  const key = JSON.stringify(values);
  const [draft, setDraft] = useState(values);
  const [shown, setShown] = useState(key);
  const [errors, setErrors] = useState<readonly FormErrorItem[]>(NO_ERRORS);
  // The filters in force changed: show them (a state reset during render,
  // not a remount, so that the focus stays where it is).
  if (shown !== key) {
    setShown(key);
    setDraft(values);
    setErrors(NO_ERRORS);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = validate?.(draft) ?? [];
    setErrors(found.length ? found : NO_ERRORS);
    if (!found.length) onApply(draft);
  }

  const set = (field: keyof F) => (value: string) => setDraft((d) => ({ ...d, [field]: value }));
  return (
    <>
      {validate && <ErrorSummary items={errors} />}
      <form className="filters" role={search ? "search" : undefined} aria-label={label} noValidate onSubmit={submit}>
        {children({ draft, set, errors })}
        <div className="button-row">
          <button type="submit" className={search ? "button button--primary" : "button button--secondary"}>
            {submitLabel}
          </button>
        </div>
      </form>
    </>
  );
}
