import { Link } from "react-router";
import type { UpdateOutcome } from "../../../api/family";
import { StatusIcon } from "../../../components/StatusIcon";

export const SAVED_MESSAGE = "Enregistré.";
export const REQUEST_SENT_MESSAGE = "Demande envoyée à la structure (en attente de validation).";
export const UNCHANGED_MESSAGE = "Aucune modification à enregistrer.";

/**
 * The outcome of a change to the file, in a live region: what was saved at
 * once, what was sent to the structure for validation.
 */
export function ChangeOutcomeNotice({ outcome }: { outcome: UpdateOutcome | "unchanged" | null }) {
  return (
    <div role="status" className="outcome-region">
      {outcome === "unchanged" && <p className="notice notice--info">{UNCHANGED_MESSAGE}</p>}
      {outcome && outcome !== "unchanged" && outcome.applied.length > 0 && (
        <p className="notice notice--success">
          <StatusIcon name="check" /> {SAVED_MESSAGE}
        </p>
      )}
      {outcome && outcome !== "unchanged" && outcome.requests.length > 0 && (
        <div className="notice notice--pending">
          <p>
            <StatusIcon name="hourglass" /> {REQUEST_SENT_MESSAGE}
          </p>
          <ul>
            {outcome.requests.flatMap((request) =>
              request.changes.map((change) => (
                <li key={`${request.id}-${change.field}`}>
                  {change.label} : {change.before || "(vide)"} → {change.after || "(vide)"}
                </li>
              )),
            )}
          </ul>
          <p>
            <Link to="/mes-demandes">Suivre mes demandes</Link>
          </p>
        </div>
      )}
      {outcome && outcome !== "unchanged" && !outcome.applied.length && !outcome.requests.length && (
        <p className="notice notice--info">{UNCHANGED_MESSAGE}</p>
      )}
    </div>
  );
}
