import type { InputHTMLAttributes, ReactNode, Ref, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

/**
 * The form controls of every screen (family file, back office, sign-in).
 * Each label is tied to its control; hints and errors are referenced by
 * aria-describedby. A required field carries `required` and, by default,
 * shows an "*" hidden from assistive technologies (they announce
 * "required" already); forms whose labels spell their own "*", or that have
 * no "Les champs marqués d'un * sont obligatoires." note, pass
 * `requiredMark={false}`.
 */

interface BaseProps {
  id: string;
  label: string;
  required?: boolean;
  /** Show the "*" of a required field (default: yes). */
  requiredMark?: boolean;
  hint?: ReactNode;
  errors?: string[];
}

function describedBy(id: string, hint: ReactNode, errors?: string[], extra?: string): string | undefined {
  return [hint ? `${id}-aide` : "", errors?.length ? `${id}-erreur` : "", extra ?? ""].filter(Boolean).join(" ") || undefined;
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

/** Label, hint and error above the control (`children`). */
function Field({ id, label, required, requiredMark = true, hint, errors, children }: BaseProps & { children: ReactNode }) {
  return (
    <div className={errors?.length ? "field field--error" : "field"}>
      <label className="field__label" htmlFor={id}>
        {label}
        <RequiredMark required={required && requiredMark} />
      </label>
      <HintAndError id={id} hint={hint} errors={errors} />
      <div className="field__control">{children}</div>
    </div>
  );
}

export interface InputFieldProps
  extends BaseProps,
    Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "value" | "onChange" | "children" | "required"> {
  value: string;
  onChange: (value: string) => void;
  /** Extra ids for aria-describedby (e.g. a checklist). */
  describedBy?: string;
  /** Rendered after the input (e.g. a show/hide button). */
  after?: ReactNode;
}

export function InputField({ id, label, required, requiredMark, hint, errors, value, onChange, describedBy: extra, after, type = "text", ...rest }: InputFieldProps) {
  return (
    <Field id={id} label={label} required={required} requiredMark={requiredMark} hint={hint} errors={errors}>
      <input
        {...rest}
        id={id}
        name={rest.name ?? id}
        type={type}
        value={value}
        required={required}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors, extra)}
      />
      {after}
    </Field>
  );
}

export interface Option {
  value: string;
  label: string;
  disabled?: boolean;
}

interface SelectFieldProps
  extends BaseProps,
    Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "value" | "onChange" | "children" | "required" | "placeholder"> {
  value: string;
  onChange: (value: string) => void;
  options: readonly Option[];
  /** Label of an empty choice ("" value) listed first; none by default. */
  placeholder?: string;
}

/** Label of the empty choice of a select the user must answer. */
export const CHOOSE = "— Choisir —";

export function SelectField({ id, label, required, requiredMark, hint, errors, value, onChange, options, placeholder, ...rest }: SelectFieldProps) {
  return (
    <Field id={id} label={label} required={required} requiredMark={requiredMark} hint={hint} errors={errors}>
      <select
        {...rest}
        id={id}
        name={rest.name ?? id}
        value={value}
        required={required}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value} disabled={option.disabled}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

interface TextAreaFieldProps
  extends BaseProps,
    Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "value" | "onChange" | "children" | "required"> {
  value: string;
  onChange: (value: string) => void;
  ref?: Ref<HTMLTextAreaElement>;
}

export function TextAreaField({ id, label, required, requiredMark, hint, errors, value, onChange, rows = 3, ref, ...rest }: TextAreaFieldProps) {
  return (
    <Field id={id} label={label} required={required} requiredMark={requiredMark} hint={hint} errors={errors}>
      <textarea
        {...rest}
        ref={ref}
        id={id}
        name={rest.name ?? id}
        rows={rows}
        value={value}
        required={required}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
      />
    </Field>
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
export function RadioGroupField({ id, label, required, requiredMark = true, hint, errors, value, onChange, options, inline, children }: RadioGroupFieldProps) {
  return (
    <fieldset
      className={errors?.length ? "fieldset field--error" : "fieldset"}
      aria-describedby={describedBy(id, hint, errors)}
      aria-invalid={errors?.length ? true : undefined}
    >
      <legend className="fieldset__legend">
        {label}
        <RequiredMark required={required && requiredMark} />
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
                disabled={option.disabled}
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
  disabled?: boolean;
}

/** A checkbox, its label at its right, then its hint and error under the label. */
export function CheckboxField({ id, label, checked, onChange, hint, errors, disabled }: CheckboxFieldProps) {
  return (
    <div className={errors?.length ? "field field--error checkbox" : "field checkbox"}>
      <input
        type="checkbox"
        id={id}
        name={id}
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.target.checked)}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
      />
      <label htmlFor={id}>{label}</label>
      <HintAndError id={id} hint={hint} errors={errors} />
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
