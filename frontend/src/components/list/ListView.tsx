import type { ReactNode } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import { QueryView } from "../QueryView";
import { Pagination } from "./Pagination";

/** A page of a DRF-paginated list. */
export interface Paginated<T> {
  count: number;
  next?: string | null;
  previous?: string | null;
  results: T[];
}

interface ListViewProps<T> {
  query: UseQueryResult<Paginated<T>>;
  /** Announced while the first page loads ("Chargement des factures…"). */
  loadingLabel: string;
  /**
   * Instead of the list when there is no result: a sentence, or an element.
   * Left out, the children get the empty page and show their own (e.g. when
   * they hold a status message that must outlive the last row).
   */
  empty?: ReactNode;
  /** The navigation's accessible name, the current page and how to change it. */
  pagination: { label: string; page: number; onPage: (page: number) => void };
  /** The results (a <DataTable>, cards…). */
  children: (data: Paginated<T>) => ReactNode;
}

/**
 * A paginated list's states: loading, no access, error (with Réessayer),
 * empty, then the results and the pagination. While another page or other
 * filters load, the previous results stay (keepPreviousData in the query).
 */
export function ListView<T>({ query, loadingLabel, empty, pagination, children }: ListViewProps<T>) {
  return (
    <QueryView query={query} loadingLabel={loadingLabel}>
      {(data) =>
        data.results.length === 0 && empty !== undefined ? (
          typeof empty === "string" ? <p>{empty}</p> : empty
        ) : (
          <>
            {children(data)}
            <Pagination
              label={pagination.label}
              page={pagination.page}
              count={data.count}
              hasNext={Boolean(data.next)}
              hasPrevious={Boolean(data.previous)}
              onPage={pagination.onPage}
            />
          </>
        )
      }
    </QueryView>
  );
}
