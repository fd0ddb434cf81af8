import { ApiError } from "../api/client";
import { MESSAGES } from "./errorMessages";

interface ErrorStateProps {
  error: unknown;
  onRetry?: () => void;
}

function explain(error: unknown): { title: string; message: string } {
  if (error instanceof ApiError && error.status === 404) {
    return {
      title: "Portail introuvable",
      message: "Aucune structure n'est associée à cette adresse. Vérifiez l'adresse saisie ou contactez votre mairie.",
    };
  }
  if (error instanceof ApiError && error.status < 500) {
    return { title: "Le portail n'a pas pu être chargé", message: MESSAGES.unexpected };
  }
  return {
    title: "Le portail est momentanément indisponible",
    message:
      "Nous n'arrivons pas à joindre le serveur. Vérifiez votre connexion internet, puis réessayez dans quelques instants.",
  };
}

/** Full-page error shown when the structure or the session cannot be loaded. */
export function ErrorState({ error, onRetry }: ErrorStateProps) {
  const { title, message } = explain(error);
  return (
    <main className="state-page" id="contenu" tabIndex={-1}>
      <div className="state-page__box" role="alert">
        <h1>{title}</h1>
        <p>{message}</p>
        {onRetry && (
          <button type="button" className="button button--primary" onClick={onRetry}>
            Réessayer
          </button>
        )}
      </div>
    </main>
  );
}
