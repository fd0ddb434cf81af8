import { useState, type FormEvent, type HTMLAttributes } from "react";
import { useMutation } from "@tanstack/react-query";
import { policyOf, type DossierOptions, type FieldPolicy, type UpdateOutcome } from "../../../api/family";
import { mapApiError, messagesFor, requiredError, type FieldErrorItem } from "../../../components/apiErrors";
import { ErrorSummary } from "../../../components/ErrorSummary";
import {
  CheckboxField,
  InputField,
  RadioGroupField,
  ReadOnlyField,
  SelectField,
  TextAreaField,
  type Option,
  CHOOSE,
} from "../../../components/FormFields";
import { SubmitButton } from "../../../components/SubmitButton";
import { formatDate } from "../../../format/dates";
import { ChangeOutcomeNotice } from "./ChangeOutcomeNotice";

export const VALIDATED_HINT = "Modification soumise à validation par la structure";

export type FieldKind = "text" | "email" | "tel" | "date" | "number" | "select" | "radio" | "checkbox" | "textarea";
export type FormValues = Record<string, string | boolean>;

/** One field of the file: its attribute, its policy key and how to edit it. */
export interface DossierFieldDef {
  name: string;
  /** Key of the structure's policy ("family.city"). */
  policy: string;
  /** Defaults to the policy's label. */
  label?: string;
  kind?: FieldKind;
  options?: readonly Option[];
  /** The value is an id (select of school levels…): sent as a number. */
  numeric?: boolean;
  /** An empty value is sent as null (dates, ids). */
  nullable?: boolean;
  autoComplete?: string;
  inputMode?: HTMLAttributes<HTMLInputElement>["inputMode"];
  hint?: string;
  /** Shown only when this returns true (e.g. the PAI details). */
  showIf?: (values: FormValues) => boolean;
}

export interface FieldState {
  policy: FieldPolicy;
  visible: boolean;
  writable: boolean;
  required: boolean;
  validated: boolean;
  label: string;
}

/**
 * How a field shows: hidden → not at all; read_only → as text (but editable
 * when `creating`); validated → editable with a hint.
 */
export function fieldState(def: DossierFieldDef, options: DossierOptions | undefined, creating = false): FieldState {
  const policy = policyOf(options, def.policy);
  const visible = policy.mode !== "hidden";
  const writable = creating ? visible : policy.mode === "editable" || policy.mode === "validated";
  return {
    policy,
    visible,
    writable,
    required: visible && policy.required,
    validated: !creating && policy.mode === "validated",
    label: def.label ?? (policy.label !== def.policy ? policy.label : def.name),
  };
}

export function toFormValue(def: DossierFieldDef, value: unknown): string | boolean {
  if (def.kind === "checkbox") return Boolean(value);
  if (value === null || value === undefined) return "";
  return String(value);
}

export function fromFormValue(def: DossierFieldDef, value: string | boolean): unknown {
  if (def.kind === "checkbox") return Boolean(value);
  const text = typeof value === "string" ? value.trim() : String(value);
  if (text === "") return def.nullable || def.numeric ? null : "";
  if (def.numeric || def.kind === "number") return Number(text);
  return text;
}

export function toFormValues(defs: readonly DossierFieldDef[], source: Record<string, unknown> | undefined): FormValues {
  return Object.fromEntries(defs.map((def) => [def.name, toFormValue(def, source?.[def.name])]));
}

export function displayValue(def: DossierFieldDef, value: string | boolean): string {
  if (def.kind === "checkbox") return value ? "Oui" : "Non";
  if (typeof value !== "string" || value === "") return "";
  if (def.kind === "date") return formatDate(value);
  if (def.options) return def.options.find((o) => o.value === value)?.label ?? value;
  return value;
}

export function isEmpty(value: string | boolean): boolean {
  return typeof value === "string" && value.trim() === "";
}

export function fieldId(prefix: string, name: string): string {
  return `${prefix}-${name}`.replace(/_/g, "-");
}

/** Client-side check of the visible, writable, required fields. */
export function checkRequired(
  defs: readonly DossierFieldDef[],
  values: FormValues,
  options: DossierOptions | undefined,
  prefix: string,
  creating = false,
): FieldErrorItem[] {
  const errors: FieldErrorItem[] = [];
  for (const def of defs) {
    const state = fieldState(def, options, creating);
    if (!state.writable || !state.required) continue;
    if (def.showIf && !def.showIf(values)) continue;
    if (isEmpty(values[def.name] ?? "")) errors.push(requiredError(fieldId(prefix, def.name), state.label));
  }
  return errors;
}

interface DossierFieldsProps {
  defs: readonly DossierFieldDef[];
  values: FormValues;
  onChange: (name: string, value: string | boolean) => void;
  options: DossierOptions | undefined;
  prefix: string;
  errors: readonly FieldErrorItem[];
  creating?: boolean;
}

