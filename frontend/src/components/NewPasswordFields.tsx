import type { PasswordCheck } from "../auth/usePasswordCheck";
import { PasswordChecklist } from "./PasswordChecklist";
import { PasswordField } from "./PasswordField";

export const NEW_PASSWORD_ID = "nouveau-mot-de-passe";
export const CONFIRMATION_ID = "confirmation-mot-de-passe";
export const CONFIRMATION_MISMATCH = "Les deux mots de passe ne correspondent pas.";
export const RULES_UNMET = "Le mot de passe ne respecte pas tous les critères.";

interface NewPasswordFieldsProps {
  password: string;
  /** The server's rules for this password (usePasswordCheck). */
  check: PasswordCheck;
  confirmation: string;
  onPasswordChange: (value: string) => void;
  onConfirmationChange: (value: string) => void;
  passwordErrors?: string[];
  confirmationErrors?: string[];
}

/** New password + confirmation, with the live policy checklist. */
export function NewPasswordFields(props: NewPasswordFieldsProps) {
  const checklistId = `${NEW_PASSWORD_ID}-criteres`;
  return (
    <>
      <PasswordField
        id={NEW_PASSWORD_ID}
        label="Nouveau mot de passe"
        autoComplete="new-password"
        required requiredMark={false}
        value={props.password}
        onChange={props.onPasswordChange}
        errors={props.passwordErrors}
        describedBy={checklistId}
      />
      <PasswordChecklist id={checklistId} check={props.check} />
      <PasswordField
        id={CONFIRMATION_ID}
        label="Confirmation du nouveau mot de passe"
        autoComplete="new-password"
        required requiredMark={false}
        value={props.confirmation}
        onChange={props.onConfirmationChange}
        errors={props.confirmationErrors}
      />
    </>
  );
}
