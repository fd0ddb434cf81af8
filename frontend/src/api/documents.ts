/** « Mes documents » and « Mes éditions » (types from the generated schema). */
import { useQuery } from "@tanstack/react-query";
import { formatFileSize } from "../format/numbers";
import { apiFetch, apiUpload } from "./client";
import type { components } from "./schema";

type Schemas = components["schemas"];

export type Requirements = Schemas["Requirements"];
export type Requirement = Requirements["items"][number];
export type RequirementStatus = Requirement["status"];
export type DocumentSummary = NonNullable<Requirement["document"]>;
export type UploadedDocument = Schemas["Document"];
export type Edition = Schemas["Edition"];

export const DOCUMENT_URLS = {
  requirements: "/api/v1/documents/requirements/",
  documents: "/api/v1/documents/",
  editions: "/api/v1/editions/",
} as const;

export const documentKeys = {
  requirements: ["family", "documents", "requirements"] as const,
  editions: ["family", "editions"] as const,
};

/** Accepted formats, checked before sending (the server checks the content too). */
export const ACCEPTED_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;
export const ACCEPTED_EXTENSIONS = [".pdf", ".jpg", ".jpeg", ".png"] as const;
export const ACCEPT_ATTRIBUTE = [...ACCEPTED_TYPES, ...ACCEPTED_EXTENSIONS].join(",");

export function useRequirements() {
  return useQuery({
    queryKey: documentKeys.requirements,
    queryFn: ({ signal }) => apiFetch<Requirements>(DOCUMENT_URLS.requirements, { signal }),
  });
}

export function useEditions() {
  return useQuery({
    queryKey: documentKeys.editions,
    queryFn: ({ signal }) => apiFetch<Edition[]>(DOCUMENT_URLS.editions, { signal }),
  });
}

export interface UploadInput {
  documentType: number;
  child: number | null;
  file: File;
  validUntil?: string;
}

export function uploadDocument(input: UploadInput): Promise<UploadedDocument> {
  const data = new FormData();
  data.append("document_type", String(input.documentType));
  if (input.child !== null) data.append("child", String(input.child));
  data.append("file", input.file);
  if (input.validUntil) data.append("valid_until", input.validUntil);
  return apiUpload<UploadedDocument>(DOCUMENT_URLS.documents, data);
}

/** A client-side check of the file; null when it may be sent. */
export function checkFile(file: File | null, maxMb: number): string | null {
  if (!file) return "Choisissez un fichier.";
  if (file.size === 0) return "Le fichier est vide.";
  if (file.size > maxMb * 1024 * 1024) {
    return `Le fichier pèse ${formatFileSize(file.size)} : la taille maximale est de ${maxMb} Mo.`;
  }
  const name = file.name.toLowerCase();
  const typeOk = (ACCEPTED_TYPES as readonly string[]).includes(file.type);
  const extensionOk = ACCEPTED_EXTENSIONS.some((ext) => name.endsWith(ext));
  if (!typeOk && !extensionOk) return "Ce format n'est pas accepté : envoyez un fichier PDF, JPEG ou PNG.";
  return null;
}
