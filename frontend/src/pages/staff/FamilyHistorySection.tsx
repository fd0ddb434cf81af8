import { useQuery } from "@tanstack/react-query";
import { QueryView } from "../../components/QueryView";
import { formatDateTime } from "../../format/dates";
import { displayValue } from "../../format/text";
import { fetchFamilyHistory, staffKeys } from "./api";
import { useFamilyFile } from "./FamilyFileLayout";

/** Audit history: who changed what and when. */
export function FamilyHistorySection() {
  const { familyId } = useFamilyFile();
  const query = useQuery({ queryKey: staffKeys.history(familyId), queryFn: ({ signal }) => fetchFamilyHistory(familyId, signal) });
  return (
    <section aria-labelledby="historique-titre">
      <h2 id="historique-titre">Historique</h2>
      <QueryView query={query} loadingLabel="Chargement de l'historique…">
        {(entries) =>
          entries.length === 0 ? (
            <p>Aucune modification enregistrée.</p>
          ) : (
            <div className="table-wrapper">
              <table className="data-table data-table--reflow">
                <caption>Modifications du dossier, des plus récentes aux plus anciennes</caption>
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Action</th>
                    <th scope="col">Élément</th>
                    <th scope="col">Auteur</th>
                    <th scope="col">Détail</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((entry, index) => (
                    <tr key={`${entry.at}-${index}`}>
                      <td data-label="Date">{formatDateTime(entry.at)}</td>
                      <td data-label="Action">{entry.action}</td>
                      <td data-label="Élément">
                        {entry.object_type} · {entry.object_label}
                      </td>
                      <td data-label="Auteur">{entry.author || "Système"}</td>
                      <td data-label="Détail">
                        {entry.changes.length ? (
                          <ul className="change-list">
                            {entry.changes.map((change) => (
                              <li key={change.field}>
                                <strong>{change.field}</strong> : <span className="change__tag">avant</span>
                                <span className="change__before">{displayValue(change.before)}</span> <span aria-hidden="true">→</span>{" "}
                                <span className="change__tag">après</span>
                                <span className="change__after">{displayValue(change.after)}</span>
                              </li>
                            ))}
                          </ul>
                        ) : (
                          "—"
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryView>
    </section>
  );
}
