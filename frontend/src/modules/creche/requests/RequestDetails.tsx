import { formatDate, formatDateTime } from "../../../format/dates";
import { describeSchedule, formatHours, type PlaceRequest } from "./api";

/** What the family asked: the child, the start, the establishments, the schedule. */
export function RequestDetails({ request }: { request: PlaceRequest }) {
  return (
    <dl className="creche-details">
      <div>
        <dt>Enfant</dt>
        <dd>{request.child_id ? request.child_name : `${request.child_name}, naissance prévue le ${formatDate(request.due_date)}`}</dd>
      </div>
      <div>
        <dt>Entrée souhaitée le</dt>
        <dd>{formatDate(request.desired_start)}</dd>
      </div>
      <div>
        <dt>Type d'accueil</dt>
        <dd>{request.care_label}</dd>
      </div>
      <div>
        <dt>Établissements demandés</dt>
        <dd>
          <ol>
            {request.choices.map((c) => (
              <li key={c.rank}>{c.establishment_name}</li>
            ))}
          </ol>
        </dd>
      </div>
      <div>
        <dt>Planning souhaité</dt>
        <dd>
          {describeSchedule(request.schedule)} ({formatHours(request.hours_per_week)} par semaine en moyenne)
        </dd>
      </div>
      {request.comment && (
        <div>
          <dt>Commentaire</dt>
          <dd>{request.comment}</dd>
        </div>
      )}
      <div>
        <dt>Déposée le</dt>
        <dd>{formatDateTime(request.created_at)}</dd>
      </div>
    </dl>
  );
}