/** Renders the fields according to the structure's policies. */
export function DossierFields({ defs, values, onChange, options, prefix, errors, creating = false }: DossierFieldsProps) {
  return (
    <>
      {defs.map((def) => {
        const state = fieldState(def, options, creating);
        if (!state.visible) return null;
        if (def.showIf && !def.showIf(values)) return null;
        const value = values[def.name] ?? toFormValue(def, undefined);
        if (!state.writable) return <ReadOnlyField key={def.name} label={state.label} value={displayValue(def, value)} />;
        const id = fieldId(prefix, def.name);
        const hint = [def.hint, state.validated ? VALIDATED_HINT : ""].filter(Boolean).join(". ") || undefined;
        const common = {
          id,
          label: state.label,
          required: state.required,
          hint,
          errors: messagesFor(errors, id),
        };
        const text = typeof value === "string" ? value : "";
        switch (def.kind) {
          case "checkbox":
            return (
              <CheckboxField
                key={def.name}
                id={id}
                label={state.label}
                hint={hint}
                errors={common.errors}
                checked={Boolean(value)}
                onChange={(checked) => onChange(def.name, checked)}
              />
            );
          case "select":
            return (
              <SelectField
                placeholder={CHOOSE}
                key={def.name}
                {...common}
                value={text}
                options={def.options ?? []}
                autoComplete={def.autoComplete}
                onChange={(v) => onChange(def.name, v)}
              />
            );
          case "radio":
            return (
              <RadioGroupField key={def.name} {...common} inline value={text} options={def.options ?? []} onChange={(v) => onChange(def.name, v)} />
            );
          case "textarea":
            return <TextAreaField key={def.name} {...common} value={text} onChange={(v) => onChange(def.name, v)} />;
          default:
            return (
              <InputField
                key={def.name}
                {...common}
                type={def.kind ?? "text"}
                inputMode={def.inputMode}
                autoComplete={def.autoComplete}
                value={text}
                onChange={(v) => onChange(def.name, v)}
              />
            );
        }
      })}
    </>
  );
}

export interface SaveResult extends UpdateOutcome {
  /** The object as the server now has it. */
  source: Record<string, unknown>;
}

interface DossierFormProps {
  idPrefix: string;
  defs: readonly DossierFieldDef[];
  source: Record<string, unknown>;
  options: DossierOptions | undefined;
  onSave: (changes: Record<string, unknown>) => Promise<SaveResult>;
  submitLabel?: string;
}

/**
 * A section of the file (address, bank details, a guardian…): sends only the
 * changed writable fields and says what was saved and what awaits validation.
 */
export function DossierForm({ idPrefix, defs, source, options, onSave, submitLabel = "Enregistrer" }: DossierFormProps) {
  const [baseline, setBaseline] = useState(() => toFormValues(defs, source));
  const [values, setValues] = useState(baseline);
  const [errors, setErrors] = useState<FieldErrorItem[]>([]);
  const [outcome, setOutcome] = useState<UpdateOutcome | "unchanged" | null>(null);

  const labels = Object.fromEntries(defs.map((def) => [def.name, fieldState(def, options).label]));
  const mutation = useMutation({
    mutationFn: onSave,
    onSuccess: (result) => {
      const next = toFormValues(defs, result.source);
      setBaseline(next);
      setValues(next);
      setErrors([]);
      setOutcome({ applied: result.applied, requests: result.requests });
    },
    onError: (error) => {
      setOutcome(null);
      setErrors(
        mapApiError(error, {
          idFor: (path) => (labels[path] ? fieldId(idPrefix, path) : undefined),
          labelFor: (path) => labels[path],
        }),
      );
    },
  });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const found = checkRequired(defs, values, options, idPrefix);
    setErrors(found);
    if (found.length) {
      setOutcome(null);
      return;
    }
    const changes: Record<string, unknown> = {};
    for (const def of defs) {
      if (!fieldState(def, options).writable) continue;
      if (values[def.name] !== baseline[def.name]) changes[def.name] = fromFormValue(def, values[def.name]);
    }
    if (!Object.keys(changes).length) {
      setOutcome("unchanged");
      return;
    }
    setOutcome(null);
    mutation.mutate(changes);
  }

  const anyWritable = defs.some((def) => fieldState(def, options).writable);
  const anyRequired = defs.some((def) => {
    const s = fieldState(def, options);
    return s.writable && s.required;
  });

  return (
    <form className="form form--wide" noValidate onSubmit={handleSubmit}>
      <ErrorSummary items={errors} />
      {anyRequired && <p className="form-note">Les champs marqués d'un * sont obligatoires.</p>}
      <DossierFields
        defs={defs}
        values={values}
        onChange={(name, value) => setValues((v) => ({ ...v, [name]: value }))}
        options={options}
        prefix={idPrefix}
        errors={errors}
      />
      {anyWritable && (
        <div className="form-actions">
          <SubmitButton busy={mutation.isPending} label={submitLabel} busyLabel="Enregistrement en cours…" />
        </div>
      )}
      <ChangeOutcomeNotice outcome={outcome} />
    </form>
  );
}
