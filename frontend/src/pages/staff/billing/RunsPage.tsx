import { useState, type FormEvent } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useSearchParams } from "react-router";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../components/formErrors";
import { SubmitButton } from "../../../components/SubmitButton";
import { TextField } from "../../../components/TextField";
import { activityLabel, useActivities } from "../booking/queries";
import { staffErrors } from "../errors";
import { formatDate } from "../format";
import { pageParam, Pagination, QueryView } from "../StaffUi";
import { billingKeys, createRun, fetchRuns, type Run } from "./api";
import { formatMoney, isBusyRun } from "./format";

const IDS = {
  label: "facturation-libelle",
  period_start: "facturation-du",
  period_end: "facturation-au",
  activity_ids: "facturation-activites",
} as const;

/** « Facturations »: the runs, newest first, and a form to start one. */
export function RunsPage() {
  const [params, setParams] = useSearchParams();
  const pageNumber = pageParam(params.get("page"));
  const query = useQuery({
    queryKey: billingKeys.runs(pageNumber),
    queryFn: ({ signal }) => fetchRuns(pageNumber, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <p className="lead">
        Une facturation calcule un brouillon pour une période : vérifiez-le, recalculez-le si des réservations ou des tarifs ont changé, puis émettez les
        factures.
      </p>
      <NewRunForm />
      <section aria-labelledby="facturations-titre" className="section">
        <h2 id="facturations-titre">Facturations</h2>
        <QueryView query={query} loadingLabel="Chargement des facturations…">
          {(data) =>
            data.results.length === 0 ? (
              <p>Aucune facturation pour l'instant.</p>
            ) : (
              <>
                <div className="table-wrapper">
                  <table className="data-table data-table--reflow">
                    <caption>Facturations ({data.count})</caption>
                    <thead>
                      <tr>
                        <th scope="col">Libellé</th>
                        <th scope="col">Période</th>
                        <th scope="col">État</th>
                        <th scope="col">Familles</th>
                        <th scope="col" className="billing-amount">
                          Montant
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.results.map((run) => (
                        <RunRow key={run.id} run={run} />
                      ))}
                    </tbody>
                  </table>
                </div>
                <Pagination
                  label="Pages des facturations"
                  page={pageNumber}
                  count={data.count}
                  hasNext={Boolean(data.next)}
                  hasPrevious={Boolean(data.previous)}
                  onPage={(p) => setParams(p > 1 ? { page: String(p) } : {})}
                />
              </>
            )
          }
        </QueryView>
      </section>
    </>
  );
}

function RunRow({ run }: { run: Run }) {
  return (
    <tr>
      <th scope="row" data-label="Libellé">
        <Link to={`/gestion/facturation/runs/${run.id}`}>{run.label || `Facturation du ${formatDate(run.period_start)} au ${formatDate(run.period_end)}`}</Link>
      </th>
      <td data-label="Période">
        du {formatDate(run.period_start)} au {formatDate(run.period_end)}
      </td>
      <td data-label="État">
        <span className="status-pill">
          {isBusyRun(run.status) && <span className="spinner" aria-hidden="true" />} {run.status_label}
        </span>
        {run.error_count > 0 && run.status === "draft" ? ` · ${run.error_count} en erreur` : ""}
      </td>
      <td data-label="Familles">{run.status === "computing" ? "—" : run.family_count}</td>
      <td data-label="Montant" className="billing-amount">
        {run.status === "computing" ? "—" : formatMoney(run.total)}
      </td>
    </tr>
  );
}

function NewRunForm() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const activities = useActivities();
  const [values, setValues] = useState({ label: "", period_start: "", period_end: "" });
  const [selected, setSelected] = useState<number[]>([]);
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const mutation = useMutation({
    mutationFn: createRun,
    onSuccess: (run) => {
      queryClient.setQueryData(billingKeys.run(run.id), run);
      void queryClient.invalidateQueries({ queryKey: ["staff", "billing", "runs", "list"] });
      void navigate(`/gestion/facturation/runs/${run.id}`);
    },
    onError: (error) => setErrors(staffErrors(error, IDS)),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const found: FormErrorItem[] = [];
    if (!values.period_start) found.push({ fieldId: IDS.period_start, message: "Indiquez le début de la période." });
    if (!values.period_end) found.push({ fieldId: IDS.period_end, message: "Indiquez la fin de la période." });
    if (values.period_start && values.period_end && values.period_end < values.period_start)
      found.push({ fieldId: IDS.period_end, message: "La fin de la période doit suivre son début." });
    setErrors(found);
    if (found.length) return;
    mutation.mutate({ label: values.label.trim(), period_start: values.period_start, period_end: values.period_end, activity_ids: selected });
  }

  const set = (name: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [name]: value }));
  return (
    <section aria-labelledby="nouvelle-facturation-titre" className="section">
      <h2 id="nouvelle-facturation-titre">Nouvelle facturation</h2>
      <ErrorSummary items={errors} />
      <form className="form" noValidate onSubmit={submit}>
        <TextField id={IDS.label} label="Libellé" hint="Par exemple « Mars 2026 » (facultatif)." value={values.label} onChange={set("label")} maxLength={150} errors={fieldErrors(errors, IDS.label)} />
        <div className="form-grid form-grid--2">
          <TextField id={IDS.period_start} label="Période du" type="date" required value={values.period_start} onChange={set("period_start")} errors={fieldErrors(errors, IDS.period_start)} />
          <TextField id={IDS.period_end} label="Au" type="date" required value={values.period_end} onChange={set("period_end")} errors={fieldErrors(errors, IDS.period_end)} />
        </div>
        <fieldset className="fieldset" id={IDS.activity_ids} aria-describedby={`${IDS.activity_ids}-aide`}>
          <legend>Activités facturées</legend>
          <p id={`${IDS.activity_ids}-aide`} className="field__hint">
            Aucune case cochée : toutes les activités.
          </p>
          {fieldErrors(errors, IDS.activity_ids)?.map((message) => (
            <p key={message} className="field__error">
              <span className="visually-hidden">Erreur :</span> {message}
            </p>
          ))}
          {activities.isPending ? (
            <p role="status" className="inline-status">
              <span className="spinner" aria-hidden="true" /> Chargement des activités…
            </p>
          ) : activities.isError ? (
            <p className="notice notice--error">Les activités n'ont pas pu être chargées : la facturation portera sur toutes les activités.</p>
          ) : (
            <div className="billing-activities">
              {activities.data.map((activity) => (
                <div key={activity.id} className="checkbox-field">
                  <input
                    type="checkbox"
                    id={`facturation-activite-${activity.id}`}
                    checked={selected.includes(activity.id)}
                    onChange={(event) =>
                      setSelected((ids) => (event.target.checked ? [...ids, activity.id] : ids.filter((id) => id !== activity.id)))
                    }
                  />
                  <label htmlFor={`facturation-activite-${activity.id}`}>{activityLabel(activity)}</label>
                </div>
              ))}
            </div>
          )}
        </fieldset>
        <div className="button-row">
          <SubmitButton busy={mutation.isPending} label="Calculer le brouillon" busyLabel="Création de la facturation…" />
        </div>
      </form>
    </section>
  );
}
