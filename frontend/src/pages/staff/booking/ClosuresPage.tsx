import type { FormEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../components/formErrors";
import { InputField, SelectField } from "../../../components/FormFields";
import { QueryView } from "../../../components/QueryView";
import { SubmitButton } from "../../../components/SubmitButton";
import { formatDate, isIsoDate } from "../../../format/dates";
import { StatusMessage } from "../StaffUi";
import { bookingKeys, fetchConfig, type Closure, type ClosureInput } from "./api";
import { optionalId, RowActions, useConfigEditor, useFormValues, type ConfigEditor } from "./configKit";
import { activityLabel, activityOptions, useActivities } from "./queries";

const IDS = { label: "fermeture-motif", start_date: "fermeture-debut", end_date: "fermeture-fin", activity: "fermeture-activite" };

/** « Fermetures »: days the whole structure or one activity is closed (openings closed accordingly). */
export function ClosuresPage() {
  const query = useQuery({ queryKey: bookingKeys.config("closures"), queryFn: ({ signal }) => fetchConfig<Closure>("closures", {}, signal) });
  const activities = useActivities();
  const editor = useConfigEditor<Closure>({ collection: "closures", name: (c) => `La fermeture « ${c.label} »`, params: IDS, feminine: true });
  const activityName = (id: number | null | undefined) => {
    if (id === null || id === undefined) return "Toute la structure";
    const activity = activities.data?.find((a) => a.id === id);
    return activity ? activityLabel(activity) : `Activité n° ${id}`;
  };
  return (
    <section aria-labelledby="fermetures-titre" className="stack">
      <h2 id="fermetures-titre">Fermetures</h2>
      <p>Jours de fermeture (ponts, travaux…) : les ouvertures concernées sont fermées et ne peuvent plus être réservées.</p>
      <StatusMessage message={editor.status} />
      <QueryView query={query} loadingLabel="Chargement des fermetures…">
        {(closures) =>
          closures.length === 0 ? (
            <p>Aucune fermeture n'est prévue.</p>
          ) : (
            <div className="table-wrapper">
              <table className="data-table data-table--reflow">
                <caption>Fermetures ({closures.length})</caption>
                <thead>
                  <tr>
                    <th scope="col">Motif</th>
                    <th scope="col">Période</th>
                    <th scope="col">Concerne</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {closures.map((c) => (
                    <tr key={c.id}>
                      <th scope="row" data-label="Motif">
                        {c.label}
                      </th>
                      <td data-label="Période">
                        {c.start_date === c.end_date ? `le ${formatDate(c.start_date)}` : `du ${formatDate(c.start_date)} au ${formatDate(c.end_date)}`}
                      </td>
                      <td data-label="Concerne">{activityName(c.activity)}</td>
                      <td data-label="Actions">
                        <RowActions item={c} label={c.label} editor={editor} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryView>
      <ClosureForm key={editor.formKey} editor={editor} activityOptionsList={activityOptions(activities.data, "Toute la structure")} />
    </section>
  );
}

function ClosureForm({ editor, activityOptionsList }: { editor: ConfigEditor<Closure>; activityOptionsList: ReturnType<typeof activityOptions> }) {
  const closure = editor.editing;
  const [values, set] = useFormValues(() => ({
    label: closure?.label ?? "",
    start_date: closure?.start_date ?? "",
    end_date: closure?.end_date ?? "",
    activity: closure?.activity ? String(closure.activity) : "",
  }));
  const err = (id: string) => fieldErrors(editor.errors, id);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (editor.save.isPending) return;
    const found: FormErrorItem[] = [];
    if (!values.label.trim()) found.push({ fieldId: IDS.label, message: "Saisissez le motif de la fermeture." });
    if (!isIsoDate(values.start_date)) found.push({ fieldId: IDS.start_date, message: "Indiquez le premier jour fermé." });
    if (!isIsoDate(values.end_date)) found.push({ fieldId: IDS.end_date, message: "Indiquez le dernier jour fermé." });
    else if (isIsoDate(values.start_date) && values.end_date < values.start_date) found.push({ fieldId: IDS.end_date, message: "Le dernier jour doit suivre le premier." });
    editor.setErrors(found);
    editor.setStatus("");
    if (found.length) return;
    const body: ClosureInput = { label: values.label.trim(), start_date: values.start_date, end_date: values.end_date, activity: optionalId(values.activity) };
    editor.save.mutate(body);
  }

  return (
    <form className="form card" noValidate onSubmit={submit} aria-labelledby="fermeture-form-titre">
      <h2 id="fermeture-form-titre" ref={editor.formHeading} tabIndex={-1}>
        {closure ? `Modifier « ${closure.label} »` : "Ajouter une fermeture"}
      </h2>
      <ErrorSummary items={editor.errors} />
      <InputField id={IDS.label} label="Motif *" hint="Ex. Pont de l'Ascension." value={values.label} onChange={set("label")} errors={err(IDS.label)} required requiredMark={false} />
      <div className="form-grid form-grid--2">
        <InputField id={IDS.start_date} label="Du *" type="date" value={values.start_date} onChange={set("start_date")} errors={err(IDS.start_date)} required requiredMark={false} />
        <InputField id={IDS.end_date} label="Au *" type="date" value={values.end_date} onChange={set("end_date")} errors={err(IDS.end_date)} required requiredMark={false} />
      </div>
      <SelectField id={IDS.activity} label="Concerne" value={values.activity} onChange={set("activity")} options={activityOptionsList} errors={err(IDS.activity)} />
      <div className="button-row">
        <SubmitButton busy={editor.save.isPending} label={closure ? "Enregistrer la fermeture" : "Ajouter la fermeture"} busyLabel="Enregistrement…" />
        {closure && (
          <button type="button" className="button button--secondary" onClick={editor.cancelEdit}>
            Annuler la modification
          </button>
        )}
      </div>
    </form>
  );
}
