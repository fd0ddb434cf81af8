import { useEffect } from "react";
import type { Structure } from "../api/structure";
import { themeColors } from "./contrast";
import { refreshDocumentTitle } from "./documentTitle";

export { TITLE_SUFFIX, documentTitle } from "./documentTitle";

/**
 * Applies the tenant's colours (CSS variables) and the document title: the
 * current page's title if one is set (see usePageTitle), otherwise
 * "<structure name> — Portail familles".
 */
export function applyStructureTheme(structure: Pick<Structure, "name" | "primary_color">, root: HTMLElement = document.documentElement): void {
  const colors = themeColors(structure.primary_color);
  root.style.setProperty("--primary", colors.primary);
  root.style.setProperty("--on-primary", colors.onPrimary);
  root.style.setProperty("--primary-text", colors.primaryText);
  refreshDocumentTitle(structure.name);
}

export function useStructureTheme(structure: Structure | undefined): void {
  useEffect(() => {
    if (structure) applyStructureTheme(structure);
  }, [structure]);
}
