interface PaginationProps {
  /** Accessible name of the navigation ("Pages des factures"). */
  label: string;
  page: number;
  count: number;
  hasNext: boolean;
  hasPrevious: boolean;
  onPage: (page: number) => void;
}

/** Previous / next page of a paginated list (nothing when it fits on one page). */
export function Pagination({ page, count, hasNext, hasPrevious, onPage, label }: PaginationProps) {
  if (!hasNext && !hasPrevious) return null;
  return (
    <nav className="pagination" aria-label={label}>
      <button type="button" className="button button--secondary" disabled={!hasPrevious} onClick={() => onPage(page - 1)}>
        Page précédente
      </button>
      <span>
        Page {page} · {count} résultat{count > 1 ? "s" : ""}
      </span>
      <button type="button" className="button button--secondary" disabled={!hasNext} onClick={() => onPage(page + 1)}>
        Page suivante
      </button>
    </nav>
  );
}
