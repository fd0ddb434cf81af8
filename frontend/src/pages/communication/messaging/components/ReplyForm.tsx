import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { mapApiError, messagesFor, requiredError, type FieldErrorItem } from "../../../../components/apiErrors";
import { ErrorSummary } from "../../../../components/ErrorSummary";
import { CheckboxField, SelectField, TextAreaField } from "../../../../components/FormFields";
import { SubmitButton } from "../../../../components/SubmitButton";
import type { QuickReply } from "../api";
import { AttachmentPicker, attachmentProblem } from "./AttachmentPicker";

export interface ReplyInput {
  text: string;
  files: File[];
  internal: boolean;
}

interface ReplyFormProps {
  idPrefix: string;
  onSend: (input: ReplyInput) => Promise<unknown>;
  /** Called once the message is stored (refresh the thread…). */
  onSent: () => void;
  /** Staff: the quick replies to insert and the « Note interne » switch. */
  quickReplies?: readonly QuickReply[];
  staff?: boolean;
}

export const SENT_MESSAGE = "Message envoyé.";
export const NOTE_SAVED_MESSAGE = "Note interne enregistrée.";

/** Répondre: the text, its attachments, and for the staff a quick reply and the internal note switch. */
export function ReplyForm({ idPrefix, onSend, onSent, quickReplies, staff = false }: ReplyFormProps) {
  const [text, setText] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [internal, setInternal] = useState(false);
  const [quick, setQuick] = useState("");
  const [errors, setErrors] = useState<FieldErrorItem[]>([]);
  const [done, setDone] = useState("");
  const textId = `${idPrefix}-texte`;
  const filesId = `${idPrefix}-pieces-jointes`;

  const mutation = useMutation({
    mutationFn: onSend,
    onSuccess: (_data, input) => {
      setText("");
      setFiles([]);
      setInternal(false);
      setErrors([]);
      setDone(input.internal ? NOTE_SAVED_MESSAGE : SENT_MESSAGE);
      onSent();
    },
    onError: (error) => {
      setDone("");
      setErrors(
        mapApiError(error, {
          idFor: (path) => (path === "text" ? textId : path.startsWith("attachments") ? filesId : undefined),
          labelFor: (path) => (path === "text" ? "Message" : path.startsWith("attachments") ? "Pièces jointes" : undefined),
        }),
      );
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    setDone("");
    const found: FieldErrorItem[] = [];
    if (!text.trim()) found.push(requiredError(textId, "Message", "Écrivez votre message."));
    const problem = attachmentProblem(files);
    if (problem) found.push({ fieldId: filesId, message: `Pièces jointes : ${problem}`, fieldMessage: problem });
    setErrors(found);
    if (found.length) return;
    mutation.mutate({ text: text.trim(), files, internal });
  }

  return (
    <form className={internal ? "form reply-form reply-form--internal" : "form reply-form"} noValidate onSubmit={submit} aria-labelledby={`${idPrefix}-titre`}>
      <h2 id={`${idPrefix}-titre`}>{internal ? "Écrire une note interne" : "Répondre"}</h2>
      <ErrorSummary items={errors} />
      {quickReplies && quickReplies.length > 0 && (
        <div className="reply-form__quick">
          <SelectField
            id={`${idPrefix}-reponse-rapide`}
            label="Réponse rapide"
            hint="Son texte est ajouté au message, que vous pouvez modifier."
            value={quick}
            placeholder="— Choisir une réponse rapide —"
            options={quickReplies.map((reply) => ({ value: String(reply.id), label: reply.title }))}
            onChange={setQuick}
          />
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              const reply = quickReplies.find((r) => String(r.id) === quick);
              if (reply) setText((current) => (current.trim() ? `${current.trimEnd()}\n\n${reply.text}` : reply.text));
              document.getElementById(textId)?.focus();
            }}
          >
            Insérer la réponse rapide
          </button>
        </div>
      )}
      <TextAreaField
        id={textId}
        label={internal ? "Note interne" : "Message"}
        hint={internal ? "Visible seulement par l'équipe : la famille ne la voit jamais." : undefined}
        required
        requiredMark={false}
        rows={5}
        value={text}
        onChange={setText}
        errors={messagesFor(errors, textId)}
      />
      <AttachmentPicker id={filesId} files={files} onChange={setFiles} errors={messagesFor(errors, filesId)} />
      {staff && (
        <CheckboxField
          id={`${idPrefix}-interne`}
          label="Note interne (non envoyée à la famille)"
          checked={internal}
          onChange={setInternal}
        />
      )}
      <div className="form-actions">
        <SubmitButton
          busy={mutation.isPending}
          label={internal ? "Enregistrer la note interne" : "Envoyer le message"}
          busyLabel="Envoi en cours…"
        />
      </div>
      <div role="status">{done && <p className="notice notice--success">{done}</p>}</div>
    </form>
  );
}
