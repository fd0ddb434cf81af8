/**
 * Direct corrections of the family file by the structure (no change request
 * to validate; recorded in the history): guardians, children's identity and
 * health, internal notes.
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ErrorSummary } from "../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../components/formErrors";
import { InputField, CheckboxField, SelectField, TextAreaField, type Option } from "../../components/FormFields";
import { staffErrors } from "../../components/serverErrors";
import { SubmitButton } from "../../components/SubmitButton";
import { formatNumber } from "../../format/numbers";
import {
  fetchDossierOptions,
  saveFamilyNotes,
  staffKeys,
  updateChild,
  updateGuardian,
  type Child,
  type ChildPatch,
  type Guardian,
  type GuardianPatch,
  type StaffFamilyFile,
} from "./api";
import { StatusMessage } from "./StaffUi";

// Generic inline form ----------------------------------------------------------------------------

type EditValue = string | boolean;
type EditValues = Record<string, EditValue>;

interface EditFieldSpec {
  /** The API field name. */
  name: string;
  label: string;
  kind: "text" | "tel" | "email" | "date" | "textarea" | "select" | "checkbox";
  /** Choices of a select (the empty choice included). */
  options?: readonly Option[];
  /** A select of ids: "" is sent as null, the others as numbers. */
  numeric?: boolean;
  /** Message shown when the field is left empty (the field is then required). */
  requiredMessage?: string;
  hint?: ReactNode;
  autoComplete?: string;
  /** Shown only when this returns true (e.g. the address of a guardian living elsewhere). */
  visible?: (values: EditValues) => boolean;
}

interface EditGroup {
  legend?: string;
  fields: EditFieldSpec[];
}

const NO_ERRORS: readonly FormErrorItem[] = [];

const inputId = (prefix: string, name: string) => `${prefix}-${name.replace(/_/g, "-")}`;

/** Form values of an API object: text for inputs and selects, booleans for checkboxes. */
function valuesOf(groups: EditGroup[], source: object): EditValues {
  const record = source as Record<string, unknown>;
  const values: EditValues = {};
  for (const field of groups.flatMap((g) => g.fields)) {
    const value = record[field.name];
    values[field.name] = field.kind === "checkbox" ? Boolean(value) : value === null || value === undefined ? "" : String(value);
  }
  return values;
}

/** Only the fields that changed, converted for the API (dates and ids: "" → null). */
function changedFields(groups: EditGroup[], initial: EditValues, values: EditValues): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const field of groups.flatMap((g) => g.fields)) {
    const before = initial[field.name];
    const after = values[field.name];
    if (typeof after === "boolean") {
      if (after !== before) patch[field.name] = after;
      continue;
    }
    const text = after.trim();
    if (text === before) continue;
    if (field.numeric) patch[field.name] = text === "" ? null : Number(text);
    else if (field.kind === "date") patch[field.name] = text === "" ? null : text;
    else patch[field.name] = text;
  }
  return patch;
}

interface DirectEditFormProps<T> {
  /** Prefix of the input ids, e.g. "responsable-3". */
  id: string;
  title: string;
  groups: EditGroup[];
  /** The object being edited (its values when the form opens are the reference). */
  source: object;
  submitLabel: string;
  save: (patch: Record<string, unknown>) => Promise<T>;
  onSaved: (result: T) => void;
  onUnchanged: () => void;
  onCancel: () => void;
}

/**
 * Inline edit form: the first field gets the focus when it opens; required
 * fields are checked before calling the server; only the changed fields are
 * sent; the server's errors go next to their field.
 */
