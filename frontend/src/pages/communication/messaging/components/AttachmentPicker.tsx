import { useRef } from "react";
import { ACCEPT_ATTRIBUTE, ACCEPTED_EXTENSIONS, ACCEPTED_TYPES } from "../../../../api/documents";
import { formatFileSize } from "../../../../format/numbers";

/** A client-side check of the chosen files (the server checks count, size and content). */
export function attachmentProblem(files: readonly File[]): string | null {
  for (const file of files) {
    if (file.size === 0) return `Le fichier ${file.name} est vide.`;
    const name = file.name.toLowerCase();
    const typeOk = (ACCEPTED_TYPES as readonly string[]).includes(file.type);
    if (!typeOk && !ACCEPTED_EXTENSIONS.some((ext) => name.endsWith(ext))) {
      return `Le fichier ${file.name} n'est pas accepté : envoyez un fichier PDF, JPEG ou PNG.`;
    }
  }
  return null;
}

interface AttachmentPickerProps {
  id: string;
  files: readonly File[];
  onChange: (files: File[]) => void;
  errors?: string[];
}

/**
 * Pièces jointes: files are added one choice after the other, listed with
 * their name and size, each removable. The limits (count, size) are the
 * structure's: the server's answer says when they are passed.
 */
export function AttachmentPicker({ id, files, onChange, errors }: AttachmentPickerProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const hintId = `${id}-aide`;
  const errorId = `${id}-erreur`;
  return (
    <div className={errors?.length ? "field field--error" : "field"}>
      <label className="field__label" htmlFor={id}>
        Pièces jointes (facultatif)
      </label>
      <p id={hintId} className="field__hint">
        PDF, JPEG ou PNG. Vous pouvez choisir plusieurs fichiers.
      </p>
      {errors?.length ? (
        <p id={errorId} className="field__error">
          <span className="visually-hidden">Erreur :</span> {errors.join(" ")}
        </p>
      ) : null}
      <input
        ref={inputRef}
        id={id}
        name={id}
        type="file"
        multiple
        accept={ACCEPT_ATTRIBUTE}
        className="file-input"
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={[hintId, errors?.length ? errorId : ""].filter(Boolean).join(" ")}
        onChange={(event) => {
          const chosen = Array.from(event.target.files ?? []);
          const known = new Set(files.map((f) => `${f.name}:${f.size}`));
          onChange([...files, ...chosen.filter((f) => !known.has(`${f.name}:${f.size}`))]);
          if (inputRef.current) inputRef.current.value = "";
        }}
      />
      <ul className="plain-list attachment-list" aria-label="Fichiers joints" aria-live="polite">
        {files.map((file, index) => (
          <li key={`${file.name}:${file.size}`} className="attachment-list__item">
            <span>
              {file.name} ({formatFileSize(file.size)})
            </span>{" "}
            <button
              type="button"
              className="button button--link"
              onClick={() => {
                onChange(files.filter((_, i) => i !== index));
                inputRef.current?.focus();
              }}
            >
              Retirer{" "}<span className="visually-hidden">{file.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
