import { QueryView } from "../../../components/QueryView";
import { StatusMessage } from "../StaffUi";
import type { Policy } from "./api";
import { useConfigEditor, RowActions } from "./configKit";
import { POLICY_KIND_LABELS } from "./labels";
import { POLICY_IDS, PolicyForm } from "./PolicyForm";
import { usePolicies } from "./queries";
import { windowParams } from "./WindowsEditor";

/** « Délais de réservation »: when families may book and cancel (relative, working days, windows…). */
export function PoliciesPage() {
  const query = usePolicies();
  const editor = useConfigEditor<Policy>({
    collection: "policies",
    name: (p) => `Le délai « ${p.name} »`,
    params: { ...POLICY_IDS, windows: "fenetres-ajouter", ...windowParams(20) },
    labels: { windows: "Fenêtres" },
  });
  return (
    <section aria-labelledby="delais-titre" className="stack">
      <h2 id="delais-titre">Délais de réservation</h2>
      <p>Jusqu'à quand les familles peuvent réserver ou annuler. Chaque activité (ou prestation) indique le délai qu'elle applique.</p>
      <StatusMessage message={editor.status} />
      <QueryView query={query} loadingLabel="Chargement des délais…">
        {(policies) =>
          policies.length === 0 ? (
            <p>Aucun délai n'est défini.</p>
          ) : (
            <div className="table-wrapper">
              <table className="data-table data-table--reflow">
                <caption>Délais ({policies.length})</caption>
                <thead>
                  <tr>
                    <th scope="col">Nom</th>
                    <th scope="col">Type</th>
                    <th scope="col">Règle</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {policies.map((p) => (
                    <tr key={p.id}>
                      <th scope="row" data-label="Nom">
                        {p.name}
                      </th>
                      <td data-label="Type">{POLICY_KIND_LABELS[p.kind]}</td>
                      <td data-label="Règle">{p.description}</td>
                      <td data-label="Actions">
                        <RowActions item={p} label={p.name} editor={editor} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryView>
      <PolicyForm key={editor.formKey} editor={editor} />
    </section>
  );
}
