import { useRef, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { staffErrors } from "../../../components/serverErrors";
import { StatusMessage } from "../../staff/StaffUi";
import { announcementKeys, deleteAttachment, formatSize, uploadAttachment, type AttachmentInfo, type StaffAnnouncementDetail } from "./api";

/** The draft's attachments: add one file at a time (checked by the server), remove one. */
export function AttachmentsEditor({ announcement }: { announcement: StaffAnnouncementDetail }) {
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState("");
  const [error, setError] = useState("");
  const key = announcementKeys.staffDetail(announcement.id);

  const setAttachments = (change: (list: AttachmentInfo[]) => AttachmentInfo[]) =>
    queryClient.setQueryData<StaffAnnouncementDetail>(key, (old) => (old ? { ...old, attachments: change(old.attachments) } : old));

  const upload = useMutation({
    mutationFn: (file: File) => uploadAttachment(announcement.id, file),
    onSuccess: (attachment) => {
      setError("");
      setAttachments((list) => [...list, attachment]);
      setStatus(`« ${attachment.name} » est joint à l'annonce.`);
    },
    onError: (failure) => {
      setStatus("");
      setError(staffErrors(failure).map((item) => item.message).join(" "));
    },
    onSettled: () => {
      if (input.current) input.current.value = "";
    },
  });
  const remove = useMutation({
    mutationFn: (attachment: AttachmentInfo) => deleteAttachment(announcement.id, attachment.id).then(() => attachment),
    onSuccess: (attachment) => {
      setError("");
      setAttachments((list) => list.filter((item) => item.id !== attachment.id));
      setStatus(`« ${attachment.name} » est retiré.`);
    },
    onError: (failure) => setError(staffErrors(failure).map((item) => item.message).join(" ")),
  });

  return (
    <section aria-labelledby="annonce-pj-titre" className="section">
      <h2 id="annonce-pj-titre">Pièces jointes</h2>
      {announcement.attachments.length === 0 ? (
        <p>Aucune pièce jointe.</p>
      ) : (
        <ul className="plain-list announcement-attachments">
          {announcement.attachments.map((attachment) => (
            <li key={attachment.id}>
              <a href={attachment.url}>{attachment.name}</a> ({formatSize(attachment.size)}){" "}
              <button type="button" className="button button--link" onClick={() => remove.mutate(attachment)} aria-label={`Retirer « ${attachment.name} »`} aria-disabled={remove.isPending || undefined}>
                Retirer
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <label className="field__label" htmlFor="annonce-fichier">
          Joindre un fichier
        </label>
        <p id="annonce-fichier-aide" className="field__hint">
          PDF, JPEG ou PNG. Les familles l'ouvrent depuis leur portail.
        </p>
        <input
          ref={input}
          id="annonce-fichier"
          type="file"
          accept="application/pdf,image/jpeg,image/png"
          aria-describedby="annonce-fichier-aide"
          disabled={upload.isPending}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) upload.mutate(file);
          }}
        />
      </div>
      {upload.isPending && (
        <p role="status" className="inline-status">
          <span className="spinner" aria-hidden="true" /> Envoi du fichier…
        </p>
      )}
      <div role="alert">{error && <p className="notice notice--error">{error}</p>}</div>
      <StatusMessage message={status} />
    </section>
  );
}
