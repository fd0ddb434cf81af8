import { useEffect, useRef, useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ErrorSummary } from "../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../components/formErrors";
import { InputField, CheckboxField, TextAreaField } from "../../components/FormFields";
import { QueryView } from "../../components/QueryView";
import { staffErrors } from "../../components/serverErrors";
import { SubmitButton } from "../../components/SubmitButton";
import {
  createConfigItem,
  deleteConfigItem,
  fetchConfigList,
  staffKeys,
  updateConfigItem,
  type AuthorisationQuestionConfig,
  type ConsentTypeConfig,
  type MealTypeConfig,
  type SchoolLevelConfig,
} from "./api";
import type { ConfigListSpec } from "./configLists";
import { StatusMessage } from "./StaffUi";

type ConfigItem = MealTypeConfig | SchoolLevelConfig | AuthorisationQuestionConfig | ConsentTypeConfig;
type Values = Record<string, string | boolean>;

function emptyValues(spec: ConfigListSpec): Values {
  return Object.fromEntries(spec.fields.map((f) => [f.name, f.kind === "checkbox" ? f.name === "active" : f.kind === "number" ? "0" : ""]));
}

function valuesOf(spec: ConfigListSpec, item: ConfigItem): Values {
  const record = item as unknown as Record<string, unknown>;
  return Object.fromEntries(
    spec.fields.map((f) => [f.name, f.kind === "checkbox" ? Boolean(record[f.name]) : String(record[f.name] ?? "")]),
  );
}

