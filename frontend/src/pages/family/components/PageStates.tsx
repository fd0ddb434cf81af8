import { ApiError } from "../../../api/client";
import { MESSAGES } from "../../../components/errorMessages";

export function PageLoading({ label = "Chargement…" }: { label?: string }) {
  return (
    <p role="status" className="page-loading">
      <span className="spinner" aria-hidden="true" /> {label}
    </p>
  );
}

/** A page's data could not be loaded. */
export function PageError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const message =
    error instanceof ApiError && error.status === 404
      ? "Cette page n'existe pas ou n'est plus disponible."
      : error instanceof ApiError && error.status === 403
        ? "Vous n'avez pas accès à ces informations."
        : error instanceof ApiError && error.status < 500
          ? MESSAGES.unexpected
          : MESSAGES.network;
  return (
    <div role="alert" className="notice notice--error">
      <p>{message}</p>
      {onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          Réessayer
        </button>
      )}
    </div>
  );
}
