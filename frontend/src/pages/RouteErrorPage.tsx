import { useEffect } from "react";
import { useRouteError } from "react-router";

/** Last-resort page when rendering a route throws. */
export function RouteErrorPage() {
  const error = useRouteError();
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
