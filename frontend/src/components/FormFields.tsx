import type { InputHTMLAttributes, ReactNode } from "react";

/**
 * Form controls of the family file. Each label is tied to its control; a
 * required field shows "*" (the control carries `required`); hints and errors
 * are referenced by aria-describedby.
 */

interface BaseProps {
  id: string;
  label: string;
  required?: boolean;
  hint?: ReactNode;
  errors?: string[];
}

function describedBy(id: string, hint: ReactNode, errors?: string[]): string | undefined {
  return [hint ? `${id}-aide` : "", errors?.length ? `${id}-erreur` : ""].filter(Boolean).join(" ") || undefined;
}

export function RequiredMark({ required }: { required?: boolean }) {
  return required ? (
    <span className="required-mark" aria-hidden="true">
      {" "}
      *
    </span>
  ) : null;
}

/** "Les champs marqués d'un * sont obligatoires." */
export function RequiredFieldsNote() {
  return <p className="form-note">Les champs marqués d'un * sont obligatoires.</p>;
}

function HintAndError({ id, hint, errors }: { id: string; hint?: ReactNode; errors?: string[] }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-aide`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={`${id}-erreur`} className="field__error">
          <span className="visually-hidden">Erreur :</span> {errors.join(" ")}
        </p>
      ) : null}
    </>
  );
}

export interface InputFieldProps
  extends BaseProps,
    Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "value" | "onChange" | "children" | "required"> {
  value: string;
  onChange: (value: string) => void;
}

export function InputField({ id, label, required, hint, errors, value, onChange, type = "text", ...rest }: InputFieldProps) {
  return (
    <div className={errors?.length ? "field field--error" : "field"}>
      <label className="field__label" htmlFor={id}>
        {label}
        <RequiredMark required={required} />
      </label>
      <HintAndError id={id} hint={hint} errors={errors} />
      <div className="field__control">
        <input
          {...rest}
          id={id}
          name={rest.name ?? id}
          type={type}
          value={value}
          required={required}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={describedBy(id, hint, errors)}
        />
      </div>
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

interface SelectFieldProps extends BaseProps {
  value: string;
  onChange: (value: string) => void;
  options: readonly Option[];
  /** Label of the empty choice ("" value); omitted: no empty choice. */
  placeholder?: string;
  autoComplete?: string;
}

export function SelectField({ id, label, required, hint, errors, value, onChange, options, placeholder = "— Choisir —", autoComplete }: SelectFieldProps) {
  return (
    <div className={errors?.length ? "field field--error" : "field"}>
      <label className="field__label" htmlFor={id}>
        {label}
        <RequiredMark required={required} />
      </label>
      <HintAndError id={id} hint={hint} errors={errors} />
      <div className="field__control">
        <select
          id={id}
          name={id}
          value={value}
          required={required}
          autoComplete={autoComplete}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={describedBy(id, hint, errors)}
        >
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

interface TextAreaFieldProps extends BaseProps {
  value: string;
  onChange: (value: string) => void;
  rows?: number;
}

export function TextAreaField({ id, label, required, hint, errors, value, onChange, rows = 3 }: TextAreaFieldProps) {
  return (
    <div className={errors?.length ? "field field--error" : "field"}>
      <label className="field__label" htmlFor={id}>
        {label}
        <RequiredMark required={required} />
      </label>
      <HintAndError id={id} hint={hint} errors={errors} />
      <div className="field__control">
        <textarea
          id={id}
          name={id}
          rows={rows}
          value={value}
          required={required}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={describedBy(id, hint, errors)}
        />
      </div>
    </div>
  );
}

interface RadioGroupFieldProps extends BaseProps {
  value: string;
  onChange: (value: string) => void;
  options: readonly Option[];
  /** Inline radios (e.g. Oui / Non). */
  inline?: boolean;
  /** Rendered under the legend (e.g. the consent's text). */
  children?: ReactNode;
}

/**
 * A group of radios in a fieldset. The error link of the summary points at
 * `id`, the first radio.
 */
export function RadioGroupField({ id, label, required, hint, errors, value, onChange, options, inline, children }: RadioGroupFieldProps) {
  return (
    <fieldset
      className={errors?.length ? "fieldset field--error" : "fieldset"}
      aria-describedby={describedBy(id, hint, errors)}
      aria-invalid={errors?.length ? true : undefined}
    >
      <legend className="fieldset__legend">
        {label}
        <RequiredMark required={required} />
      </legend>
      {children}
      <HintAndError id={id} hint={hint} errors={errors} />
      <div className={inline ? "radios radios--inline" : "radios"}>
        {options.map((option, index) => {
          const optionId = index === 0 ? id : `${id}-${option.value}`;
          return (
            <div className="radio" key={option.value}>
              <input
                type="radio"
                id={optionId}
                name={id}
                value={option.value}
                checked={value === option.value}
                required={required}
                onChange={() => onChange(option.value)}
              />
              <label htmlFor={optionId}>{option.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

interface CheckboxFieldProps {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: ReactNode;
  errors?: string[];
}

export function CheckboxField({ id, label, checked, onChange, hint, errors }: CheckboxFieldProps) {
  return (
    <div className={errors?.length ? "field field--error checkbox" : "field checkbox"}>
      <HintAndError id={id} hint={hint} errors={errors} />
      <input
        type="checkbox"
        id={id}
        name={id}
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
      />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** A field the family may see but not change. */
export function ReadOnlyField({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="field field--readonly">
      <p className="field__label">{label}</p>
      <p className="field__value">{value === "" || value === null || value === undefined ? "Non renseigné" : value}</p>
    </div>
  );
}

export const YES_NO: readonly Option[] = [
  { value: "true", label: "Oui" },
  { value: "false", label: "Non" },
];
