import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ErrorSummary } from "../../components/ErrorSummary";
import type { FormErrorItem } from "../../components/formErrors";
import { QueryView } from "../../components/QueryView";
import { staffErrors } from "../../components/serverErrors";
import { SubmitButton } from "../../components/SubmitButton";
import { fetchFieldPolicies, saveFieldPolicies, staffKeys, type FieldPolicyMode, type FieldPolicyRow } from "./api";
import { FIELD_CATEGORY_LABELS, FIELD_MODE_LABELS } from "./labels";
import { StatusMessage } from "./StaffUi";

const MODES = Object.keys(FIELD_MODE_LABELS) as FieldPolicyMode[];

/** Options of a row: locked fields can't be hidden, collections can't be "validated". */
export function modeOptions(row: Pick<FieldPolicyRow, "locked" | "collection">) {
  return MODES.map((mode) => ({
    value: mode,
    label: FIELD_MODE_LABELS[mode],
    disabled: (row.locked && mode === "hidden") || (row.collection && mode === "validated"),
  }));
}

const selectId = (field: string) => `regle-${field.replace(/[^a-z0-9]+/gi, "-")}`;

export function FieldPoliciesPage() {
  const query = useQuery({ queryKey: staffKeys.fieldPolicies, queryFn: ({ signal }) => fetchFieldPolicies(signal) });
  return (
    <section aria-labelledby="regles-titre">
      <h2 id="regles-titre">Règles de saisie</h2>
      <p>
        Pour chaque information du dossier famille : masquée, en lecture seule, modifiable directement par la famille, ou
        modifiable avec validation (la modification devient une demande à accepter ou refuser).
      </p>
      <QueryView query={query} loadingLabel="Chargement des règles…">
        {(rows) => <FieldPoliciesForm rows={rows} />}
      </QueryView>
    </section>
  );
}

function FieldPoliciesForm({ rows }: { rows: FieldPolicyRow[] }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState(() => rows.map((r) => ({ ...r })));
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [status, setStatus] = useState("");
  const mutation = useMutation({
    mutationFn: saveFieldPolicies,
    onSuccess: (saved) => {
      queryClient.setQueryData(staffKeys.fieldPolicies, saved);
      setValues(saved.map((r) => ({ ...r })));
      setErrors([]);
      setStatus("Les règles de saisie sont enregistrées.");
    },
    onError: (error) => {
      setStatus("");
      const labels = Object.fromEntries(values.flatMap((r, i) => [[`policies.${i}.mode`, r.label], [`policies.${i}`, r.label]]));
      const params = Object.fromEntries(values.map((r, i) => [`policies.${i}.mode`, selectId(r.field)]));
      setErrors(staffErrors(error, params, labels));
    },
  });

  const update = (field: string, patch: Partial<FieldPolicyRow>) =>
    setValues((list) =>
      list.map((r) => {
        if (r.field !== field) return r;
        const next = { ...r, ...patch };
        if (next.mode === "hidden") next.required = false;
        if (next.locked) next.required = true;
        return next;
      }),
    );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    setStatus("");
    mutation.mutate({ policies: values.map(({ field, mode, required }) => ({ field, mode, required })) });
  }

  const categories: string[] = [];
  for (const row of values) if (!categories.includes(row.category)) categories.push(row.category);

  return (
    <>
      <StatusMessage message={status} />
      <ErrorSummary items={errors} />
      <form className="form" noValidate onSubmit={submit}>
        {categories.map((category) => (
          <div className="table-wrapper" key={category}>
            <table className="data-table data-table--reflow">
              <caption>{FIELD_CATEGORY_LABELS[category] ?? category}</caption>
              <thead>
                <tr>
                  <th scope="col">Information</th>
                  <th scope="col">Saisie par la famille</th>
                  <th scope="col">Obligatoire</th>
                </tr>
              </thead>
              <tbody>
                {values
                  .filter((row) => row.category === category)
                  .map((row) => {
                    const id = selectId(row.field);
                    const noteId = `${id}-note`;
                    const note = row.locked
                      ? "Toujours visible et obligatoire."
                      : row.collection
                        ? "Liste : pas de validation par la structure."
                        : "";
                    return (
                      <tr key={row.field}>
                        <th scope="row" data-label="Information">
                          {row.label}
                          {note && (
                            <div id={noteId} className="field__hint">
                              {note}
                            </div>
                          )}
                        </th>
                        <td data-label="Saisie par la famille">
                          <label htmlFor={id} className="visually-hidden">
                            Saisie de « {row.label} » ({FIELD_CATEGORY_LABELS[category] ?? category})
                          </label>
                          <select
                            id={id}
                            className="field__select"
                            value={row.mode}
                            aria-describedby={note ? noteId : undefined}
                            onChange={(event) => update(row.field, { mode: event.target.value as FieldPolicyMode })}
                          >
                            {modeOptions(row).map((option) => (
                              <option key={option.value} value={option.value} disabled={option.disabled}>
                                {option.label}
                              </option>
                            ))}
                          </select>
                        </td>
                        <td data-label="Obligatoire" className="check-cell">
                          <input
                            type="checkbox"
                            id={`${id}-obligatoire`}
                            checked={row.required}
                            disabled={row.locked || row.mode === "hidden"}
                            aria-describedby={note ? noteId : undefined}
                            onChange={(event) => update(row.field, { required: event.target.checked })}
                          />
                          <label htmlFor={`${id}-obligatoire`} className="visually-hidden">
                            « {row.label} » ({FIELD_CATEGORY_LABELS[category] ?? category}) obligatoire
                          </label>
                        </td>
                      </tr>
                    );
                  })}
              </tbody>
            </table>
          </div>
        ))}
        <div className="button-row">
          <SubmitButton busy={mutation.isPending} label="Enregistrer les règles" busyLabel="Enregistrement…" />
        </div>
      </form>
    </>
  );
}
