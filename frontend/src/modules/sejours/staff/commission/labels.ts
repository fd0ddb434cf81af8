/** Words shared by the commission's and the follow-up's pages. */
import type { DecisionStatus } from "./api";

export const plural = (count: number, one: string, many: string) => `${count} ${count > 1 ? many : one}`;

export const STATUS_LABELS: Record<DecisionStatus, string> = {
  placed: "Place proposée",
  waitlisted: "Liste d'attente",
  refused: "Refusé",
  no_wish: "Aucun vœu",
};

const RATIO = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });

/** "1,8" demands per place; "—" when no place is left to share. */
export const ratio = (value: number | null) => (value === null ? "—" : RATIO.format(value));
