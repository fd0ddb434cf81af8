import { useContext, useEffect } from "react";
import { StructureContext } from "../api/StructureContext";
import { registerPageTitle } from "./documentTitle";

/**
 * Sets document.title to "<pageTitle> — <structure name>" while the calling
 * page is mounted (RGAA 8.6). The structure name comes from the context
 * (below <RootLayout>) unless `structureName` is given. A null/empty
 * `pageTitle` sets nothing: the fallback "<name> — Portail familles" stays.
 */
export function usePageTitle(pageTitle: string | null | undefined, structureName?: string | null): void {
  const structure = useContext(StructureContext);
  const name = structureName ?? structure?.name ?? null;
  useEffect(() => {
    if (!pageTitle) return;
    return registerPageTitle(pageTitle, name);
  }, [pageTitle, name]);
}
