import type { ActivityKind } from "../api/structure";

interface ActivityKindListProps {
  kinds: readonly ActivityKind[];
  headingLevel: 2 | 3 | 4;
  title?: string;
}

/** The activity kinds of a module, under their own heading. */
export function ActivityKindList({ kinds, headingLevel, title = "Activités proposées" }: ActivityKindListProps) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div className="activity-kinds">
      <Heading className="activity-kinds__title">{title}</Heading>
      {kinds.length ? (
        <ul className="activity-kinds__list">
          {kinds.map((kind) => (
            <li key={kind.id}>{kind.label}</li>
          ))}
        </ul>
      ) : (
        <p>Aucune activité n'est encore configurée.</p>
      )}
    </div>
  );
}
