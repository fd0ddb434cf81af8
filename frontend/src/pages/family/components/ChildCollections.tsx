import { useState, type FormEvent } from "react";
import { type AuthorisationQuestion, type AuthorisedPersonInput, type VaccinationInput } from "../../../api/family";
import { mapApiError, messagesFor, requiredError, type FieldErrorItem } from "../../../components/apiErrors";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { CheckboxField, InputField, RadioGroupField, YES_NO } from "../../../components/FormFields";
import { formatDate } from "../../../format/dates";
import { PERSON_RELATION_HINT } from "../fieldDefs";

/**
 * The lists of a child's file — vaccinations, authorised persons — and the
 * authorisation questions. Used by the child page (each change sent at once)
 * and by the child wizard (kept until the end).
 */

type Keyed<T> = T & { id: number | string };

interface VaccinationsEditorProps {
  idPrefix: string;
  items: readonly Keyed<VaccinationInput>[];
  readOnly?: boolean;
  onAdd: (input: VaccinationInput) => Promise<void> | void;
  onRemove: (id: number | string) => Promise<void> | void;
}

export function VaccinationsEditor({ idPrefix, items, readOnly, onAdd, onRemove }: VaccinationsEditorProps) {
  const [vaccine, setVaccine] = useState("");
  const [date, setDate] = useState("");
  const [errors, setErrors] = useState<FieldErrorItem[]>([]);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState("");
  const ids = { vaccine: `${idPrefix}-vaccin`, date: `${idPrefix}-vaccin-date` };

  async function add(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found: FieldErrorItem[] = [];
    if (!vaccine.trim()) found.push(requiredError(ids.vaccine, "Vaccin"));
    if (!date) found.push(requiredError(ids.date, "Date"));
    setErrors(found);
    if (found.length) return;
    setBusy(true);
    try {
      await onAdd({ vaccine: vaccine.trim(), date });
      setStatus(`Vaccin « ${vaccine.trim()} » ajouté.`);
      setVaccine("");
      setDate("");
    } catch (error) {
      setErrors(mapApiError(error, { idFor: (p) => ids[p as keyof typeof ids], labelFor: (p) => (p === "vaccine" ? "Vaccin" : p === "date" ? "Date" : undefined) }));
    } finally {
      setBusy(false);
    }
  }

  async function remove(id: number | string, label: string) {
    try {
      await onRemove(id);
      setStatus(`Vaccin « ${label} » supprimé.`);
    } catch (error) {
      setErrors(mapApiError(error, { idFor: () => undefined }));
    }
  }

  return (
    <div className="collection">
      <h3 id={`${idPrefix}-vaccins-titre`}>Vaccinations</h3>
      {items.length ? (
        <div className="table-wrapper">
          <table className="data-table" aria-labelledby={`${idPrefix}-vaccins-titre`}>
            <thead>
              <tr>
                <th scope="col">Vaccin</th>
                <th scope="col">Date</th>
                {!readOnly && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <td>{item.vaccine}</td>
                  <td>{formatDate(item.date)}</td>
                  {!readOnly && (
                    <td>
                      <button type="button" className="button button--link" onClick={() => void remove(item.id, item.vaccine)}>
                        Supprimer <span className="visually-hidden">le vaccin {item.vaccine} du {formatDate(item.date)}</span>
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Aucune vaccination renseignée.</p>
      )}
      <div role="status" className="visually-hidden">
        {status}
      </div>
      {!readOnly && (
        <div className="subform" role="group" aria-labelledby={`${idPrefix}-vaccin-ajout`}>
          <h4 id={`${idPrefix}-vaccin-ajout`}>Ajouter une vaccination</h4>
          <ErrorSummary items={errors} />
          <InputField id={ids.vaccine} label="Vaccin" required value={vaccine} onChange={setVaccine} hint="Exemple : DTP, ROR…" errors={messagesFor(errors, ids.vaccine)} />
          <InputField id={ids.date} label="Date" type="date" required value={date} onChange={setDate} errors={messagesFor(errors, ids.date)} />
          <button type="button" className="button button--secondary" onClick={(e) => void add(e)} aria-disabled={busy || undefined}>
            {busy ? "Ajout en cours…" : "Ajouter la vaccination"}
          </button>
        </div>
      )}
    </div>
  );
}

const EMPTY_PERSON: AuthorisedPersonInput = { name: "", relation: "", phone: "", can_pick_up: true, is_emergency_contact: false };

interface PersonsEditorProps {
  idPrefix: string;
  items: readonly Keyed<AuthorisedPersonInput>[];
  readOnly?: boolean;
  onAdd: (input: AuthorisedPersonInput) => Promise<void> | void;
  onUpdate: (id: number | string, input: AuthorisedPersonInput) => Promise<void> | void;
  onRemove: (id: number | string) => Promise<void> | void;
}

/** Persons allowed to pick the child up, and to call in an emergency. */
export function PersonsEditor({ idPrefix, items, readOnly, onAdd, onUpdate, onRemove }: PersonsEditorProps) {
  const [editing, setEditing] = useState<number | string | "new" | null>(null);
  const [status, setStatus] = useState("");
  const [errors, setErrors] = useState<FieldErrorItem[]>([]);

  async function remove(id: number | string, name: string) {
    try {
      await onRemove(id);
      setStatus(`${name} a été retiré(e) de la liste.`);
    } catch (error) {
      setErrors(mapApiError(error, { idFor: () => undefined }));
    }
  }

  return (
    <div className="collection">
      <ErrorSummary items={errors} />
      {items.length ? (
        <ul className="plain-list">
          {items.map((person) => (
            <li key={person.id} className="subcard">
              <p className="person__name">
                <strong>{person.name}</strong> ({person.relation}) · {person.phone}
              </p>
              <ul className="person__roles">
                <li>{person.can_pick_up ? "Autorisé(e) à venir chercher l'enfant" : "Non autorisé(e) à venir chercher l'enfant"}</li>
                <li>{person.is_emergency_contact ? "À prévenir en cas d'urgence" : "Pas à prévenir en cas d'urgence"}</li>
              </ul>
              {!readOnly && editing !== person.id && (
                <div className="inline-actions">
                  <button type="button" className="button button--secondary" onClick={() => setEditing(person.id)}>
                    Modifier <span className="visually-hidden">{person.name}</span>
                  </button>
                  <button type="button" className="button button--secondary" onClick={() => void remove(person.id, person.name)}>
                    Retirer <span className="visually-hidden">{person.name}</span>
                  </button>
                </div>
              )}
              {!readOnly && editing === person.id && (
                <PersonForm
                  idPrefix={`${idPrefix}-personne-${person.id}`}
                  initial={person}
                  submitLabel="Enregistrer"
                  onCancel={() => setEditing(null)}
                  onSubmit={async (input) => {
                    await onUpdate(person.id, input);
                    setEditing(null);
                    setStatus(`${input.name} : modifications enregistrées.`);
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>Aucune personne n'est déclarée.</p>
      )}
      <div role="status" className="visually-hidden">
        {status}
      </div>
      {!readOnly &&
        (editing === "new" ? (
          <PersonForm
            idPrefix={`${idPrefix}-personne-nouvelle`}
            initial={EMPTY_PERSON}
            submitLabel="Ajouter cette personne"
            onCancel={() => setEditing(null)}
            onSubmit={async (input) => {
              await onAdd(input);
              setEditing(null);
              setStatus(`${input.name} a été ajouté(e) à la liste.`);
            }}
          />
        ) : (
          <button type="button" className="button button--secondary" onClick={() => setEditing("new")}>
            Ajouter une personne
          </button>
        ))}
    </div>
  );
}

interface PersonFormProps {
  idPrefix: string;
  initial: AuthorisedPersonInput;
  submitLabel: string;
  onSubmit: (input: AuthorisedPersonInput) => Promise<void>;
  onCancel: () => void;
}

function PersonForm({ idPrefix, initial, submitLabel, onSubmit, onCancel }: PersonFormProps) {
  const [person, setPerson] = useState(initial);
  const [errors, setErrors] = useState<FieldErrorItem[]>([]);
  const [busy, setBusy] = useState(false);
  const ids = { name: `${idPrefix}-nom`, relation: `${idPrefix}-lien`, phone: `${idPrefix}-telephone` };
  const labels = { name: "Nom et prénom", relation: "Lien avec l'enfant", phone: "Téléphone" };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found = (Object.keys(ids) as (keyof typeof ids)[])
      .filter((key) => !String(person[key] ?? "").trim())
      .map((key) => requiredError(ids[key], labels[key]));
    setErrors(found);
    if (found.length) return;
    setBusy(true);
    try {
      await onSubmit({ ...person, name: person.name.trim(), relation: person.relation.trim(), phone: person.phone.trim() });
    } catch (error) {
      setErrors(
        mapApiError(error, { idFor: (p) => ids[p as keyof typeof ids], labelFor: (p) => labels[p as keyof typeof labels] }),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="subform" role="group" aria-label={submitLabel}>
      <ErrorSummary items={errors} />
      <InputField id={ids.name} label={labels.name} required value={person.name} onChange={(v) => setPerson((p) => ({ ...p, name: v }))} errors={messagesFor(errors, ids.name)} />
      <InputField
        id={ids.relation}
        label={labels.relation}
        required
        hint={PERSON_RELATION_HINT}
        value={person.relation}
        onChange={(v) => setPerson((p) => ({ ...p, relation: v }))}
        errors={messagesFor(errors, ids.relation)}
      />
      <InputField id={ids.phone} label={labels.phone} type="tel" required value={person.phone} onChange={(v) => setPerson((p) => ({ ...p, phone: v }))} errors={messagesFor(errors, ids.phone)} />
      <CheckboxField
        id={`${idPrefix}-recuperation`}
        label="Autorisé(e) à venir chercher l'enfant"
        checked={Boolean(person.can_pick_up)}
        onChange={(v) => setPerson((p) => ({ ...p, can_pick_up: v }))}
      />
      <CheckboxField
        id={`${idPrefix}-urgence`}
        label="À prévenir en cas d'urgence"
        checked={Boolean(person.is_emergency_contact)}
        onChange={(v) => setPerson((p) => ({ ...p, is_emergency_contact: v }))}
      />
      <div className="inline-actions">
        <button type="button" className="button button--primary" onClick={(e) => void submit(e)} aria-disabled={busy || undefined}>
          {busy ? "Enregistrement en cours…" : submitLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Annuler
        </button>
      </div>
    </div>
  );
}

export const authorisationId = (prefix: string, question: number) => `${prefix}-autorisation-${question}`;

interface AuthorisationQuestionsProps {
  idPrefix: string;
  questions: readonly AuthorisationQuestion[];
  /** question id → "true" | "false" | "" */
  values: Record<number, string>;
  onChange: (question: number, value: string) => void;
  errors: readonly FieldErrorItem[];
  readOnly?: boolean;
  hint?: string;
}

/** One Oui / Non question per authorisation of the structure. */
export function AuthorisationQuestions({ idPrefix, questions, values, onChange, errors, readOnly, hint }: AuthorisationQuestionsProps) {
  if (!questions.length) return <p>Votre structure ne demande aucune autorisation.</p>;
  return (
    <>
      {questions.map((question) => {
        const id = authorisationId(idPrefix, question.id);
        const value = values[question.id] ?? "";
        if (readOnly) {
          return (
            <div className="field field--readonly" key={question.id}>
              <p className="field__label">{question.label}</p>
              <p className="field__value">{value === "true" ? "Oui" : value === "false" ? "Non" : "Sans réponse"}</p>
            </div>
          );
        }
        return (
          <RadioGroupField
            key={question.id}
            id={id}
            label={question.label}
            required={question.required}
            inline
            value={value}
            onChange={(v) => onChange(question.id, v)}
            options={YES_NO}
            hint={[question.description, hint].filter(Boolean).join(". ") || undefined}
            errors={messagesFor(errors, id)}
          />
        );
      })}
    </>
  );
}

/** Client check: every required question has an answer. */
export function checkAuthorisations(idPrefix: string, questions: readonly AuthorisationQuestion[], values: Record<number, string>): FieldErrorItem[] {
  return questions
    .filter((q) => q.required && !values[q.id])
    .map((q) => requiredError(authorisationId(idPrefix, q.id), q.label, "Répondez par Oui ou Non."));
}
