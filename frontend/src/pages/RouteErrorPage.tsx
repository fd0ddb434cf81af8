import { useEffect } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useRouteError } from "react-router";
import { structureQueryKey, type Structure } from "../api/structure";
import { usePageTitle } from "../theme/usePageTitle";

/** Last-resort page when rendering a route throws. */
export function RouteErrorPage() {
  const error = useRouteError();
  // Rendered outside <RootLayout> (no structure context): take the name from the cache.
  const structureName = useQueryClient().getQueryData<Structure>(structureQueryKey)?.name;
  usePageTitle("Erreur", structureName);
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <main className="state-page" id="contenu" tabIndex={-1}>
      <div className="state-page__box" role="alert">
        <h1>Une erreur inattendue est survenue</h1>
        <p>Rechargez la page. Si le problème persiste, contactez votre structure.</p>
        <p>
          <a className="button button--primary" href="/">
            Retour à l'accueil
          </a>
        </p>
      </div>
    </main>
  );
}
