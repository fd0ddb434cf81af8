import { useState, type FormEvent } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../components/formErrors";
import { InputField } from "../../../components/FormFields";
import { DataTable, type Column } from "../../../components/list/DataTable";
import { ListView } from "../../../components/list/ListView";
import { useListParams } from "../../../components/list/useListParams";
import { staffErrors } from "../../../components/serverErrors";
import { SubmitButton } from "../../../components/SubmitButton";
import { formatDate } from "../../../format/dates";
import { formatMoney } from "../../../format/money";
import { activityLabel, useActivities } from "../booking/queries";
import { billingKeys, createRun, fetchRuns, type Run } from "./api";
import { isBusyRun } from "./labels";

const IDS = {
  label: "facturation-libelle",
  period_start: "facturation-du",
  period_end: "facturation-au",
  activity_ids: "facturation-activites",
} as const;

const COLUMNS: Column<Run>[] = [
  {
    key: "label",
    header: "Libellé",
    rowHeader: true,
    cell: (run) => <Link to={`/gestion/facturation/runs/${run.id}`}>{run.label || `Facturation du ${formatDate(run.period_start)} au ${formatDate(run.period_end)}`}</Link>,
  },
  {
    key: "period",
    header: "Période",
    cell: (run) => (
      <>
        du {formatDate(run.period_start)} au {formatDate(run.period_end)}
      </>
    ),
  },
  {
    key: "status",
    header: "État",
    cell: (run) => (
      <>
        <span className="status-pill">
          {isBusyRun(run.status) && <span className="spinner" aria-hidden="true" />} {run.status_label}
        </span>
        {run.error_count > 0 && run.status === "draft" ? ` · ${run.error_count} en erreur` : ""}
      </>
    ),
  },
  { key: "families", header: "Familles", cell: (run) => (run.status === "computing" ? "—" : run.family_count) },
  { key: "total", header: "Montant", className: "billing-amount", cell: (run) => (run.status === "computing" ? "—" : formatMoney(run.total)) },
];

/** « Facturations »: the runs, newest first, and a form to start one. */
export function RunsPage() {
  const { page, setPage } = useListParams({});
  const query = useQuery({
    queryKey: billingKeys.runs(page),
    queryFn: ({ signal }) => fetchRuns(page, signal),
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
        <ListView
          query={query}
          loadingLabel="Chargement des facturations…"
          empty="Aucune facturation pour l'instant."
          pagination={{ label: "Pages des facturations", page, onPage: setPage }}
        >
          {(data) => <DataTable caption={`Facturations (${data.count})`} columns={COLUMNS} rows={data.results} rowKey={(run) => run.id} />}
        </ListView>
      </section>
    </>
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
        <InputField id={IDS.label} label="Libellé" hint="Par exemple « Mars 2026 » (facultatif)." value={values.label} onChange={set("label")} maxLength={150} errors={fieldErrors(errors, IDS.label)} />
        <div className="form-grid form-grid--2">
          <InputField id={IDS.period_start} label="Période du" type="date" required requiredMark={false} value={values.period_start} onChange={set("period_start")} errors={fieldErrors(errors, IDS.period_start)} />
          <InputField id={IDS.period_end} label="Au" type="date" required requiredMark={false} value={values.period_end} onChange={set("period_end")} errors={fieldErrors(errors, IDS.period_end)} />
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
