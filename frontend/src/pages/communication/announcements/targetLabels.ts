import { formatDate } from "../../../format/dates";
import type { Criterion, CriterionKind, TargetOptions } from "./api";

export const KIND_OPTIONS: { value: CriterionKind; label: string }[] = [
  { value: "all", label: "Toutes les familles" },
  { value: "module", label: "Inscrits à un module" },
  { value: "activity", label: "Inscrits à une activité" },
  { value: "group", label: "Inscrits dans un groupe" },
  { value: "reservation", label: "Réservation un jour donné" },
  { value: "unpaid", label: "Factures impayées" },
  { value: "families", label: "Familles choisies" },
];

/** Names of the families hand-picked in this session (id → "Martin (n° 1042)"). */
export type FamilyNames = Record<number, string>;

const activityName = (options: TargetOptions | undefined, id: number) => options?.activities.find((item) => item.id === id)?.name ?? "?";

/**
 * The criterion in words, as the server words it (services/targets.py
 * `target_labels`), except that hand-picked families are named when known.
 */
export function criterionLabel(criterion: Criterion, options: TargetOptions | undefined, names: FamilyNames = {}): string {
  switch (criterion.kind) {
    case "all":
      return "Toutes les familles";
    case "module":
      return `Inscrits au module « ${options?.modules.find((item) => item.id === criterion.module)?.label ?? criterion.module} »`;
    case "activity":
      return `Inscrits à « ${activityName(options, criterion.activity)} »`;
    case "group":
      return `Inscrits dans le groupe « ${options?.groups.find((item) => item.id === criterion.group)?.name ?? "?"} »`;
    case "reservation": {
      const where =
        criterion.unit !== null
          ? ` (${options?.units.find((item) => item.id === criterion.unit)?.name ?? "?"})`
          : criterion.activity !== null
            ? ` (${activityName(options, criterion.activity)})`
            : "";
      return `Réservation le ${formatDate(criterion.date)}${where}`;
    }
    case "unpaid":
      return "Factures impayées";
    case "families": {
      const known = criterion.families.map((id) => names[id]).filter(Boolean);
      const count = criterion.families.length;
      return known.length === count ? `Familles choisies : ${known.join(", ")}` : `${count} ${count > 1 ? "familles choisies" : "famille choisie"}`;
    }
  }
}

/** The criterion as a stable text (keys sorted: the server reorders them), to compare and index criteria. */
export function criterionKey(criterion: Criterion): string {
  return JSON.stringify(criterion, Object.keys(criterion).sort());
}
