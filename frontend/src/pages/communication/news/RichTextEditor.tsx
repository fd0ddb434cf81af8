import { useRef, useState } from "react";
import { TextAreaField } from "../../../components/FormFields";
import { cleanPreviewHtml, sourceToHtml } from "./richText";

interface RichTextEditorProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
  required?: boolean;
}

const SAFE_LINK = /^(https?:\/\/|mailto:)\S+$/i;

/**
 * The news text: a textarea holding the little HTML the server keeps, with
 * buttons that wrap the selection (bold, italics, list, link) and a preview.
 * A blank line separates paragraphs; plain text needs no markup at all.
 */
export function RichTextEditor({ id, label, value, onChange, errors, required }: RichTextEditorProps) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const [linking, setLinking] = useState(false);
  const [href, setHref] = useState("https://");
  const [linkError, setLinkError] = useState("");
  const [preview, setPreview] = useState(false);

  /** Replaces the selection by `make(selection)` and selects the result. */
  function wrap(make: (selected: string) => string) {
    const area = ref.current;
    const start = area?.selectionStart ?? value.length;
    const end = area?.selectionEnd ?? value.length;
    const inserted = make(value.slice(start, end));
    onChange(value.slice(0, start) + inserted + value.slice(end));
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(start, start + inserted.length);
    });
  }

  function list() {
    wrap((selected) => {
      const lines = (selected || "Élément").split("\n").map((line) => line.replace(/^\s*[-*•]\s*/, "").trim()).filter(Boolean);
      return `<ul>\n${lines.map((line) => `<li>${line}</li>`).join("\n")}\n</ul>`;
    });
  }

  function insertLink() {
    const target = href.trim();
    if (!SAFE_LINK.test(target)) {
      setLinkError("Indiquez une adresse web commençant par https:// (ou http://), ou mailto: pour une adresse e-mail.");
      return;
    }
    setLinkError("");
    setLinking(false);
    wrap((selected) => `<a href="${target.replace(/"/g, "%22")}">${selected || target}</a>`);
    setHref("https://");
  }

  const hrefId = `${id}-lien`;
  return (
    <div className="rich-editor">
      <div className="rich-editor__toolbar" role="group" aria-label="Mise en forme du texte">
        <button type="button" className="button button--secondary button--small" onClick={() => wrap((s) => `<strong>${s}</strong>`)}>
          Gras
        </button>
        <button type="button" className="button button--secondary button--small" onClick={() => wrap((s) => `<em>${s}</em>`)}>
          Italique
        </button>
        <button type="button" className="button button--secondary button--small" onClick={list}>
          Liste à puces
        </button>
        <button type="button" className="button button--secondary button--small" aria-expanded={linking} onClick={() => setLinking((v) => !v)}>
          Lien
        </button>
        <button type="button" className="button button--secondary button--small" aria-pressed={preview} onClick={() => setPreview((v) => !v)}>
          Aperçu
        </button>
      </div>
      {linking && (
        <div className={linkError ? "field field--error" : "field"}>
          <label className="field__label" htmlFor={hrefId}>
            Adresse du lien
          </label>
          <p id={`${hrefId}-aide`} className="field__hint">
            Sélectionnez d'abord le texte du lien dans le champ ci-dessous.
          </p>
          {linkError && (
            <p id={`${hrefId}-erreur`} className="field__error">
              <span className="visually-hidden">Erreur :</span> {linkError}
            </p>
          )}
          <div className="button-row">
            <input
              id={hrefId}
              type="url"
              value={href}
              onChange={(event) => setHref(event.target.value)}
              aria-invalid={linkError ? true : undefined}
              aria-describedby={[`${hrefId}-aide`, linkError ? `${hrefId}-erreur` : ""].filter(Boolean).join(" ")}
            />
            <button type="button" className="button button--secondary button--small" onClick={insertLink}>
              Insérer le lien
            </button>
          </div>
        </div>
      )}
      <TextAreaField
        id={id}
        ref={ref}
        label={label}
        required={required}
        hint="Séparez les paragraphes par une ligne vide. Mise en forme possible : gras, italique, listes et liens."
        rows={10}
        value={value}
        onChange={onChange}
        errors={errors}
      />
      {preview && (
        <section className="rich-editor__preview" aria-label="Aperçu du texte">
          <div className="rich-text" dangerouslySetInnerHTML={{ __html: cleanPreviewHtml(sourceToHtml(value)) }} />
        </section>
      )}
    </div>
  );
}