/** A configurable list (consents, authorisations, meal types, school levels): table, add/edit form, delete. */
export function ConfigListPage({ spec }: { spec: ConfigListSpec }) {
  const queryClient = useQueryClient();
  const key = staffKeys.configList(spec.endpoint);
  const query = useQuery({ queryKey: key, queryFn: ({ signal }) => fetchConfigList<ConfigItem>(spec.endpoint, signal) });
  const [editing, setEditing] = useState<ConfigItem | null>(null);
  const [values, setValues] = useState<Values>(() => emptyValues(spec));
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [status, setStatus] = useState("");
  const [deleting, setDeleting] = useState<number | null>(null);
  const formHeading = useRef<HTMLHeadingElement>(null);
  const editButtons = useRef(new Map<number, HTMLButtonElement>());
  const idOf = (name: string) => `${spec.endpoint}-${name}`;
  const params = Object.fromEntries(spec.fields.map((f) => [f.name, idOf(f.name)]));

  useEffect(() => {
    setEditing(null);
    setValues(emptyValues(spec));
    setErrors([]);
    setStatus("");
    setDeleting(null);
  }, [spec]);

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      editing ? updateConfigItem<ConfigItem>(spec.endpoint, editing.id, body) : createConfigItem<ConfigItem>(spec.endpoint, body),
    onSuccess: (item) => {
      const wasEditing = editing;
      setStatus(wasEditing ? `« ${item.label} » est modifié.` : `« ${item.label} » est ajouté.`);
      setErrors([]);
      setEditing(null);
      setValues(emptyValues(spec));
      void queryClient.invalidateQueries({ queryKey: key });
      if (wasEditing) requestAnimationFrame(() => editButtons.current.get(wasEditing.id)?.focus());
    },
    onError: (error) => {
      setStatus("");
      setErrors(staffErrors(error, params));
    },
  });

  const remove = useMutation({
    mutationFn: (item: ConfigItem) => deleteConfigItem(spec.endpoint, item.id),
    onSuccess: async (_, item) => {
      setDeleting(null);
      setErrors([]);
      const list = await queryClient.fetchQuery({ queryKey: key, queryFn: () => fetchConfigList<ConfigItem>(spec.endpoint), staleTime: 0 });
      const still = list.some((i) => i.id === item.id);
      setStatus(still ? `« ${item.label} » est utilisé dans des dossiers : il est désactivé au lieu d'être supprimé.` : `« ${item.label} » est supprimé.`);
      formHeading.current?.focus();
    },
    onError: (error) => setErrors(staffErrors(error)),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    const found: FormErrorItem[] = [];
    for (const f of spec.fields) {
      if (f.required && !String(values[f.name]).trim()) found.push({ fieldId: idOf(f.name), message: `Saisissez : ${f.label.toLowerCase()}.` });
      if (f.kind === "number" && !/^\d+$/.test(String(values[f.name]).trim()))
        found.push({ fieldId: idOf(f.name), message: `${f.label} : saisissez un nombre entier positif.` });
    }
    setErrors(found);
    setStatus("");
    if (found.length) return;
    const body = Object.fromEntries(
      spec.fields.map((f) => [f.name, f.kind === "number" ? Number(values[f.name]) : f.kind === "checkbox" ? values[f.name] : String(values[f.name]).trim()]),
    );
    save.mutate(body);
  }

  function startEdit(item: ConfigItem) {
    setEditing(item);
    setValues(valuesOf(spec, item));
    setErrors([]);
    setStatus("");
    requestAnimationFrame(() => formHeading.current?.focus());
  }

  const columns = spec.fields.filter((f) => f.column);
  const textField = spec.fields.find((f) => f.kind === "textarea");

  return (
    <section aria-labelledby={`${spec.endpoint}-titre`} className="stack">
      <h2 id={`${spec.endpoint}-titre`}>{spec.title}</h2>
      <p>{spec.intro}</p>
      <StatusMessage message={status} />
      <QueryView query={query} loadingLabel="Chargement de la liste…">
        {(items) =>
          items.length === 0 ? (
            <p>La liste est vide.</p>
          ) : (
            <div className="table-wrapper">
              <table className="data-table data-table--reflow">
                <caption>
                  {spec.title} ({items.length})
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Ordre</th>
                    <th scope="col">Libellé</th>
                    {textField && <th scope="col">{textField.label}</th>}
                    {columns.map((c) => (
                      <th scope="col" key={c.name}>
                        {c.label}
                      </th>
                    ))}
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {[...items]
                    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0) || a.label.localeCompare(b.label, "fr"))
                    .map((item) => {
                      const record = item as unknown as Record<string, unknown>;
                      return (
                        <tr key={item.id}>
                          <td data-label="Ordre">{item.order ?? 0}</td>
                          <th scope="row" data-label="Libellé">
                            {item.label}
                          </th>
                          {textField && <td data-label={textField.label}>{String(record[textField.name] ?? "") || "—"}</td>}
                          {columns.map((c) => (
                            <td key={c.name} data-label={c.label}>
                              {record[c.name] ? "Oui" : "Non"}
                            </td>
                          ))}
                          <td data-label="Actions">
                            {deleting === item.id ? (
                              <div className="button-row" role="group" aria-label={`Supprimer « ${item.label} » ?`}>
                                <span>Supprimer « {item.label} » ?</span>
                                <button
                                  type="button"
                                  className="button button--danger"
                                  autoFocus
                                  aria-disabled={remove.isPending || undefined}
                                  onClick={() => {
                                    if (!remove.isPending) remove.mutate(item);
                                  }}
                                >
                                  Confirmer la suppression
                                </button>
                                <button
                                  type="button"
                                  className="button button--secondary"
                                  onClick={() => {
                                    setDeleting(null);
                                    requestAnimationFrame(() => editButtons.current.get(item.id)?.focus());
                                  }}
                                >
                                  Annuler
                                </button>
                              </div>
                            ) : (
                              <div className="button-row">
                                <button
                                  type="button"
                                  className="button button--secondary"
                                  ref={(node) => {
                                    if (node) editButtons.current.set(item.id, node);
                                    else editButtons.current.delete(item.id);
                                  }}
                                  onClick={() => startEdit(item)}
                                >
                                  Modifier{" "}<span className="visually-hidden">« {item.label} »</span>
                                </button>
                                <button type="button" className="button button--secondary" onClick={() => setDeleting(item.id)}>
                                  Supprimer{" "}<span className="visually-hidden">« {item.label} »</span>
                                </button>
                              </div>
                            )}
                          </td>
                        </tr>
                      );
                    })}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryView>

      <form className="form card" noValidate onSubmit={submit} aria-labelledby={`${spec.endpoint}-form-titre`}>
        <h3 id={`${spec.endpoint}-form-titre`} ref={formHeading} tabIndex={-1}>
          {editing ? `Modifier « ${editing.label} »` : `Ajouter : ${spec.one}`}
        </h3>
        <ErrorSummary items={errors} />
        {spec.fields.map((f) => {
          const id = idOf(f.name);
          if (f.kind === "checkbox")
            return (
              <CheckboxField
                key={f.name}
                id={id}
                label={f.label}
                hint={f.hint}
                checked={Boolean(values[f.name])}
                onChange={(v) => setValues((s) => ({ ...s, [f.name]: v }))}
              />
            );
          if (f.kind === "textarea")
            return (
              <TextAreaField
                key={f.name}
                id={id}
                label={f.required ? `${f.label} *` : f.label}
                hint={f.hint}
                rows={4}
                required={f.required} requiredMark={false}
                value={String(values[f.name])}
                onChange={(v) => setValues((s) => ({ ...s, [f.name]: v }))}
                errors={fieldErrors(errors, id)}
              />
            );
          return (
            <InputField
              key={f.name}
              id={id}
              label={f.required ? `${f.label} *` : f.label}
              hint={f.hint}
              type={f.kind === "number" ? "number" : "text"}
              inputMode={f.kind === "number" ? "numeric" : undefined}
              min={f.kind === "number" ? 0 : undefined}
              required={f.required} requiredMark={false}
              value={String(values[f.name])}
              onChange={(v) => setValues((s) => ({ ...s, [f.name]: v }))}
              errors={fieldErrors(errors, id)}
            />
          );
        })}
        <div className="button-row">
          <SubmitButton busy={save.isPending} label={editing ? "Enregistrer les modifications" : "Ajouter"} busyLabel="Enregistrement…" />
          {editing && (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                const was = editing;
                setEditing(null);
                setValues(emptyValues(spec));
                setErrors([]);
                requestAnimationFrame(() => editButtons.current.get(was.id)?.focus());
              }}
            >
              Annuler la modification
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
