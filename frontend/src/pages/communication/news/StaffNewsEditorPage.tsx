import { useRef, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { useStructure } from "../../../api/StructureContext";
import { mapApiError, messagesFor, requiredError, type FieldErrorItem } from "../../../components/apiErrors";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { CheckboxField, InputField, RequiredFieldsNote, SelectField } from "../../../components/FormFields";
import { QueryView } from "../../../components/QueryView";
import { SubmitButton } from "../../../components/SubmitButton";
import { StatusMessage } from "../../staff/StaffUi";
import { newsKeys, saveNews, useStaffNewsItem, type StaffNewsItem } from "./api";
import { RichTextField } from "../shared/RichTextField";
import { htmlToMarkup, markupToHtml } from "../shared/richText";
import { checkFormat } from "./files";
import { fromLocalInput, toLocalInput } from "./format";

const IDS = {
  title: "actualite-titre",
  text: "actualite-texte",
  image: "actualite-image",
  image_alt: "actualite-image-description",
  remove_image: "actualite-image-retirer",
  publish_at: "actualite-publication",
  expire_at: "actualite-expiration",
  audience: "actualite-destinataires",
  public: "actualite-publique",
  pinned: "actualite-epinglee",
} as const;

const LABELS: Record<string, string> = {
  title: "Titre",
  text: "Texte",
  image: "Image",
  image_alt: "Description de l'image",
  publish_at: "Publication",
  expire_at: "Fin de publication",
  audience: "Destinataires",
  public: "Page publique",
  pinned: "Épinglée",
};

export const NEWS_SAVED = "L'actualité est enregistrée.";

/** /gestion/actualites/nouvelle and /gestion/actualites/:newsId — the news editor. */
export function StaffNewsEditorPage() {
  const { newsId = "" } = useParams();
  const creating = !newsId;
  const item = useStaffNewsItem(newsId, !creating);
  return (
    <section aria-labelledby="actualite-editeur-titre">
      <h2 id="actualite-editeur-titre">{creating ? "Nouvelle actualité" : "Modifier une actualité"}</h2>
      <p>
        <Link to="/gestion/actualites">Retour aux actualités</Link>
      </p>
      {creating ? (
        <NewsForm item={null} />
      ) : (
        <QueryView query={item} loadingLabel="Chargement de l'actualité…">
          {(data) => <NewsForm key={data.id} item={data} />}
        </QueryView>
      )}
    </section>
  );
}

function initialValues(item: StaffNewsItem | null) {
  return {
    title: item?.title ?? "",
    text: item ? htmlToMarkup(item.text) : "",
    image_alt: item?.image_alt ?? "",
    publish_at: toLocalInput(item?.publish_at ?? new Date().toISOString()),
    expire_at: toLocalInput(item?.expire_at),
    audience: item?.audience ?? "all",
    public: item?.public ?? false,
    pinned: item?.pinned ?? false,
    remove_image: false,
  };
}

function NewsForm({ item }: { item: StaffNewsItem | null }) {
  const structure = useStructure();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const imageRef = useRef<HTMLInputElement>(null);
  const [values, setValues] = useState(() => initialValues(item));
  const [image, setImage] = useState<File | null>(null);
  const [errors, setErrors] = useState<FieldErrorItem[]>([]);
  const [status, setStatus] = useState((location.state as { saved?: boolean } | null)?.saved ? NEWS_SAVED : "");
  const set = <K extends keyof typeof values>(key: K) => (value: (typeof values)[K]) => setValues((v) => ({ ...v, [key]: value }));

  const audiences = [
    { value: "all", label: "Tout le monde (familles et personnel)" },
    { value: "staff", label: "Personnel uniquement" },
    ...structure.modules.map((m) => ({ value: m.id, label: `Familles inscrites : ${m.label} (et personnel)` })),
  ];

  const mutation = useMutation({
    mutationFn: () =>
      saveNews(item?.id ?? null, {
        ...values,
        title: values.title.trim(),
        text: markupToHtml(values.text),
        publish_at: fromLocalInput(values.publish_at),
        expire_at: fromLocalInput(values.expire_at),
        image,
      }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(newsKeys.staffNewsItem(String(saved.id)), saved);
      void queryClient.invalidateQueries({ queryKey: newsKeys.staffNews, exact: true });
      void queryClient.invalidateQueries({ queryKey: ["communication"] });
      setErrors([]);
      if (!item) {
        await navigate(`/gestion/actualites/${saved.id}`, { state: { saved: true } });
        return;
      }
      setImage(null);
      if (imageRef.current) imageRef.current.value = "";
      setValues(initialValues(saved));
      setStatus(NEWS_SAVED);
    },
    onError: (error) => {
      setStatus("");
      setErrors(
        mapApiError(error, {
          idFor: (path) => (path in IDS ? IDS[path as keyof typeof IDS] : undefined),
          labelFor: (path) => LABELS[path],
        }),
      );
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    setStatus("");
    const found: FieldErrorItem[] = [];
    if (!values.title.trim()) found.push(requiredError(IDS.title, "Titre", "Indiquez le titre de l'actualité."));
    if (!values.text.trim()) found.push(requiredError(IDS.text, "Texte", "Écrivez le texte de l'actualité."));
    if (image) {
      const problem = checkFormat(image, { images: true });
      if (problem) found.push({ fieldId: IDS.image, message: `Image : ${problem}`, fieldMessage: problem });
    }
    const keepsImage = Boolean(item?.image_url) && !values.remove_image;
    if ((image || keepsImage) && !values.image_alt.trim()) {
      found.push(requiredError(IDS.image_alt, "Description de l'image", "Décrivez l'image pour les personnes qui ne la voient pas."));
    }
    if (!values.publish_at) found.push(requiredError(IDS.publish_at, "Publication", "Indiquez la date de publication."));
    if (values.expire_at && values.publish_at && values.expire_at <= values.publish_at) {
      found.push(requiredError(IDS.expire_at, "Fin de publication", "La fin de publication doit suivre la publication."));
    }
    setErrors(found);
    if (found.length) return;
    mutation.mutate();
  }

  const imageErrors = messagesFor(errors, IDS.image);
  return (
    <>
      <StatusMessage message={status} />
      <form className="form" noValidate onSubmit={submit}>
        <RequiredFieldsNote />
        <ErrorSummary items={errors} />
        <InputField id={IDS.title} label="Titre" required maxLength={150} value={values.title} onChange={set("title")} errors={messagesFor(errors, IDS.title)} />
        <RichTextField id={IDS.text} label="Texte" previewClassName="rich-text" value={values.text} onChange={set("text")} errors={messagesFor(errors, IDS.text)} />
        <fieldset className="fieldset">
          <legend>Image (facultative)</legend>
          {item?.image_url && (
            <p>
              <img src={item.image_url} alt={item.image_alt} className="news-item__image news-editor__image" />
            </p>
          )}
          <div className={imageErrors ? "field field--error" : "field"}>
            <label className="field__label" htmlFor={IDS.image}>
              {item?.image_url ? "Remplacer l'image" : "Choisir une image"}
            </label>
            <p id={`${IDS.image}-aide`} className="field__hint">
              JPEG ou PNG.
            </p>
            {imageErrors && (
              <p id={`${IDS.image}-erreur`} className="field__error">
                <span className="visually-hidden">Erreur :</span> {imageErrors.join(" ")}
              </p>
            )}
            <input
              ref={imageRef}
              id={IDS.image}
              name={IDS.image}
              type="file"
              accept="image/jpeg,image/png,.jpg,.jpeg,.png"
              className="file-input"
              aria-invalid={imageErrors ? true : undefined}
              aria-describedby={[`${IDS.image}-aide`, imageErrors ? `${IDS.image}-erreur` : ""].filter(Boolean).join(" ")}
              onChange={(event) => setImage(event.target.files?.[0] ?? null)}
            />
          </div>
          {item?.image_url && !image && (
            <CheckboxField id={IDS.remove_image} label="Retirer l'image" checked={values.remove_image} onChange={set("remove_image")} />
          )}
          <InputField
            id={IDS.image_alt}
            label="Description de l'image"
            hint="Ce que montre l'image, lu aux personnes qui ne la voient pas."
            maxLength={200}
            value={values.image_alt}
            onChange={set("image_alt")}
            errors={messagesFor(errors, IDS.image_alt)}
          />
        </fieldset>
        <fieldset className="fieldset">
          <legend>Diffusion</legend>
          <div className="form-grid form-grid--2">
            <InputField
              id={IDS.publish_at}
              label="Publication"
              type="datetime-local"
              required
              hint="Date et heure à partir desquelles l'actualité est visible."
              value={values.publish_at}
              onChange={set("publish_at")}
              errors={messagesFor(errors, IDS.publish_at)}
            />
            <InputField
              id={IDS.expire_at}
              label="Fin de publication"
              type="datetime-local"
              hint="Laissez vide pour ne pas la retirer."
              value={values.expire_at}
              onChange={set("expire_at")}
              errors={messagesFor(errors, IDS.expire_at)}
            />
          </div>
          <SelectField
            id={IDS.audience}
            label="Destinataires"
            value={values.audience}
            onChange={set("audience")}
            options={audiences}
            errors={messagesFor(errors, IDS.audience)}
          />
          <CheckboxField
            id={IDS.public}
            label="Visible aussi sur la page publique (sans connexion)"
            checked={values.public}
            onChange={set("public")}
            errors={messagesFor(errors, IDS.public)}
          />
          <CheckboxField id={IDS.pinned} label="Épinglée (affichée en premier)" checked={values.pinned} onChange={set("pinned")} />
        </fieldset>
        <div className="button-row">
          <SubmitButton busy={mutation.isPending} label="Enregistrer l'actualité" busyLabel="Enregistrement…" />
        </div>
      </form>
    </>
  );
}