function DirectEditForm<T>({ id, title, groups, source, submitLabel, save, onSaved, onUnchanged, onCancel }: DirectEditFormProps<T>) {
  const [initial] = useState(() => valuesOf(groups, source));
  const [values, setValues] = useState<EditValues>(initial);
  const [errors, setErrors] = useState<readonly FormErrorItem[]>(NO_ERRORS);
  const formRef = useRef<HTMLFormElement>(null);
  const fields = groups.flatMap((g) => g.fields);
  const isVisible = (field: EditFieldSpec) => !field.visible || field.visible(values);

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>("input, select, textarea")?.focus();
  }, []);

  const mutation = useMutation({
    mutationFn: save,
    onSuccess: (result) => {
      setErrors(NO_ERRORS);
      onSaved(result);
    },
    onError: (error) => {
      // Checkboxes and hidden fields have no place for a message: it is prefixed with their label.
      const params: Record<string, string> = {};
      const labels: Record<string, string> = {};
      for (const field of fields) {
        labels[field.name] = field.label;
        if (field.kind !== "checkbox" && isVisible(field)) params[field.name] = inputId(id, field.name);
      }
      setErrors(staffErrors(error, params, labels));
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const missing = fields
      .filter((f) => f.requiredMessage && isVisible(f) && typeof values[f.name] === "string" && !(values[f.name] as string).trim())
      .map((f) => ({ fieldId: inputId(id, f.name), message: f.requiredMessage! }));
    if (missing.length) {
      setErrors(missing);
      return;
    }
    const patch = changedFields(groups, initial, values);
    if (!Object.keys(patch).length) {
      setErrors(NO_ERRORS);
      onUnchanged();
      return;
    }
    mutation.mutate(patch);
  }

  const set = (name: string) => (value: EditValue) => setValues((v) => ({ ...v, [name]: value }));

  function renderField(field: EditFieldSpec) {
    const fieldId = inputId(id, field.name);
    const label = field.requiredMessage ? `${field.label} *` : field.label;
    const value = values[field.name];
    const common = { id: fieldId, hint: field.hint, errors: fieldErrors(errors, fieldId) };
    switch (field.kind) {
      case "checkbox":
        return <CheckboxField key={field.name} id={fieldId} label={field.label} hint={field.hint} checked={value === true} onChange={set(field.name)} />;
      case "textarea":
        return <TextAreaField key={field.name} {...common} label={label} rows={3} value={String(value)} onChange={set(field.name)} />;
      case "select":
        return (
          <SelectField key={field.name} {...common} label={label} options={field.options ?? []} value={String(value)} onChange={set(field.name)} required={Boolean(field.requiredMessage)} requiredMark={false} />
        );
      default:
        return (
          <InputField
            key={field.name}
            {...common}
            label={label}
            type={field.kind}
            value={String(value)}
            onChange={set(field.name)}
            autoComplete={field.autoComplete ?? "off"}
            required={Boolean(field.requiredMessage)} requiredMark={false}
          />
        );
    }
  }

  const titleId = `${id}-titre`;
  return (
    <form ref={formRef} className="form inline-edit" noValidate aria-labelledby={titleId} onSubmit={submit}>
      <h4 id={titleId}>{title}</h4>
      <p className="field__hint">
        Les champs marqués d'un astérisque (*) sont obligatoires. Vos modifications sont appliquées directement, sans validation, et notées
        dans l'historique du dossier.
      </p>
      <ErrorSummary items={errors} />
      {groups.map((group, index) => {
        const visible = group.fields.filter(isVisible);
        const grid = <div className="form-grid form-grid--2">{visible.filter((f) => f.kind !== "checkbox" && f.kind !== "textarea").map(renderField)}</div>;
        const wide = visible.filter((f) => f.kind === "checkbox" || f.kind === "textarea").map(renderField);
        return group.legend ? (
          <fieldset key={group.legend} className="fieldset">
            <legend>{group.legend}</legend>
            {grid}
            {wide}
          </fieldset>
        ) : (
          <div key={index} className="stack">
            {grid}
            {wide}
          </div>
        );
      })}
      <div className="button-row">
        <SubmitButton busy={mutation.isPending} label={submitLabel} busyLabel="Enregistrement…" />
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Annuler
        </button>
      </div>
    </form>
  );
}

interface InlineEditorProps {
  /** Visible text of the opening button. */
  label: string;
  /** Completes the button's accessible name (e.g. the person's name), read after the visible text. */
  context: string;
  children: (done: (status: string) => void, cancel: () => void) => ReactNode;
}

/** A "Modifier…" button opening an inline form; the focus comes back to it, with a status message, when it closes. */
function InlineEditor({ label, context, children }: InlineEditorProps) {
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState("");
  const button = useRef<HTMLButtonElement>(null);
  const close = (message: string) => {
    setStatus(message);
    setOpen(false);
    requestAnimationFrame(() => button.current?.focus());
  };
  return (
    <div className="stack">
      <StatusMessage message={status} tone={status.startsWith("Aucune") ? "info" : "success"} />
      {open ? (
        children(close, () => close(""))
      ) : (
        <div className="button-row">
          <button
            ref={button}
            type="button"
            className="button button--secondary"
            onClick={() => {
              setStatus("");
              setOpen(true);
            }}
          >
            {label}{" "}
            <span className="visually-hidden">{context}</span>
          </button>
        </div>
      )}
    </div>
  );
}

const NOTHING_CHANGED = "Aucune modification à enregistrer.";

/** Until the options load, keep the current value selectable. */
function withCurrent(options: readonly Option[] | undefined, value: string | number | null | undefined, label: string): Option[] {
  if (options) return [...options];
  return value === null || value === undefined || value === "" ? [] : [{ value: String(value), label: label || String(value) }];
}

function useDossierOptions() {
  return useQuery({ queryKey: staffKeys.options, queryFn: ({ signal }) => fetchDossierOptions(signal), staleTime: 5 * 60 * 1000 });
}

/** Puts the saved object in the cached file, then refreshes the file (missing items, history). */
function useFileUpdater(familyId: number) {
  const queryClient = useQueryClient();
  return (update: (file: StaffFamilyFile) => StaffFamilyFile) => {
    queryClient.setQueryData<StaffFamilyFile>(staffKeys.family(familyId), (old) => (old ? update(old) : old));
    void queryClient.invalidateQueries({ queryKey: staffKeys.family(familyId) });
  };
}

// Guardians --------------------------------------------------------------------------------------

function guardianGroups(guardian: Guardian, civilities: readonly Option[] | undefined): EditGroup[] {
  const elsewhere = (values: EditValues) => values.lives_elsewhere === true;
  return [
    {
      legend: "Identité",
      fields: [
        {
          name: "civility",
          label: "Civilité",
          kind: "select",
          options: [{ value: "", label: "Non précisée" }, ...withCurrent(civilities, guardian.civility, guardian.civility ?? "")],
        },
        { name: "first_name", label: "Prénom", kind: "text", requiredMessage: "Saisissez le prénom du responsable." },
        { name: "last_name", label: "Nom", kind: "text", requiredMessage: "Saisissez le nom du responsable." },
        { name: "birth_date", label: "Date de naissance", kind: "date" },
      ],
    },
    {
      legend: "Coordonnées",
      fields: [
        { name: "phone_mobile", label: "Téléphone portable", kind: "tel" },
        { name: "phone_home", label: "Téléphone domicile", kind: "tel" },
        { name: "phone_work", label: "Téléphone professionnel", kind: "tel" },
        {
          name: "email",
          label: "E-mail",
          kind: "email",
          hint: guardian.has_login
            ? "C'est aussi son identifiant de connexion : le modifier change l'adresse avec laquelle ce responsable se connecte au portail."
            : undefined,
        },
        { name: "email_consent", label: "Accepte les e-mails", kind: "checkbox" },
        { name: "sms_consent", label: "Accepte les SMS", kind: "checkbox" },
      ],
    },
    {
      legend: "Situation professionnelle",
      fields: [
        { name: "profession", label: "Profession", kind: "text" },
        { name: "employer", label: "Employeur", kind: "text" },
      ],
    },
    {
      legend: "Adresse",
      fields: [
        {
          name: "lives_elsewhere",
          label: "Adresse différente de celle du foyer (parents séparés)",
          kind: "checkbox",
        },
        { name: "address_line1", label: "Adresse", kind: "text", visible: elsewhere },
        { name: "address_line2", label: "Complément d'adresse", kind: "text", visible: elsewhere },
        { name: "postal_code", label: "Code postal", kind: "text", visible: elsewhere },
        { name: "city", label: "Ville", kind: "text", visible: elsewhere },
      ],
    },
  ];
}

/** "Modifier" button and inline form of one guardian. */
export function GuardianEditor({ familyId, guardian }: { familyId: number; guardian: Guardian }) {
  const options = useDossierOptions();
  const updateFile = useFileUpdater(familyId);
  const name = `${guardian.first_name} ${guardian.last_name}`;
  return (
    <InlineEditor label="Modifier" context={name}>
      {(done, cancel) => (
        <DirectEditForm<Guardian>
          id={`responsable-${guardian.id}`}
          title={`Modifier ${name}`}
          groups={guardianGroups(guardian, options.data?.civilities)}
          source={guardian}
          submitLabel="Enregistrer le responsable"
          save={(patch) => updateGuardian(familyId, guardian.id, patch as GuardianPatch)}
          onSaved={(saved) => {
            updateFile((file) => ({ ...file, guardians: file.guardians.map((g) => (g.id === saved.id ? saved : g)) }));
            done("Responsable enregistré.");
          }}
          onUnchanged={() => done(NOTHING_CHANGED)}
          onCancel={cancel}
        />
      )}
    </InlineEditor>
  );
}

// Children ---------------------------------------------------------------------------------------

function identityGroups(child: Child, sexes: readonly Option[] | undefined, levels: readonly Option[] | undefined): EditGroup[] {
  return [
    {
      fields: [
        { name: "first_name", label: "Prénom", kind: "text", requiredMessage: "Saisissez le prénom de l'enfant." },
        { name: "last_name", label: "Nom", kind: "text", requiredMessage: "Saisissez le nom de l'enfant." },
        { name: "birth_date", label: "Date de naissance", kind: "date", requiredMessage: "Saisissez la date de naissance de l'enfant." },
        {
          name: "sex",
          label: "Sexe",
          kind: "select",
          options: [{ value: "", label: "Non précisé" }, ...withCurrent(sexes, child.sex, child.sex === "F" ? "Fille" : child.sex === "M" ? "Garçon" : "")],
        },
        { name: "school_name", label: "École", kind: "text" },
        {
          name: "school_level",
          label: "Classe",
          kind: "select",
          numeric: true,
          options: [{ value: "", label: "Non précisée" }, ...withCurrent(levels, child.school_level, child.school_level_label)],
        },
      ],
    },
  ];
}

function healthGroups(child: Child, meals: readonly Option[] | undefined): EditGroup[] {
  return [
    {
      fields: [
        { name: "doctor_name", label: "Médecin traitant", kind: "text" },
        { name: "doctor_phone", label: "Téléphone du médecin", kind: "tel" },
        {
          name: "meal_type",
          label: "Type de repas",
          kind: "select",
          numeric: true,
          options: [{ value: "", label: "Non précisé" }, ...withCurrent(meals, child.meal_type, child.meal_type_label)],
        },
        { name: "allergies", label: "Allergies", kind: "textarea" },
        { name: "has_pai", label: "PAI (projet d'accueil individualisé)", kind: "checkbox" },
        { name: "pai_details", label: "Précisions sur le PAI", kind: "textarea", visible: (values) => values.has_pai === true },
        { name: "wears_glasses", label: "Porte des lunettes", kind: "checkbox" },
        { name: "health_notes", label: "Recommandations (santé, comportement…)", kind: "textarea" },
      ],
    },
  ];
}

const labelled = (items: ReadonlyArray<{ id: number; label: string }> | undefined): Option[] | undefined =>
  items?.map((item) => ({ value: String(item.id), label: item.label }));

/** Saving a child: PATCH, then the saved child in the cached file. */
function useChildSave(familyId: number, child: Child) {
  const updateFile = useFileUpdater(familyId);
  return {
    save: (patch: Record<string, unknown>) => updateChild(familyId, child.id, patch as ChildPatch),
    saved: (result: Child) => updateFile((file) => ({ ...file, children: file.children.map((c) => (c.id === result.id ? result : c)) })),
  };
}

/** "Modifier l'identité et la scolarité" of one child. */
export function ChildIdentityEditor({ familyId, child }: { familyId: number; child: Child }) {
  const options = useDossierOptions();
  const { save, saved } = useChildSave(familyId, child);
  return (
    <InlineEditor label="Modifier l'identité et la scolarité" context={`de ${child.first_name}`}>
      {(done, cancel) => (
        <DirectEditForm<Child>
          id={`enfant-${child.id}-identite`}
          title={`Identité et scolarité de ${child.first_name}`}
          groups={identityGroups(child, options.data?.sexes, labelled(options.data?.school_levels))}
          source={child}
          submitLabel="Enregistrer l'identité et la scolarité"
          save={save}
          onSaved={(result) => {
            saved(result);
            done(`Identité et scolarité de ${result.first_name} enregistrées.`);
          }}
          onUnchanged={() => done(NOTHING_CHANGED)}
          onCancel={cancel}
        />
      )}
    </InlineEditor>
  );
}

/** "Modifier la santé" of one child. */
export function ChildHealthEditor({ familyId, child }: { familyId: number; child: Child }) {
  const options = useDossierOptions();
  const { save, saved } = useChildSave(familyId, child);
  return (
    <InlineEditor label="Modifier la santé" context={`de ${child.first_name}`}>
      {(done, cancel) => (
        <DirectEditForm<Child>
          id={`enfant-${child.id}-sante`}
          title={`Santé de ${child.first_name}`}
          groups={healthGroups(child, labelled(options.data?.meal_types))}
          source={child}
          submitLabel="Enregistrer la santé"
          save={save}
          onSaved={(result) => {
            saved(result);
            done(`Santé de ${result.first_name} enregistrée.`);
          }}
          onUnchanged={() => done(NOTHING_CHANGED)}
          onCancel={cancel}
        />
      )}
    </InlineEditor>
  );
}

// Internal notes ---------------------------------------------------------------------------------

const NOTES_ID = "notes-internes";
const NOTES_MAX = 5000;

/** The structure's internal notes: saved on their own, never shown to the family. */
export function InternalNotes({ familyId, notes }: { familyId: number; notes: string }) {
  const updateFile = useFileUpdater(familyId);
  const [saved, setSaved] = useState(notes);
  const [value, setValue] = useState(notes);
  const [errors, setErrors] = useState<readonly FormErrorItem[]>(NO_ERRORS);
  const [status, setStatus] = useState("");
  const mutation = useMutation({
    mutationFn: (text: string) => saveFamilyNotes(familyId, text),
    onSuccess: (result) => {
      setErrors(NO_ERRORS);
      setSaved(result.notes);
      setValue(result.notes);
      setStatus("Notes internes enregistrées.");
      updateFile((file) => ({ ...file, notes: result.notes }));
    },
    onError: (error) => {
      setStatus("");
      setErrors(staffErrors(error, { notes: NOTES_ID }));
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const text = value.trim();
    if (text.length > NOTES_MAX) {
      setStatus("");
      setErrors([{ fieldId: NOTES_ID, message: `Les notes internes dépassent ${formatNumber(NOTES_MAX)} caractères (${formatNumber(text.length)}).` }]);
      return;
    }
    if (text === saved) {
      setErrors(NO_ERRORS);
      setStatus(NOTHING_CHANGED);
      return;
    }
    setStatus("");
    mutation.mutate(text);
  }

  return (
    <section aria-labelledby="notes-titre" className="section stack">
      <h3 id="notes-titre">Notes internes</h3>
      <p className="notice notice--info">Réservées à l'équipe de la structure : ces notes ne sont jamais montrées à la famille.</p>
      <StatusMessage message={status} tone={status === NOTHING_CHANGED ? "info" : "success"} />
      <ErrorSummary items={errors} />
      <form className="form" noValidate onSubmit={submit}>
        <TextAreaField
          id={NOTES_ID}
          label="Notes internes (jamais montrées à la famille)"
          hint={`Par exemple : situation particulière, consignes de l'équipe. ${formatNumber(NOTES_MAX)} caractères au plus.`}
          rows={5}
          value={value}
          onChange={setValue}
          errors={fieldErrors(errors, NOTES_ID)}
        />
        <div className="button-row">
          <SubmitButton busy={mutation.isPending} label="Enregistrer les notes" busyLabel="Enregistrement…" />
        </div>
      </form>
    </section>
  );
}
