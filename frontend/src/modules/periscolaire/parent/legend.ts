/**
 * Legend lookup: each planning cell's code ("confirmed", "deadline_passed"…)
 * has a label, a short code and a colour in the structure's legend. "free",
 * "none" and "past" have no entry: they are shown neutrally.
 */
import { useMemo } from "react";
import type { LegendEntry } from "../../../api/structure";
import { useStructure } from "../../../api/StructureContext";
import { parseHexColor, readableForeground } from "../../../theme/contrast";

export interface LegendItem {
  code: string;
  label: string;
  short: string;
  /** Background and text colours; none for the neutral codes. */
  color?: string;
  foreground?: string;
  neutral: boolean;
}

export const NEUTRAL: Record<string, { label: string; short: string }> = {
  free: { label: "Libre", short: "" },
  none: { label: "Pas d'accueil", short: "–" },
  past: { label: "Jour passé", short: "" },
};

export type LegendLookup = (code: string, module?: string | null) => LegendItem;

export function makeLookup(entries: readonly LegendEntry[]): LegendLookup {
  return (code, module) => {
    const neutral = NEUTRAL[code];
    if (neutral) return { code, ...neutral, neutral: true };
    const entry =
      entries.find((e) => e.code === code && module && e.module === module) ??
      entries.find((e) => e.code === code && e.module === null) ??
      entries.find((e) => e.code === code);
    if (!entry) return { code, label: code, short: code, neutral: true };
    const valid = parseHexColor(entry.color) !== null;
    return {
      code,
      label: entry.label,
      short: entry.short_label,
      color: valid ? entry.color : undefined,
      foreground: valid ? readableForeground(entry.color) : undefined,
      neutral: !valid,
    };
  };
}

/** The lookup of the current structure's legend. */
export function useLegend(): LegendLookup {
  const structure = useStructure();
  return useMemo(() => makeLookup(structure.legend), [structure.legend]);
}

/** The words of a committed line ("Terminer"), by reservation state. */
export const OUTCOME_LABELS: Record<string, string> = {
  confirmed: "Réservé",
  requested: "Demande envoyée",
  waitlisted: "Liste d'attente",
  cancelled: "Annulé",
  cancel_requested: "Demande d'annulation envoyée",
  refused: "Refusé",
};
