/** Small building blocks of the back office pages. */
import { useEffect, useRef, useState, type ReactNode, type Ref, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import { Navigate, Outlet } from "react-router";
import { homePathFor } from "../../auth/redirects";
import { useAuthenticatedUser } from "../../auth/session";
import { ErrorSummary } from "../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../components/formErrors";
import { FORBIDDEN_MESSAGE, isForbidden, REASON_REQUIRED, staffErrors } from "./errors";

/** Layout route: only staff members get through (parents go to their home page). */
export function StaffOnly() {
  const user = useAuthenticatedUser();
  if (!user.is_staff_member) return <Navigate to={homePathFor(user)} replace />;
  return <Outlet />;
}

export function ForbiddenNotice() {
  return <p className="notice notice--error">{FORBIDDEN_MESSAGE}</p>;
}

interface QueryViewProps<T> {
  query: UseQueryResult<T>;
  loadingLabel: string;
  children: (data: T) => ReactNode;
}

/** Loading, 403 ("no access") and error states of a query, then its data. */
export function QueryView<T>({ query, loadingLabel, children }: QueryViewProps<T>) {
  if (query.data !== undefined) return <>{children(query.data)}</>;
  if (query.isError) {
    if (isForbidden(query.error)) return <ForbiddenNotice />;
    const [first] = staffErrors(query.error);
    return (
      <div className="notice notice--error">
        <p>{first?.message}</p>
        <button type="button" className="button button--secondary" onClick={() => void query.refetch()}>
          Réessayer
        </button>
      </div>
    );
  }
  return (
    <p role="status" className="inline-status">
      <span className="spinner" aria-hidden="true" /> {loadingLabel}
    </p>
  );
}

/** Polite live region announcing the outcome of an action. */
export function StatusMessage({ message, tone = "success" }: { message: string; tone?: "success" | "info" }) {
  return (
    <div role="status" className="flash-region">
      {message ? <p className={`notice notice--${tone}`}>{message}</p> : null}
    </div>
  );
}

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "value" | "onChange"> {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
  hint?: ReactNode;
  ref?: Ref<HTMLTextAreaElement>;
}

export function TextAreaField({ id, label, value, onChange, errors, hint, ref, ...rest }: TextAreaFieldProps) {
  const hintId = hint ? `${id}-aide` : undefined;
  const errorId = errors?.length ? `${id}-erreur` : undefined;
  return (
    <div className={errors?.length ? "field field--error" : "field"}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
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
      <textarea
        {...rest}
        ref={ref}
        id={id}
        name={rest.name ?? id}
        className="field__textarea"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
      />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
  disabled?: boolean;
}

interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "value" | "onChange"> {
  id: string;
  label: string;
  value: string;
  options: readonly Option[];
  onChange: (value: string) => void;
  errors?: string[];
  hint?: ReactNode;
}

export function SelectField({ id, label, value, options, onChange, errors, hint, ...rest }: SelectFieldProps) {
  const hintId = hint ? `${id}-aide` : undefined;
  const errorId = errors?.length ? `${id}-erreur` : undefined;
  return (
    <div className={errors?.length ? "field field--error" : "field"}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
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
      <select
        {...rest}
        id={id}
        name={rest.name ?? id}
        className="field__select"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value} disabled={option.disabled}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

interface CheckboxFieldProps {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: ReactNode;
  disabled?: boolean;
}

export function CheckboxField({ id, label, checked, onChange, hint, disabled }: CheckboxFieldProps) {
  const hintId = hint ? `${id}-aide` : undefined;
  return (
    <div className="checkbox-field">
      <input
        type="checkbox"
        id={id}
        name={id}
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby={hintId}
      />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="field__hint checkbox-field__hint">
          {hint}
        </p>
      )}
    </div>
  );
}

const NO_ERRORS: readonly FormErrorItem[] = [];

interface ReasonFormProps {
  id: string;
  /** Names what is refused, e.g. "Refuser le compte de la famille Martin". */
  legend: string;
  submitLabel: string;
  busy: boolean;
  /** Server errors (e.g. the 400 "Indiquez le motif du refus."). */
  serverErrors?: readonly FormErrorItem[];
  hint?: string;
  onSubmit: (reason: string) => void;
  onCancel: () => void;
}

/**
 * Inline form asking for a refusal reason: the textarea gets the focus when
 * it opens; an empty reason is refused before calling the server.
 */
export function ReasonForm({ id, legend, submitLabel, busy, serverErrors, hint, onSubmit, onCancel }: ReasonFormProps) {
  const [reason, setReason] = useState("");
  const [localErrors, setLocalErrors] = useState<FormErrorItem[]>([]);
  const fieldId = `${id}-motif`;
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => ref.current?.focus(), []);
  // Stable identities: ErrorSummary moves the focus whenever its items change.
  const errors = localErrors.length ? localErrors : (serverErrors ?? NO_ERRORS);

  return (
    <form
      className="form reason-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (busy) return;
        if (!reason.trim()) {
          setLocalErrors([{ fieldId, message: REASON_REQUIRED }]);
          return;
        }
        setLocalErrors([]);
        onSubmit(reason.trim());
      }}
    >
      <fieldset className="fieldset">
        <legend>{legend}</legend>
        <ErrorSummary items={errors} />
        <TextAreaField
          id={fieldId}
          ref={ref}
          label="Motif du refus"
          hint={hint ?? "Il est envoyé à la famille par e-mail."}
          required
          rows={3}
          value={reason}
          onChange={setReason}
          errors={fieldErrors(errors, fieldId)}
        />
        <div className="button-row">
          <button type="submit" className="button button--danger" aria-disabled={busy || undefined}>
            {busy && <span className="spinner" aria-hidden="true" />}
            {submitLabel}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Annuler
          </button>
        </div>
      </fieldset>
    </form>
  );
}

interface PaginationProps {
  page: number;
  count: number;
  hasNext: boolean;
  hasPrevious: boolean;
  onPage: (page: number) => void;
  label: string;
}

export function Pagination({ page, count, hasNext, hasPrevious, onPage, label }: PaginationProps) {
  if (!hasNext && !hasPrevious) return null;
  return (
    <nav className="pagination" aria-label={label}>
      <button type="button" className="button button--secondary" disabled={!hasPrevious} onClick={() => onPage(page - 1)}>
        Page précédente
      </button>
      <span>
        Page {page} · {count} résultat{count > 1 ? "s" : ""}
      </span>
      <button type="button" className="button button--secondary" disabled={!hasNext} onClick={() => onPage(page + 1)}>
        Page suivante
      </button>
    </nav>
  );
}

/** Positive integer from a search param (1 by default). */
export function pageParam(value: string | null): number {
  const page = Number(value);
  return Number.isInteger(page) && page > 0 ? page : 1;
}
