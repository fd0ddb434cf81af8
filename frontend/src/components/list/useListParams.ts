import { useSearchParams } from "react-router";

/** A list filter kept in the URL. */
export interface UrlFilter {
  /** Its search parameter, in French ("etat", "du"…). */
  param: string;
  /** Its value when the parameter is absent; never written to the URL. Default "". */
  default?: string;
  /** The values it may take: any other value in the URL reads as the default. */
  values?: readonly string[];
}

/** Positive integer from a search parameter (1 by default). */
export function pageParam(value: string | null): number {
  const page = Number(value);
  return Number.isInteger(page) && page > 0 ? page : 1;
}

/** The filters `spec` describes, as the URL gives them. */
export function readFilters<K extends string>(params: URLSearchParams, spec: Record<K, UrlFilter>): Record<K, string> {
  const filters = {} as Record<K, string>;
  for (const key of Object.keys(spec) as K[]) {
    const { param, default: fallback = "", values } = spec[key];
    const value = params.get(param);
    filters[key] = value === null || (values && !values.includes(value)) ? fallback : value;
  }
  return filters;
}

/**
 * The filters and the page of a list, kept in the URL's search parameters and
 * read back from it on every render: a link or a reload shows the same list,
 * and back/forward restores the filters with the results. Parameters the
 * spec does not name (a tab…) are left alone.
 */
export function useListParams<K extends string>(spec: Record<K, UrlFilter>) {
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params, spec);
  const page = pageParam(params.get("page"));

  /** Changes some filters and goes back to the first page. */
  function setFilters(changes: Partial<Record<K, string>>) {
    const next = new URLSearchParams(params);
    for (const key of Object.keys(changes) as K[]) {
      const { param, default: fallback = "" } = spec[key];
      const value = (changes[key] ?? "").trim();
      if (value && value !== fallback) next.set(param, value);
      else next.delete(param);
    }
    next.delete("page");
    setParams(next);
  }

  function setPage(target: number) {
    const next = new URLSearchParams(params);
    if (target > 1) next.set("page", String(target));
    else next.delete("page");
    setParams(next);
  }

  return { filters, page, params, setParams, setFilters, setPage };
}
