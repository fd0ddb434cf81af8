import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ACCEPT_ATTRIBUTE, checkFile } from "../../../api/documents";
import { mapApiError, messagesFor, type FieldErrorItem } from "../../../components/apiErrors";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { TextAreaField } from "../../../components/FormFields";
import { SubmitButton } from "../../../components/SubmitButton";
import { formatLongDate } from "../../../format/calendar";
import { formatFileSize } from "../../../format/numbers";
import { bookingKeys, declareAbsence, type Cell, type Reservation, type Unit } from "./api";
import { Modal } from "./Modal";

export const ABSENCE_MAX_MB = 6;
const REASON_ID = "absence-motif";
const FILE_ID = "absence-justificatif";

interface Props {
  cell: Cell;
  unit: Unit;
  childName: string;
  activityName: string;
  onClose: () => void;
  onDone: (reservation: Reservation) => void;
  fallbackFocus?: () => HTMLElement | null;
}

/** "Signaler une absence" on a booked day that can no longer be cancelled. */
export function AbsenceDialog({ cell, unit, childName, activityName, onClose, onDone, fallbackFocus }: Props) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<FieldErrorItem[]>([]);

  const mutation = useMutation({
    mutationFn: declareAbsence,
    onSuccess: (reservation) => {
      void queryClient.invalidateQueries({ queryKey: bookingKeys.plannings });
      onDone(reservation);
    },
    onError: (error) =>
      setErrors(
        mapApiError(error, {
          idFor: (path) => (path === "document" ? FILE_ID : path === "reason" ? REASON_ID : undefined),
          labelFor: (path) => (path === "document" ? "Justificatif" : path === "reason" ? "Motif" : undefined),
        }),
      ),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending || cell.reservation_id === null) return;
    const problem = file ? checkFile(file, ABSENCE_MAX_MB) : null;
    const found: FieldErrorItem[] = [];
    if (problem) found.push({ fieldId: FILE_ID, message: `Justificatif : ${problem}`, fieldMessage: problem });
    if (reason.length > 200) found.push({ fieldId: REASON_ID, message: "Motif : 200 caractères au maximum.", fieldMessage: "200 caractères au maximum." });
    setErrors(found);
    if (found.length) return;
    mutation.mutate({ reservation: cell.reservation_id, reason: reason.trim(), document: file });
  }

  const fileErrors = messagesFor(errors, FILE_ID);
  const liveProblem = file ? checkFile(file, ABSENCE_MAX_MB) : null;

  return (
    <Modal title="Signaler une absence" onClose={onClose} fallbackFocus={fallbackFocus}>
      <p>
        <strong>{childName}</strong> — {activityName}, {unit.name}, le {formatLongDate(cell.date)}.
      </p>
      {cell.reason && <p className="field__hint">{cell.reason}</p>}
      <p className="notice notice--warning">Sans justificatif, l'absence est facturée.</p>
      <form className="form" noValidate onSubmit={submit}>
        <ErrorSummary items={errors} />
        <TextAreaField id={REASON_ID} label="Motif" value={reason} onChange={setReason} hint="Par exemple : maladie." errors={messagesFor(errors, REASON_ID)} />
        <div className={fileErrors ? "field field--error" : "field"}>
          <label className="field__label" htmlFor={FILE_ID}>
            Justificatif (facultatif)
          </label>
          <p id={`${FILE_ID}-aide`} className="field__hint">
            Certificat médical : PDF, JPEG ou PNG. Taille maximum : {ABSENCE_MAX_MB} Mo.
          </p>
          {fileErrors && (
            <p id={`${FILE_ID}-erreur`} className="field__error">
              <span className="visually-hidden">Erreur :</span> {fileErrors.join(" ")}
            </p>
          )}
          <input
            id={FILE_ID}
            type="file"
            accept={ACCEPT_ATTRIBUTE}
            className="file-input"
            aria-invalid={fileErrors ? true : undefined}
            aria-describedby={[`${FILE_ID}-aide`, fileErrors ? `${FILE_ID}-erreur` : ""].filter(Boolean).join(" ")}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setErrors([]);
            }}
          />
          <p className={liveProblem ? "file-input__chosen field__error" : "file-input__chosen"} aria-live="polite">
            {file ? `Fichier choisi : ${file.name} (${formatFileSize(file.size)})${liveProblem ? ` — ${liveProblem}` : ""}` : ""}
          </p>
        </div>
        <div className="form-actions">
          <SubmitButton busy={mutation.isPending} label="Signaler l'absence" busyLabel="Envoi en cours…" />
        </div>
      </form>
    </Modal>
  );
}
