import { useRef, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import {
  ACCEPT_ATTRIBUTE,
  checkFile,
  documentKeys,
  uploadDocument,
  useRequirements,
  type Requirement,
  type RequirementStatus,
} from "../../api/documents";
import { familyKeys, useDossierOptions } from "../../api/family";
import { mapApiError, messagesFor, type FieldErrorItem } from "../../components/apiErrors";
import { ErrorSummary } from "../../components/ErrorSummary";
import { InputField } from "../../components/FormFields";
import { StatusIcon, type StatusIconName } from "../../components/StatusIcon";
import { SubmitButton } from "../../components/SubmitButton";
import { formatDate, formatDateTime } from "../../format/dates";
import { formatFileSize } from "../../format/numbers";
import { usePageTitle } from "../../theme/usePageTitle";
import { Breadcrumb } from "./components/Breadcrumb";
import { PageError, PageLoading } from "./components/PageStates";

const STATUS_ICONS: Record<RequirementStatus, StatusIconName> = {
  missing: "circle",
  awaiting_review: "hourglass",
  rejected: "cross",
  accepted: "check",
  expired: "warning",
};

/** A status as text with an icon: the colour is never the only cue. */
export function DocumentStatusBadge({ status, label }: { status: RequirementStatus; label: string }) {
  return (
    <span className={`status-badge status-badge--${status}`}>
      <StatusIcon name={STATUS_ICONS[status]} /> {label}
    </span>
  );
}

const DEFAULT_MAX_MB = 10;

/** /mes-documents — each document the structure asks for, and its upload. */
export function DocumentsPage() {
  usePageTitle("Mes documents");
  const requirements = useRequirements();
  const options = useDossierOptions();
  const maxMb = options.data?.max_upload_mb ?? DEFAULT_MAX_MB;

  return (
    <>
      <Breadcrumb trail={[{ label: "Mes documents" }]} />
      <h1>Mes documents</h1>
      <p className="lead">
        Déposez ici les justificatifs demandés par la structure. Les fiches pré-remplies à signer sont dans{" "}
        <Link to="/mes-editions">Mes éditions</Link>.
      </p>
      <p className="notice notice--info">
        Formats acceptés : PDF, JPEG ou PNG. Taille maximale : {maxMb} Mo par fichier.
      </p>
      {requirements.isPending ? (
        <PageLoading />
      ) : requirements.isError ? (
        <PageError error={requirements.error} onRetry={() => void requirements.refetch()} />
      ) : requirements.data.items.length === 0 ? (
        <p>La structure ne vous demande aucun document pour l'instant.</p>
      ) : (
        <>
          <p role="status">
            {requirements.data.complete
              ? "Tous les documents demandés sont valables."
              : `${requirements.data.missing_count} document${requirements.data.missing_count > 1 ? "s" : ""} à fournir ou en attente.`}
          </p>
          <ul className="plain-list">
            {requirements.data.items.map((item) => (
              <li key={`${item.document_type.id}-${item.child?.id ?? "famille"}`}>
                <RequirementCard item={item} maxMb={maxMb} />
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function RequirementCard({ item, maxMb }: { item: Requirement; maxMb: number }) {
  const forWhom = item.child ? `${item.child.first_name} ${item.child.last_name}` : "la famille";
  const titleId = `document-${item.document_type.id}-${item.child?.id ?? "famille"}`;
  const isHealthForm = Boolean(item.template_url?.includes("?child="));
  return (
    <section className="card requirement" aria-labelledby={titleId}>
      <h2 id={titleId} className="requirement__title">
        {item.document_type.name}{" "}
        <span className="requirement__for">— pour {forWhom}</span>
      </h2>
      <p>
        <DocumentStatusBadge status={item.status} label={item.status_label} />
      </p>
      {item.status === "rejected" && item.document?.rejection_reason && (
        <div className="notice notice--error requirement__rejection">
          <p>
            <strong>Document refusé.</strong> Motif : {item.document.rejection_reason}
          </p>
          <p>Envoyez un nouveau document ci-dessous.</p>
        </div>
      )}
      {item.status === "expired" && <p className="notice notice--warning">Ce document a expiré : envoyez-en un nouveau.</p>}
      {item.document_type.description && <p className="preserve-lines">{item.document_type.description}</p>}
      {item.document && (
        <p>
          Document déposé le {formatDateTime(item.document.uploaded_at)} :{" "}
          <a href={item.document.file_url}>
            {item.document.original_name}{" "}
            <span className="visually-hidden">({item.document_type.name}, télécharger)</span>
          </a>{" "}
          ({formatFileSize(item.document.size)})
          {item.document.valid_until ? `, valable jusqu'au ${formatDate(item.document.valid_until)}` : ""}.
        </p>
      )}
      {item.template_url && (
        <p>
          <a href={item.template_url} className="button button--secondary">
            {isHealthForm ? "Télécharger la fiche pré-remplie" : "Télécharger le modèle"}{" "}
            <span className="visually-hidden">: {item.document_type.name}, pour {forWhom}</span>
          </a>
        </p>
      )}
      <UploadForm item={item} maxMb={maxMb} idPrefix={titleId} forWhom={forWhom} />
    </section>
  );
}

export const UPLOADED_MESSAGE = "Document envoyé.";

function UploadForm({ item, maxMb, idPrefix, forWhom }: { item: Requirement; maxMb: number; idPrefix: string; forWhom: string }) {
  const queryClient = useQueryClient();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [validUntil, setValidUntil] = useState("");
  const [errors, setErrors] = useState<FieldErrorItem[]>([]);
  const [sent, setSent] = useState(false);
  const fileId = `${idPrefix}-fichier`;
  const dateId = `${idPrefix}-validite`;
  const dated = item.document_type.validity === "dated";
  const replace = item.status === "accepted" || item.status === "awaiting_review";

  const mutation = useMutation({
    mutationFn: uploadDocument,
    onSuccess: async () => {
      setFile(null);
      setValidUntil("");
      if (inputRef.current) inputRef.current.value = "";
      setErrors([]);
      setSent(true);
      await queryClient.invalidateQueries({ queryKey: documentKeys.requirements });
      void queryClient.invalidateQueries({ queryKey: familyKeys.home });
      void queryClient.invalidateQueries({ queryKey: familyKeys.missing });
    },
    onError: (error) => {
      setSent(false);
      setErrors(
        mapApiError(error, {
          idFor: (path) => (path === "file" ? fileId : path === "valid_until" ? dateId : undefined),
          labelFor: (path) => (path === "file" ? "Fichier" : path === "valid_until" ? "Valable jusqu'au" : undefined),
        }),
      );
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    setSent(false);
    const found: FieldErrorItem[] = [];
    const problem = checkFile(file, maxMb);
    if (problem) found.push({ fieldId: fileId, message: `Fichier : ${problem}`, fieldMessage: problem });
    if (dated && !validUntil) {
      found.push({ fieldId: dateId, message: "Valable jusqu'au : indiquez la date de fin de validité.", fieldMessage: "Indiquez la date de fin de validité." });
    }
    setErrors(found);
    if (found.length || !file) return;
    mutation.mutate({ documentType: item.document_type.id, child: item.child?.id ?? null, file, validUntil: validUntil || undefined });
  }

  // Checked as soon as a file is chosen (shown next to the field), and again on submit.
  const liveProblem = file ? checkFile(file, maxMb) : null;
  const fileErrors = messagesFor(errors, fileId);
  const hintId = `${fileId}-aide`;
  const errorId = `${fileId}-erreur`;

  return (
    <form className="form upload-form" noValidate onSubmit={submit} aria-label={`Envoyer : ${item.document_type.name}, pour ${forWhom}`}>
      <ErrorSummary items={errors} />
      <div className={fileErrors ? "field field--error" : "field"}>
        <label className="field__label" htmlFor={fileId}>
          {replace ? "Remplacer par un nouveau fichier" : "Choisir un fichier"}
        </label>
        <p id={hintId} className="field__hint">
          PDF, JPEG ou PNG, {maxMb} Mo maximum.
        </p>
        {fileErrors && (
          <p id={errorId} className="field__error">
            <span className="visually-hidden">Erreur :</span> {fileErrors.join(" ")}
          </p>
        )}
        <input
          ref={inputRef}
          id={fileId}
          name={fileId}
          type="file"
          accept={ACCEPT_ATTRIBUTE}
          className="file-input"
          aria-invalid={fileErrors ? true : undefined}
          aria-describedby={[hintId, fileErrors ? errorId : ""].filter(Boolean).join(" ")}
          onChange={(event) => {
            const chosen = event.target.files?.[0] ?? null;
            setFile(chosen);
            setSent(false);
            setErrors([]);
          }}
        />
        <p className={liveProblem ? "file-input__chosen field__error" : "file-input__chosen"} aria-live="polite">
          {file ? `Fichier choisi : ${file.name} (${formatFileSize(file.size)})${liveProblem ? ` — ${liveProblem}` : ""}` : ""}
        </p>
      </div>
      {dated && (
        <InputField
          id={dateId}
          label="Valable jusqu'au"
          type="date"
          required
          value={validUntil}
          onChange={setValidUntil}
          errors={messagesFor(errors, dateId)}
        />
      )}
      <div className="form-actions">
        <SubmitButton busy={mutation.isPending} label="Envoyer le document" busyLabel="Envoi du document en cours…" />
      </div>
      <div role="status">
        {sent && (
          <p className="notice notice--success">
            {UPLOADED_MESSAGE}
            {item.document_type.requires_review ? " La structure va le vérifier." : ""}
          </p>
        )}
      </div>
    </form>
  );
}
