import { useStructure } from "../../../api/StructureContext";
import { QueryView } from "../../../components/QueryView";
import { formatDate } from "../../../format/dates";
import { StatusMessage } from "../StaffUi";
import { ACTIVITY_IDS, ActivityForm } from "./ActivityForm";
import type { Activity } from "./api";
import { RowActions, useConfigEditor } from "./configKit";
import { GenerateOpenings } from "./GenerateOpenings";
import { GroupsEditor } from "./GroupsEditor";
import { CALENDAR_LABELS } from "./labels";
import { useActivities } from "./queries";
import { UnitsEditor } from "./UnitsEditor";

/** « Activités »: the catalogue; an activity opened for editing shows its openings generation, units and groups. */
export function ActivitiesPage() {
  const structure = useStructure();
  const query = useActivities();
  const editor = useConfigEditor<Activity>({ collection: "activities", name: (a) => `L'activité « ${a.name} »`, params: ACTIVITY_IDS, feminine: true, stayOnSaved: true });
  const moduleOf = (id: string) => structure.modules.find((m) => m.id === id);
  const kindOf = (a: Activity) => moduleOf(a.module)?.activity_kinds.find((k) => k.id === a.kind)?.label ?? a.kind;
  const current = editor.editing;

  return (
    <>
      <section aria-labelledby="activites-titre" className="stack">
        <h2 id="activites-titre">Activités</h2>
        <p>Les activités proposées aux familles (accueils, restauration, mercredis, séjours…), leurs prestations et leurs groupes.</p>
        <StatusMessage message={editor.status} />
        <QueryView query={query} loadingLabel="Chargement des activités…">
          {(activities) =>
            activities.length === 0 ? (
              <p>Aucune activité pour l'instant.</p>
            ) : (
              <div className="table-wrapper">
                <table className="data-table data-table--reflow">
                  <caption>Activités ({activities.length})</caption>
                  <thead>
                    <tr>
                      <th scope="col">Nom</th>
                      <th scope="col">Service et type</th>
                      <th scope="col">Dates</th>
                      <th scope="col">Jours</th>
                      <th scope="col">Inscrits</th>
                      <th scope="col">Proposée</th>
                      <th scope="col">Actions</th>
                    </tr>
                  </thead>
                  <tbody>
                    {activities.map((a) => (
                      <tr key={a.id} className={current?.id === a.id ? "is-selected" : undefined}>
                        <th scope="row" data-label="Nom">
                          {a.name} <span className="status-pill">{a.season}</span>
                        </th>
                        <td data-label="Service et type">
                          {moduleOf(a.module)?.label ?? a.module} · {kindOf(a)}
                        </td>
                        <td data-label="Dates">
                          du {formatDate(a.start_date)} au {formatDate(a.end_date)}
                        </td>
                        <td data-label="Jours">{CALENDAR_LABELS[a.calendar ?? "school_days"]}</td>
                        <td data-label="Inscrits">{a.enrolled}</td>
                        <td data-label="Proposée">{a.published ? "Oui" : "Non"}</td>
                        <td data-label="Actions">
                          <RowActions item={a} label={a.name} editor={editor} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </QueryView>
        <ActivityForm key={editor.formKey} editor={editor} />
      </section>
      {current && (
        <div className="stack activity-details">
          <GenerateOpenings key={`g-${current.id}`} activity={current} />
          <UnitsEditor key={`u-${current.id}`} activity={current} />
          <GroupsEditor key={`gr-${current.id}`} activity={current} />
        </div>
      )}
    </>
  );
}
