import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { sessionQueryKey } from "../api/auth";
import { useAuthenticatedUser } from "../auth/session";
import { ChangePasswordForm } from "../components/ChangePasswordForm";
import { usePageTitle } from "../theme/usePageTitle";

export const PASSWORD_CHANGED_MESSAGE = "Votre mot de passe a été modifié.";

export function AccountPage() {
  const user = useAuthenticatedUser();
  usePageTitle("Mon compte");
  const queryClient = useQueryClient();
  const [changed, setChanged] = useState(false);
  const fullName = [user.first_name, user.last_name].filter(Boolean).join(" ") || user.display;

  return (
    <>
      <h1>Mon compte</h1>
      <section aria-labelledby="identite-titre" className="section card">
        <h2 id="identite-titre">Identité</h2>
        <dl className="definition-list">
          <div>
            <dt>Nom</dt>
            <dd>{fullName}</dd>
          </div>
          <div>
            <dt>Adresse électronique</dt>
            <dd>{user.email}</dd>
          </div>
          <div>
            <dt>{user.role_labels.length > 1 ? "Rôles" : "Rôle"}</dt>
            <dd>{user.role_labels.length ? user.role_labels.join(", ") : "Aucun"}</dd>
          </div>
        </dl>
        <p>
          <Link to="/mes-notifications">Mes notifications</Link> : choisir les e-mails que vous recevez.
        </p>
      </section>

      <section aria-labelledby="mot-de-passe-titre" className="section card">
        <h2 id="mot-de-passe-titre">{user.has_usable_password ? "Changer mon mot de passe" : "Définir un mot de passe"}</h2>
        <div role="status">{changed && <p className="notice notice--success">{PASSWORD_CHANGED_MESSAGE}</p>}</div>
        <ChangePasswordForm
          requireCurrentPassword={user.has_usable_password}
          onSuccess={async () => {
            setChanged(true);
            await queryClient.invalidateQueries({ queryKey: sessionQueryKey });
          }}
        />
      </section>
    </>
  );
}
