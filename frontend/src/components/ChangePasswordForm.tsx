import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { changePassword } from "../api/authFlows";
import { usePasswordCheck } from "../auth/usePasswordCheck";
import { ErrorSummary } from "./ErrorSummary";
import { describeError, fieldErrors, type FormErrorItem } from "./formErrors";
import { CONFIRMATION_ID, CONFIRMATION_MISMATCH, NEW_PASSWORD_ID, NewPasswordFields, RULES_UNMET } from "./NewPasswordFields";
import { PasswordField } from "./PasswordField";
import { SubmitButton } from "./SubmitButton";

const CURRENT_ID = "mot-de-passe-actuel";
const PARAMS = { current_password: CURRENT_ID, new_password: NEW_PASSWORD_ID, password: NEW_PASSWORD_ID };

interface ChangePasswordFormProps {
  /** False when the account has no usable password yet (nothing to confirm). */
  requireCurrentPassword: boolean;
  onSuccess: () => void | Promise<void>;
  submitLabel?: string;
}

/** Password change form, shared by the forced change page and "Mon compte". */
export function ChangePasswordForm({ requireCurrentPassword, onSuccess, submitLabel = "Changer le mot de passe" }: ChangePasswordFormProps) {
  const [current, setCurrent] = useState("");
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [checking, setChecking] = useState(false);
  // Signed in: the server compares the password with this account's name and e-mail.
  const check = usePasswordCheck(password);

  const mutation = useMutation({
    mutationFn: changePassword,
    onSuccess: async () => {
      setCurrent("");
      setPassword("");
      setConfirmation("");
      setErrors([]);
      await onSuccess();
    },
    onError: (error) => setErrors(describeError(error, PARAMS)),
  });

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending || checking) return;
    const found: FormErrorItem[] = [];
    if (requireCurrentPassword && !current) found.push({ fieldId: CURRENT_ID, message: "Saisissez votre mot de passe actuel." });
    if (!password) found.push({ fieldId: NEW_PASSWORD_ID, message: "Saisissez un nouveau mot de passe." });
    else {
      // Not before the server's rules pass (when it could not be asked, the change itself is checked).
      setChecking(true);
      const verdict = await check.verify();
      setChecking(false);
      if (verdict === "invalid") found.push({ fieldId: NEW_PASSWORD_ID, message: RULES_UNMET });
    }
    if (password && confirmation !== password) found.push({ fieldId: CONFIRMATION_ID, message: CONFIRMATION_MISMATCH });
    setErrors(found);
    if (found.length) return;
    mutation.mutate(requireCurrentPassword ? { current_password: current, new_password: password } : { new_password: password });
  }

  return (
    <form className="form" noValidate onSubmit={(event) => void handleSubmit(event)}>
      <ErrorSummary items={errors} />
      {requireCurrentPassword && (
        <PasswordField
          id={CURRENT_ID}
          label="Mot de passe actuel"
          autoComplete="current-password"
          required requiredMark={false}
          value={current}
          onChange={setCurrent}
          errors={fieldErrors(errors, CURRENT_ID)}
        />
      )}
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
        label={submitLabel}
        busyLabel={checking ? "Vérification du mot de passe…" : "Enregistrement en cours…"}
      />
    </form>
  );
}
