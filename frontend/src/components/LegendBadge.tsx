import type { LegendEntry } from "../api/structure";
import { parseHexColor, readableForeground } from "../theme/contrast";

/** The short label on its colour, with black or white text for contrast. */
export function LegendBadge({ entry }: { entry: Pick<LegendEntry, "short_label" | "color"> }) {
  const valid = parseHexColor(entry.color) !== null;
  const style = valid ? { backgroundColor: entry.color, color: readableForeground(entry.color) } : undefined;
  return (
    <span className="badge" style={style}>
      {entry.short_label}
    </span>
  );
}
