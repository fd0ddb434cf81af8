import { useRef, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ErrorSummary } from "../../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../../components/formErrors";
import { InputField, SelectField } from "../../../../components/FormFields";
import { staffErrors } from "../../../../components/serverErrors";
import { StatusMessage } from "../../../../pages/staff/StaffUi";
import { removeMedia, staysKeys, uploadMedia, type Stay, type StayMedia } from "./api";

const FILE = "media-fichier";
const LIMITS = { photo: 5, brochure: 10 } as const;
const ACCEPT = { photo: "image/jpeg,image/png,image/webp", brochure: "application/pdf" } as const;

/** Photos (JPEG, PNG, WebP ≤ 5 Mo) and the PDF brochure (≤ 10 Mo) of a saved stay. */
export function MediaSection({ stay }: { stay: Stay }) {
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<StayMedia["kind"]>("photo");
  const [caption, setCaption] = useState("");
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [status, setStatus] = useState("");
  const refresh = () => queryClient.invalidateQueries({ queryKey: staysKeys.stay(stay.id) });
  const upload = useMutation({
    mutationFn: (file: File) => uploadMedia(stay.id, file, kind, caption),
    onSuccess: () => {
      setErrors([]);
      setCaption("");
      if (input.current) input.current.value = "";
      setStatus(kind === "photo" ? "Photo ajoutée." : "Brochure ajoutée.");
      void refresh();
    },
    onError: (error) => {
      setStatus("");
      setErrors(staffErrors(error, { file: FILE, kind: FILE }));
    },
  });
  const remove = useMutation({
    mutationFn: (media: StayMedia) => removeMedia(stay.id, media.id),
    onSuccess: () => {
      setStatus("Fichier retiré.");
      void refresh();
    },
    onError: (error) => setErrors(staffErrors(error)),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) {
      setErrors([{ fieldId: FILE, message: "Choisissez un fichier." }]);
      return;
    }
    if (file.size > LIMITS[kind] * 1024 * 1024) {
      setErrors([{ fieldId: FILE, message: `Le fichier dépasse ${LIMITS[kind]} Mo.` }]);
      return;
    }
    if (!upload.isPending) upload.mutate(file);
  }

  const fileErrors = fieldErrors(errors, FILE);
  return (
    <section aria-labelledby="media-titre" className="fieldset">
      <h2 id="media-titre">Photos et brochure</h2>
      <StatusMessage message={status} />
      {stay.media.length === 0 ? (
        <p>Aucune photo ni brochure pour l'instant.</p>
      ) : (
        <ul className="sejours-media" role="list">
          {stay.media.map((media) => (
            <li key={media.id}>
              <span>
                {media.kind === "photo" ? "Photo" : "Brochure PDF"}
                {media.caption ? ` : ${media.caption}` : ""}
              </span>
              <button type="button" className="button button--secondary button--small" onClick={() => remove.mutate(media)} aria-label={`Retirer ${media.kind === "photo" ? "la photo" : "la brochure"} ${media.caption}`.trim()}>
                Retirer
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="form" noValidate onSubmit={submit} aria-label="Ajouter une photo ou la brochure">
        <ErrorSummary items={errors} />
        <SelectField
          id="media-type"
          label="Type"
          value={kind}
          onChange={(v) => setKind(v as StayMedia["kind"])}
          options={[
            { value: "photo", label: "Photo (JPEG, PNG ou WebP, 5 Mo au plus)" },
            { value: "brochure", label: "Brochure (PDF, 10 Mo au plus ; remplace la précédente)" },
          ]}
        />
        <div className={fileErrors ? "field field--error" : "field"}>
          <label className="field__label" htmlFor={FILE}>
            Fichier
          </label>
          {fileErrors && (
            <p id={`${FILE}-erreur`} className="field__error">
              <span className="visually-hidden">Erreur :</span> {fileErrors.join(" ")}
            </p>
          )}
          <input ref={input} id={FILE} type="file" accept={ACCEPT[kind]} aria-invalid={fileErrors ? true : undefined} aria-describedby={fileErrors ? `${FILE}-erreur` : undefined} />
        </div>
        <InputField id="media-legende" label="Légende" value={caption} maxLength={150} onChange={setCaption} />
        <button type="submit" className="button button--secondary" aria-disabled={upload.isPending || undefined}>
          {upload.isPending ? "Envoi…" : "Ajouter"}
        </button>
      </form>
    </section>
  );
}
