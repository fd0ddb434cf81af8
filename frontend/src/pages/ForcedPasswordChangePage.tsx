import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Navigate, useSearchParams } from "react-router";
import { sessionQueryKey } from "../api/auth";
import { useStructure } from "../api/StructureContext";
import { NEXT_PARAM, postLoginPath } from "../auth/redirects";
import { useAuthenticatedUser, useLogout } from "../auth/session";
import { ChangePasswordForm } from "../components/ChangePasswordForm";
import type { FlashState } from "../components/FlashMessage";
import { usePageTitle } from "../theme/usePageTitle";

export const FORCED_CHANGE_MESSAGE = "Pour votre sécurité, choisissez un nouveau mot de passe avant de continuer.";

/** Shown (and the only page reachable) while the user must change their password. */
export function ForcedPasswordChangePage() {
  const structure = useStructure();
  usePageTitle("Changer votre mot de passe");
  const user = useAuthenticatedUser();
  const logout = useLogout();
  const queryClient = useQueryClient();
  const [searchParams] = useSearchParams();
  const next = searchParams.get(NEXT_PARAM);
  const [changed, setChanged] = useState(false);

  // Once the session says the change is done, continue where the user was going.
  if (!user.must_change_password) {
    return (
      <Navigate
        to={postLoginPath(user, next)}
        replace
        state={changed ? ({ flash: "Votre mot de passe a été modifié." } satisfies FlashState) : undefined}
      />
    );
  }

  return (
    <>
      <p className="eyebrow">{structure.name}</p>
      <h1>Changer votre mot de passe</h1>
      <p className="notice notice--info">{FORCED_CHANGE_MESSAGE}</p>
      <ChangePasswordForm
        requireCurrentPassword={user.has_usable_password}
        submitLabel="Enregistrer et continuer"
        onSuccess={async () => {
          setChanged(true);
          await queryClient.invalidateQueries({ queryKey: sessionQueryKey });
        }}
      />
      <p className="form-footer">
        <button type="button" className="button button--link" onClick={() => !logout.isPending && logout.mutate()}>
          Se déconnecter
        </button>
      </p>
    </>
  );
}
