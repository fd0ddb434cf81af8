import { Link } from "react-router";
import { homePathFor } from "../auth/redirects";
import { useSessionUser } from "../auth/session";
import { usePageTitle } from "../theme/usePageTitle";

export function NotFoundPage() {
  const user = useSessionUser();
  usePageTitle("Page introuvable");
  return (
    <>
      <h1>Page introuvable</h1>
      <p>La page que vous cherchez n'existe pas ou a été déplacée.</p>
      <p>
        <Link to={user ? homePathFor(user) : "/connexion"}>{user ? "Retour à l'accueil" : "Aller à la page de connexion"}</Link>
      </p>
    </>
  );
}
