import type { LegendEntry, StructureModule } from "../api/structure";
import { LegendBadge } from "./LegendBadge";

interface LegendTableProps {
  entries: readonly LegendEntry[];
  caption: string;
  /** When given, adds a "Service" column naming each entry's module. */
  modules?: readonly StructureModule[];
}

export function LegendTable({ entries, caption, modules }: LegendTableProps) {
  // Core entries (reservation states, closures, holidays) have no module.
  const moduleLabel = (id: string | null) =>
    id === null ? "Tous les services" : (modules?.find((m) => m.id === id)?.label ?? id);
  return (
    <div className="table-wrapper">
      <table className="legend-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Symbole</th>
            <th scope="col">Signification</th>
            {modules && <th scope="col">Service</th>}
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={`${entry.module}-${entry.code}`}>
              <td>
                <LegendBadge entry={entry} />
              </td>
              <td>{entry.label}</td>
              {modules && <td>{moduleLabel(entry.module)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

