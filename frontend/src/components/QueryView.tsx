import type { ReactNode } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import { FORBIDDEN_MESSAGE, isForbidden, staffErrors } from "./serverErrors";

export function ForbiddenNotice() {
  return <p className="notice notice--error">{FORBIDDEN_MESSAGE}</p>;
}

interface QueryViewProps<T> {
  query: UseQueryResult<T>;
  loadingLabel: string;
  children: (data: T) => ReactNode;
}

/** Loading, 403 ("no access") and error states of a query, then its data. */
export function QueryView<T>({ query, loadingLabel, children }: QueryViewProps<T>) {
  if (query.data !== undefined) return <>{children(query.data)}</>;
  if (query.isError) {
    if (isForbidden(query.error)) return <ForbiddenNotice />;
    const [first] = staffErrors(query.error);
    return (
      <div className="notice notice--error">
        <p>{first?.message}</p>
        <button type="button" className="button button--secondary" onClick={() => void query.refetch()}>
          Réessayer
        </button>
      </div>
    );
  }
  return (
    <p role="status" className="inline-status">
      <span className="spinner" aria-hidden="true" /> {loadingLabel}
    </p>
  );
}
