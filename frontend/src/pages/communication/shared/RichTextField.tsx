import { useRef } from "react";
import "./richText.css";
import { TextAreaField } from "../../../components/FormFields";
import { applyFormat, markupToHtml, type Format } from "./richText";

const BUTTONS: { format: Format; label: string }[] = [
  { format: "bold", label: "Gras" },
  { format: "italic", label: "Italique" },
  { format: "bullets", label: "Liste à puces" },
  { format: "numbers", label: "Liste numérotée" },
  { format: "link", label: "Lien" },
];

interface RichTextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
  /** The class that styles the text as its readers will see it. */
  previewClassName?: string;
}

/**
 * The text of an announcement or a news item: a textarea with a light markup
 * (see richText.ts, which escapes everything typed), buttons that apply it to
 * the selection, and a preview of what families will read.
 */
export function RichTextField({ id, label, value, onChange, errors, previewClassName = "announcement-text" }: RichTextFieldProps) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const html = markupToHtml(value);

  function format(kind: Format) {
    const area = ref.current;
    const start = area?.selectionStart ?? value.length;
    const end = area?.selectionEnd ?? value.length;
    const edit = applyFormat(value, start, end, kind);
    onChange(edit.value);
    requestAnimationFrame(() => {
      if (!ref.current) return;
      ref.current.focus();
      ref.current.setSelectionRange(edit.selectionStart, edit.selectionEnd);
    });
  }

  return (
    <div className="rich-text-field">
      <div role="toolbar" aria-label="Mise en forme du texte" aria-controls={id} className="rich-text-field__toolbar">
        {BUTTONS.map((button) => (
          <button key={button.format} type="button" className="button button--secondary button--small" onClick={() => format(button.format)}>
            {button.label}
          </button>
        ))}
      </div>
      <TextAreaField
        id={id}
        ref={ref}
        label={label}
        required
        rows={10}
        value={value}
        onChange={onChange}
        errors={errors}
        hint="Une ligne vide sépare les paragraphes. « - » en début de ligne fait une liste à puces, « 1. » une liste numérotée, **gras**, _italique_, [texte](https://adresse) un lien."
      />
      <details className="rich-text-field__preview">
        <summary>Aperçu du texte</summary>
        {html ? (
          // Our own escaped markup (richText.ts), cleaned again by the server when saved.
          <div className={previewClassName} dangerouslySetInnerHTML={{ __html: html }} />
        ) : (
          <p>Le texte est vide.</p>
        )}
      </details>
    </div>
  );
}
