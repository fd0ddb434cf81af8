import { displayValue } from "../../format/text";

interface ChangeItem {
  label: string;
  before: unknown;
  after: unknown;
}

/** "Label : before → after", the arrow backed by words for screen readers (and no colour only). */
export function ChangeList({ changes }: { changes: readonly ChangeItem[] }) {
  if (!changes.length) return <>—</>;
  return (
    <ul className="change-list">
      {changes.map((change, index) => (
        <li key={`${change.label}-${index}`}>
          <strong>{change.label}</strong> :{" "}
          <span className="change__tag">avant</span>
          <span className="change__before">{displayValue(change.before)}</span> <span aria-hidden="true">→</span>{" "}
          <span className="change__tag">après</span>
          <span className="change__after">{displayValue(change.after)}</span>
        </li>
      ))}
    </ul>
  );
}
