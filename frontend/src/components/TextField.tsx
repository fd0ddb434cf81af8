import type { InputHTMLAttributes, ReactNode } from "react";

export interface TextFieldProps
  extends Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "value" | "onChange" | "children"> {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
  hint?: ReactNode;
  /** Extra ids for aria-describedby (e.g. a checklist). */
  describedBy?: string;
  /** Rendered after the input (e.g. a show/hide button). */
  after?: ReactNode;
}

export function TextField({ id, label, value, onChange, errors, hint, describedBy, after, type = "text", ...rest }: TextFieldProps) {
  const hintId = hint ? `${id}-aide` : undefined;
  const errorId = errors?.length ? `${id}-erreur` : undefined;
  const describedByIds = [hintId, errorId, describedBy].filter(Boolean).join(" ") || undefined;

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
      {errors?.length ? (
        <p id={errorId} className="field__error">
          <span className="visually-hidden">Erreur :</span> {errors.join(" ")}
        </p>
      ) : null}
      <div className="field__control">
        <input
          {...rest}
          id={id}
          name={rest.name ?? id}
          type={type}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={describedByIds}
        />
        {after}
      </div>
    </div>
  );
}
