import { useEffect, useRef } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { sessionQueryKey } from "../../api/auth";
import { verifyEmail } from "../../api/authFlows";
import { ApiError } from "../../api/client";
import { useDossierOptions } from "../../api/family";
import { usePageTitle } from "../../theme/usePageTitle";

export const CONFIRMED_AWAITING_VALIDATION =
  "Adresse confirmée. Votre compte doit être validé par la structure : vous recevrez un e-mail.";
export const CONFIRMED = "Adresse confirmée. Vous pouvez maintenant vous connecter.";
export const INVALID_LINK = "Ce lien de confirmation n'est pas valide ou a expiré.";

/** /confirmer-email/:key — the link of the sign-up e-mail. */
export function ConfirmEmailPage() {
  usePageTitle("Confirmation de l'adresse e-mail");
  const { key = "" } = useParams();
  const queryClient = useQueryClient();
  const options = useDossierOptions();
  const mutation = useMutation({
    mutationFn: verifyEmail,
    onSuccess: (user) => {
      if (user) queryClient.setQueryData(sessionQueryKey, user);
    },
  });
  const sent = useRef(false);
  const { mutate } = mutation;

  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    mutate(key);
  }, [key, mutate]);

  const invalid = mutation.error instanceof ApiError && (mutation.error.status === 400 || mutation.error.status === 404 || mutation.error.status === 409);
  const loggedIn = Boolean(mutation.data);

  return (
    <>
      <h1>Confirmation de votre adresse e-mail</h1>
      <div role="status" aria-live="polite">
        {(mutation.isPending || mutation.isIdle) && (
          <p>
            <span className="spinner" aria-hidden="true" /> Confirmation en cours…
          </p>
        )}
        {mutation.isSuccess && (
          <>
            <p className="notice notice--success">
              {options.data?.signup_requires_validation ? CONFIRMED_AWAITING_VALIDATION : CONFIRMED}
            </p>
            <p className="form-footer">
              {loggedIn ? <Link to="/">Accéder à mon espace</Link> : <Link to="/connexion">Se connecter</Link>}
            </p>
          </>
        )}
      </div>
      {mutation.isError && (
        <div role="alert">
          <p className="notice notice--error">
            {invalid ? INVALID_LINK : "La confirmation n'a pas pu aboutir. Réessayez dans quelques instants."}
          </p>
          {invalid && (
            <p>
              Connectez-vous avec votre adresse et votre mot de passe : un nouveau lien vous sera envoyé si l'adresse n'est pas encore
              confirmée.
            </p>
          )}
          <p className="form-footer">
            <Link to="/connexion">Aller à la page de connexion</Link>
          </p>
        </div>
      )}
    </>
  );
}
