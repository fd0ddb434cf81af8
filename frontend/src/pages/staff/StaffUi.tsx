/** Small building blocks of the back office pages. */
import { useEffect, useRef, useState } from "react";
import { ErrorSummary } from "../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../components/formErrors";
import { TextAreaField } from "../../components/FormFields";
import { REASON_REQUIRED } from "../../components/serverErrors";

/** Polite live region announcing the outcome of an action. */
export function StatusMessage({ message, tone = "success" }: { message: string; tone?: "success" | "info" }) {
  return (
    <div role="status" className="flash-region">
      {message ? <p className={`notice notice--${tone}`}>{message}</p> : null}
    </div>
  );
}

const NO_ERRORS: readonly FormErrorItem[] = [];

interface ReasonFormProps {
  id: string;
  /** Names what is refused, e.g. "Refuser le compte de la famille Martin". */
  legend: string;
  submitLabel: string;
  busy: boolean;
  /** Server errors (e.g. the 400 "Indiquez le motif du refus."). */
  serverErrors?: readonly FormErrorItem[];
  hint?: string;
  onSubmit: (reason: string) => void;
  onCancel: () => void;
}

/**
 * Inline form asking for a refusal reason: the textarea gets the focus when
 * it opens; an empty reason is refused before calling the server.
 */
export function ReasonForm({ id, legend, submitLabel, busy, serverErrors, hint, onSubmit, onCancel }: ReasonFormProps) {
  const [reason, setReason] = useState("");
  const [localErrors, setLocalErrors] = useState<FormErrorItem[]>([]);
  const fieldId = `${id}-motif`;
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => ref.current?.focus(), []);
  // Stable identities: ErrorSummary moves the focus whenever its items change.
  const errors = localErrors.length ? localErrors : (serverErrors ?? NO_ERRORS);

  return (
    <form
      className="form reason-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (busy) return;
        if (!reason.trim()) {
          setLocalErrors([{ fieldId, message: REASON_REQUIRED }]);
          return;
        }
        setLocalErrors([]);
        onSubmit(reason.trim());
      }}
    >
      <fieldset className="fieldset">
        <legend>{legend}</legend>
        <ErrorSummary items={errors} />
        <TextAreaField
          id={fieldId}
          ref={ref}
          label="Motif du refus"
          hint={hint ?? "Il est envoyé à la famille par e-mail."}
          required requiredMark={false}
          rows={3}
          value={reason}
          onChange={setReason}
          errors={fieldErrors(errors, fieldId)}
        />
        <div className="button-row">
          <button type="submit" className="button button--danger" aria-disabled={busy || undefined}>
            {busy && <span className="spinner" aria-hidden="true" />}
            {submitLabel}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Annuler
          </button>
        </div>
      </fieldset>
    </form>
  );
}
