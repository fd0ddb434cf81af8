import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { Link } from "react-router";
import { requestPasswordReset } from "../api/authFlows";
import { ApiError } from "../api/client";
import { useStructure } from "../api/StructureContext";
import { ErrorSummary } from "../components/ErrorSummary";
import { describeError, fieldErrors, type FormErrorItem } from "../components/formErrors";
import { InputField } from "../components/FormFields";
import { SubmitButton } from "../components/SubmitButton";
import { usePageTitle } from "../theme/usePageTitle";

const EMAIL_ID = "courriel";
export const RESET_REQUESTED_MESSAGE = "Si un compte existe pour cette adresse, un courriel vous a été envoyé.";

export function ForgotPasswordPage() {
  const structure = useStructure();
  usePageTitle("Mot de passe oublié");
  const [email, setEmail] = useState("");
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [sent, setSent] = useState(false);

  const mutation = useMutation({
    mutationFn: requestPasswordReset,
    onSuccess: () => setSent(true),
    onError: (error) => {
      // The server answers 200 whatever the address; only an invalid address
      // or throttling are worth telling.
      if (error instanceof ApiError && error.status === 400 && error.errors.length) {
        setErrors(describeError(error, { email: EMAIL_ID }));
      } else if (error instanceof ApiError && error.status !== 429 && error.status < 500) {
        setSent(true);
      } else {
        setErrors(describeError(error));
      }
    },
  });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const trimmed = email.trim();
    const found: FormErrorItem[] = trimmed ? [] : [{ fieldId: EMAIL_ID, message: "Saisissez votre adresse électronique." }];
    setErrors(found);
    if (!found.length) mutation.mutate(trimmed);
  }

  return (
    <>
      <p className="eyebrow">{structure.name}</p>
      <h1>Mot de passe oublié</h1>
      <div role="status">{sent && <p className="notice notice--success">{RESET_REQUESTED_MESSAGE}</p>}</div>
      {!sent && (
        <>
          <p>Saisissez l'adresse électronique de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.</p>
          <ErrorSummary items={errors} />
          <form className="form" noValidate onSubmit={handleSubmit}>
            <InputField
              id={EMAIL_ID}
              label="Adresse électronique"
              type="email"
              inputMode="email"
              autoComplete="email"
              autoCapitalize="off"
              spellCheck={false}
              required requiredMark={false}
              value={email}
              onChange={setEmail}
              errors={fieldErrors(errors, EMAIL_ID)}
            />
            <SubmitButton busy={mutation.isPending} label="Recevoir le lien" busyLabel="Envoi en cours…" />
          </form>
        </>
      )}
      <p className="form-footer">
        <Link to="/connexion">Retour à la connexion</Link>
      </p>
    </>
  );
}
