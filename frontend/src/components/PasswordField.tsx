import { useState } from "react";
import { InputField, type InputFieldProps } from "./FormFields";

type PasswordFieldProps = Omit<InputFieldProps, "type" | "after">;

/** A password input with a show/hide toggle (aria-pressed). */
export function PasswordField(props: PasswordFieldProps) {
  const [visible, setVisible] = useState(false);
  return (
    <InputField
      {...props}
      type={visible ? "text" : "password"}
      autoCapitalize="off"
      autoCorrect="off"
      spellCheck={false}
      after={
        <button
          type="button"
          className="field__toggle"
          aria-pressed={visible}
          aria-controls={props.id}
          onClick={() => setVisible((v) => !v)}
        >
          Afficher <span className="visually-hidden">le mot de passe</span>
        </button>
      }
    />
  );
}
