import { useMutation, useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { staffErrors } from "../../../components/serverErrors";
import { usePageTitle } from "../../../theme/usePageTitle";
import { announcementKeys, confirmUnsubscribe, readUnsubscribe } from "./api";

export const INVALID_UNSUBSCRIBE = "Ce lien de désabonnement n'est pas valide.";

/** The server's French refusal (`{"token": ["…"]}`), or ours. */
function messageOf(error: unknown): string {
  return staffErrors(error)[0]?.message ?? INVALID_UNSUBSCRIBE;
}

function ManageLink() {
  return (
    <p>
      <Link to="/mes-notifications">Gérer toutes mes notifications</Link> (après connexion)
    </p>
  );
}

/**
 * /desabonnement/:token — the link at the bottom of an optional e-mail. Opening it
 * changes nothing (mail scanners open links); the button turns the e-mails off.
 */
export function UnsubscribePage() {
  usePageTitle("Désabonnement");
  const { token = "" } = useParams();
  const info = useQuery({ queryKey: announcementKeys.unsubscribe(token), queryFn: ({ signal }) => readUnsubscribe(token, signal), retry: false });
  const mutation = useMutation({ mutationFn: () => confirmUnsubscribe(token) });

  return (
    <>
      <h1>Ne plus recevoir certains e-mails</h1>
      {info.isPending ? (
        <p role="status">
          <span className="spinner" aria-hidden="true" /> Vérification du lien…
        </p>
      ) : info.isError ? (
        <div role="alert">
          <p className="notice notice--error">{messageOf(info.error)}</p>
          <ManageLink />
        </div>
      ) : mutation.isSuccess ? (
        <div role="status">
          <p className="notice notice--success">
            C'est fait : vous ne recevrez plus les e-mails « {mutation.data.label} ». Vous les retrouverez toujours sur le portail.
          </p>
          <ManageLink />
        </div>
      ) : (
        <>
          <p>
            En confirmant, vous ne recevrez plus les e-mails « <strong>{info.data.label}</strong> ». Les informations resteront visibles sur le
            portail, et les e-mails nécessaires à votre dossier (factures, compte) continueront d'être envoyés.
          </p>
          <button type="button" className="button button--primary" aria-disabled={mutation.isPending || undefined} onClick={() => !mutation.isPending && mutation.mutate()}>
            {mutation.isPending && <span className="spinner" aria-hidden="true" />}
            Ne plus recevoir ces e-mails
          </button>
          <div role="alert">{mutation.isError && <p className="notice notice--error">{messageOf(mutation.error)}</p>}</div>
          <ManageLink />
        </>
      )}
    </>
  );
}
