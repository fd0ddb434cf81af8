import type { FormEvent } from "react";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../components/formErrors";
import { InputField } from "../../../components/FormFields";
import { QueryView } from "../../../components/QueryView";
import { SubmitButton } from "../../../components/SubmitButton";
import { StatusMessage } from "../StaffUi";
import type { Activity, Group, GroupInput } from "./api";
import { isWholeNumber, optionalNumber, RowActions, useConfigEditor, useFormValues, type ConfigEditor } from "./configKit";
import { useGroups } from "./queries";

const IDS = { name: "groupe-nom", capacity: "groupe-places", order: "groupe-ordre" };

/** The groups of one activity (e.g. maternelles / élémentaires), each with its own places. */
export function GroupsEditor({ activity }: { activity: Activity }) {
  const query = useGroups();
  const editor = useConfigEditor<Group>({ collection: "groups", name: (g) => `Le groupe « ${g.name} »`, params: IDS });
  const groups = (query.data ?? []).filter((g) => g.activity === activity.id);
  return (
    <section aria-labelledby="groupes-titre" className="stack">
      <h3 id="groupes-titre">Groupes de « {activity.name} »</h3>
      <p>Facultatif : avec des groupes, chaque groupe a ses propres places et les familles choisissent le groupe à l'inscription.</p>
      <StatusMessage message={editor.status} />
      <QueryView query={query} loadingLabel="Chargement des groupes…">
        {() =>
          groups.length === 0 ? (
            <p>Aucun groupe.</p>
          ) : (
            <div className="table-wrapper">
              <table className="data-table data-table--reflow">
                <caption>Groupes ({groups.length})</caption>
                <thead>
                  <tr>
                    <th scope="col">Nom</th>
                    <th scope="col">Places par jour</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {groups.map((g) => (
                    <tr key={g.id}>
                      <th scope="row" data-label="Nom">
                        {g.name}
                      </th>
                      <td data-label="Places par jour">{g.capacity ?? "Celles de la prestation"}</td>
                      <td data-label="Actions">
                        <RowActions item={g} label={g.name} editor={editor} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryView>
      <GroupForm key={editor.formKey} editor={editor} activity={activity} count={groups.length} />
    </section>
  );
}

function GroupForm({ editor, activity, count }: { editor: ConfigEditor<Group>; activity: Activity; count: number }) {
  const group = editor.editing;
  const [values, set] = useFormValues(() => ({
    name: group?.name ?? "",
    capacity: group?.capacity === null || group?.capacity === undefined ? "" : String(group.capacity),
    order: String(group?.order ?? count),
  }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (editor.save.isPending) return;
    const found: FormErrorItem[] = [];
    if (!values.name.trim()) found.push({ fieldId: IDS.name, message: "Saisissez le nom du groupe." });
    if (values.capacity.trim() && !isWholeNumber(values.capacity)) found.push({ fieldId: IDS.capacity, message: "Places par jour : un nombre entier positif, ou rien." });
    if (!isWholeNumber(values.order)) found.push({ fieldId: IDS.order, message: "Ordre : un nombre entier positif." });
    editor.setErrors(found);
    editor.setStatus("");
    if (found.length) return;
    const body: GroupInput = { activity: activity.id, name: values.name.trim(), capacity: optionalNumber(values.capacity), order: Number(values.order) };
    editor.save.mutate(body);
  }

  return (
    <form className="form card" noValidate onSubmit={submit} aria-labelledby="groupe-form-titre">
      <h4 id="groupe-form-titre" ref={editor.formHeading} tabIndex={-1}>
        {group ? `Modifier le groupe « ${group.name} »` : "Ajouter un groupe"}
      </h4>
      <ErrorSummary items={editor.errors} />
      <div className="form-grid form-grid--2">
        <InputField id={IDS.name} label="Nom du groupe *" value={values.name} onChange={set("name")} errors={fieldErrors(editor.errors, IDS.name)} required requiredMark={false} />
        <InputField
          id={IDS.capacity}
          label="Places par jour"
          hint="Vide : les places de la prestation."
          type="number"
          inputMode="numeric"
          min={0}
          value={values.capacity}
          onChange={set("capacity")}
          errors={fieldErrors(editor.errors, IDS.capacity)}
        />
        <InputField
          id={IDS.order}
          label="Ordre d'affichage"
          type="number"
          inputMode="numeric"
          min={0}
          value={values.order}
          onChange={set("order")}
          errors={fieldErrors(editor.errors, IDS.order)}
        />
      </div>
      <div className="button-row">
        <SubmitButton busy={editor.save.isPending} label={group ? "Enregistrer le groupe" : "Ajouter le groupe"} busyLabel="Enregistrement…" />
        {group && (
          <button type="button" className="button button--secondary" onClick={editor.cancelEdit}>
            Annuler la modification
          </button>
        )}
      </div>
    </form>
  );
}
