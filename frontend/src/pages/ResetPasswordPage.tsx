import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "react-router";
import { sessionQueryKey } from "../api/auth";
import { checkPasswordResetKey, resetPassword } from "../api/authFlows";
import { useStructure } from "../api/StructureContext";
import { LOGIN_PATH, postLoginPath } from "../auth/redirects";
import { ErrorState } from "../components/ErrorState";
import { ErrorSummary } from "../components/ErrorSummary";
import type { FlashState } from "../components/FlashMessage";
import { describeError, fieldErrors, type FormErrorItem } from "../components/formErrors";
import { usePasswordCheck } from "../auth/usePasswordCheck";
import { CONFIRMATION_ID, CONFIRMATION_MISMATCH, NEW_PASSWORD_ID, NewPasswordFields, RULES_UNMET } from "../components/NewPasswordFields";
import { SubmitButton } from "../components/SubmitButton";
import { usePageTitle } from "../theme/usePageTitle";

export const RESET_DONE_MESSAGE = "Votre mot de passe a été réinitialisé. Vous pouvez maintenant vous connecter.";

export function ResetPasswordPage() {
  const structure = useStructure();
  usePageTitle("Nouveau mot de passe");
  const { key = "" } = useParams();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [checking, setChecking] = useState(false);

  const keyQuery = useQuery({
    queryKey: ["auth", "password-reset-key", key],
    queryFn: ({ signal }) => checkPasswordResetKey(key, signal),
    staleTime: Infinity,
    enabled: key !== "",
  });
  // The similarity rule compares with the key's account, as the reset itself does.
  const check = usePasswordCheck(password, keyQuery.data || {});

  const mutation = useMutation({
    mutationFn: resetPassword,
    onSuccess: (user) => {
      queryClient.removeQueries({ queryKey: ["auth", "password-reset-key"] });
      if (user) {
        queryClient.setQueryData(sessionQueryKey, user);
        navigate(postLoginPath(user), { replace: true, state: { flash: "Votre mot de passe a été réinitialisé." } satisfies FlashState });
      } else {
        queryClient.setQueryData(sessionQueryKey, null);
        navigate(LOGIN_PATH, { replace: true, state: { flash: RESET_DONE_MESSAGE } satisfies FlashState });
      }
    },
    onError: (error) => setErrors(describeError(error, { password: NEW_PASSWORD_ID })),
  });

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending || checking) return;
    const found: FormErrorItem[] = [];
    if (!password) found.push({ fieldId: NEW_PASSWORD_ID, message: "Saisissez un nouveau mot de passe." });
    else {
      setChecking(true);
      const verdict = await check.verify();
      setChecking(false);
      if (verdict === "invalid") found.push({ fieldId: NEW_PASSWORD_ID, message: RULES_UNMET });
    }
    if (password && confirmation !== password) found.push({ fieldId: CONFIRMATION_ID, message: CONFIRMATION_MISMATCH });
    setErrors(found);
    if (!found.length) mutation.mutate({ key, password });
  }

  let content;
  if (key === "" || keyQuery.data === false) {
    content = (
      <div role="alert">
        <p className="notice notice--error">Ce lien de réinitialisation est invalide ou a expiré.</p>
        <p>
          <Link to="/mot-de-passe-oublie">Demander un nouveau lien</Link>
        </p>
      </div>
    );
  } else if (keyQuery.isError) {
    return <ErrorState error={keyQuery.error} onRetry={() => void keyQuery.refetch()} />;
  } else if (keyQuery.isPending) {
    content = (
      <p role="status">
        <span className="spinner" aria-hidden="true" /> Vérification du lien…
      </p>
    );
  } else {
    content = (
      <>
        <p>Choisissez votre nouveau mot de passe.</p>
        <ErrorSummary items={errors} />
        <form className="form" noValidate onSubmit={(event) => void handleSubmit(event)}>
          <NewPasswordFields
            password={password}
            check={check}
            confirmation={confirmation}
            onPasswordChange={setPassword}
            onConfirmationChange={setConfirmation}
            passwordErrors={fieldErrors(errors, NEW_PASSWORD_ID)}
            confirmationErrors={fieldErrors(errors, CONFIRMATION_ID)}
          />
          <SubmitButton
            busy={mutation.isPending || checking}
            label="Enregistrer le mot de passe"
            busyLabel={checking ? "Vérification du mot de passe…" : "Enregistrement en cours…"}
          />
        </form>
      </>
    );
  }

  return (
    <>
      <p className="eyebrow">{structure.name}</p>
      <h1>Nouveau mot de passe</h1>
      {content}
      <p className="form-footer">
        <Link to={LOGIN_PATH}>Retour à la connexion</Link>
      </p>
    </>
  );
}
