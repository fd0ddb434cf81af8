/**
 * Document title management (RGAA 8.6: each page has a relevant title).
 *
 * Pages register their own title with `usePageTitle()`; the title then reads
 * "<Page title> — <structure name>". When no page has registered one, the
 * fallback is "<structure name> — Portail familles". The structure name is
 * always part of the title.
 */

export const TITLE_SUFFIX = "Portail familles";

/** Title used when no page sets its own: "<structure name> — Portail familles". */
export function documentTitle(structureName: string): string {
  return `${structureName} — ${TITLE_SUFFIX}`;
}

/** Title of a page: "<Page title> — <structure name>" (or "— Portail familles" without a name). */
export function pageDocumentTitle(pageTitle: string, structureName: string | null | undefined): string {
  return `${pageTitle} — ${structureName || TITLE_SUFFIX}`;
}

interface PageTitleEntry {
  pageTitle: string;
  structureName: string | null;
}

/** Titles registered by mounted pages; the last registered one wins. */
const entries: PageTitleEntry[] = [];

/** Recomputes document.title; `structureName` (when known) takes precedence over the page's. */
export function refreshDocumentTitle(structureName: string | null): void {
  const current = entries[entries.length - 1];
  const name = structureName || current?.structureName || null;
  if (current) document.title = pageDocumentTitle(current.pageTitle, name);
  else document.title = name ? documentTitle(name) : TITLE_SUFFIX;
}

/** Registers a page title; returns the function that unregisters it. */
export function registerPageTitle(pageTitle: string, structureName: string | null): () => void {
  const entry: PageTitleEntry = { pageTitle, structureName };
  entries.push(entry);
  refreshDocumentTitle(structureName);
  return () => {
    const index = entries.indexOf(entry);
    if (index !== -1) entries.splice(index, 1);
    refreshDocumentTitle(structureName);
  };
}
