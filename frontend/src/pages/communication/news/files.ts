import { ACCEPTED_EXTENSIONS, ACCEPTED_TYPES } from "../../../api/documents";

export { ACCEPT_ATTRIBUTE } from "../../../api/documents";

/**
 * A client-side check of a chosen file's format (PDF, JPEG or PNG); null when
 * it may be sent. The size limit is the structure's: the server checks it
 * (and the content) and answers with a French message.
 */
export function checkFormat(file: File | null, { images = false } = {}): string | null {
  if (!file) return "Choisissez un fichier.";
  if (file.size === 0) return "Le fichier est vide.";
  const name = file.name.toLowerCase();
  const types: readonly string[] = images ? ["image/jpeg", "image/png"] : ACCEPTED_TYPES;
  const extensions: readonly string[] = images ? [".jpg", ".jpeg", ".png"] : ACCEPTED_EXTENSIONS;
  if (types.includes(file.type) || extensions.some((ext) => name.endsWith(ext))) return null;
  return images ? "Ce format n'est pas accepté : choisissez une image JPEG ou PNG." : "Ce format n'est pas accepté : envoyez un fichier PDF, JPEG ou PNG.";
}

const TYPE_LABELS: Record<string, string> = {
  "application/pdf": "PDF",
  "image/jpeg": "image JPEG",
  "image/png": "image PNG",
};

/** « PDF », « image JPEG »… of a stored file's content type. */
export function fileTypeLabel(contentType: string): string {
  return TYPE_LABELS[contentType] ?? "fichier";
}
