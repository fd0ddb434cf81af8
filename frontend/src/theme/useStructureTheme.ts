import { useEffect } from "react";
import type { Structure } from "../api/structure";
import { themeColors } from "./contrast";

export const TITLE_SUFFIX = "Portail familles";

export function documentTitle(structureName: string): string {
  return `${structureName} — ${TITLE_SUFFIX}`;
}

/** Applies the tenant's colours (CSS variables) and the document title. */
export function applyStructureTheme(structure: Pick<Structure, "name" | "primary_color">, root: HTMLElement = document.documentElement): void {
  const colors = themeColors(structure.primary_color);
  root.style.setProperty("--primary", colors.primary);
  root.style.setProperty("--on-primary", colors.onPrimary);
  root.style.setProperty("--primary-text", colors.primaryText);
  document.title = documentTitle(structure.name);
}

export function useStructureTheme(structure: Structure | undefined): void {
  useEffect(() => {
    if (structure) applyStructureTheme(structure);
  }, [structure]);
}
