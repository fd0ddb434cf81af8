import { useRef, useState } from "react";
import { flushSync } from "react-dom";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { ErrorSummary } from "../../components/ErrorSummary";
import type { FormErrorItem } from "../../components/formErrors";
import { DataTable, type Column } from "../../components/list/DataTable";
import { ListView } from "../../components/list/ListView";
import { useListParams } from "../../components/list/useListParams";
import { staffErrors } from "../../components/serverErrors";
import { formatDate, formatDateTime } from "../../format/dates";
import { formatFileSize } from "../../format/numbers";
import { usePageTitle } from "../../theme/usePageTitle";
import { fetchDocuments, reviewDocument, staffKeys, type DocumentFilters, type ReviewInput, type StaffDocument } from "./api";
import { ReasonForm, StatusMessage } from "./StaffUi";

export function documentTitle(doc: StaffDocument): string {
  return `${doc.document_type.name}${doc.child ? ` de ${doc.child.first_name}` : ""}`;
}

/** Documents awaiting review: open the file, accept, or reject with a reason (e-mailed). */
export function DocumentsReviewPage() {
  usePageTitle("Documents à vérifier");
  // The family comes from a family file's link.
  const { filters: values, page, setPage } = useListParams({ family: { param: "famille" } });
  const filters: DocumentFilters = { status: "awaiting_review", family: values.family, page };
  const query = useQuery({
    queryKey: staffKeys.documents(filters),
    queryFn: ({ signal }) => fetchDocuments(filters, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <p className="breadcrumb">
        <Link to="/gestion">Espace de gestion</Link>
      </p>
      <h1>Documents à vérifier</h1>
      <p className="lead">Les justificatifs déposés par les familles, des plus anciens aux plus récents.</p>
      {filters.family && (
        <p className="notice notice--info">
          Documents de la famille sélectionnée seulement. <Link to="/gestion/documents">Voir ceux de toutes les familles</Link>
        </p>
      )}
      <ListView
        query={query}
        loadingLabel="Chargement des documents…"
        pagination={{ label: "Pages des documents", page, onPage: setPage }}
      >
        {(data) => <DocumentReviewList documents={data.results} emptyText="Aucun document n'attend de vérification." />}
      </ListView>
    </>
  );
}

interface DocumentReviewListProps {
  documents: readonly StaffDocument[];
  emptyText: string;
  /** Hide the family column (inside a family file). */
  withinFamily?: boolean;
}

/** Table of documents; those awaiting review can be accepted or rejected. */
export function DocumentReviewList({ documents, emptyText, withinFamily = false }: DocumentReviewListProps) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState("");
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [rejecting, setRejecting] = useState<string | null>(null);
  const rejectButtons = useRef(new Map<string, HTMLButtonElement>());
  const captionRef = useRef<HTMLSpanElement>(null);

  const mutation = useMutation({
    mutationFn: ({ doc, input }: { doc: StaffDocument; input: ReviewInput }) => reviewDocument(doc.uuid, input),
    onSuccess: (_, { doc, input }) => {
      setStatus(
        input.decision === "accept"
          ? `${documentTitle(doc)} (famille ${doc.family.name}) : document accepté.`
          : `${documentTitle(doc)} (famille ${doc.family.name}) : document refusé. Le motif est envoyé à la famille par e-mail.`,
      );
      setErrors([]);
      setRejecting(null);
      captionRef.current?.focus();
      void queryClient.invalidateQueries({ queryKey: staffKeys.all });
    },
    onError: (error, { doc }) => setErrors(staffErrors(error, { reason: `refus-${doc.uuid}-motif` })),
  });

  const columns: Column<StaffDocument>[] = [
    {
      key: "document",
      header: "Document",
      rowHeader: true,
      cell: (doc) => (
        <>
          {documentTitle(doc)}
          {doc.valid_until ? <div className="field__hint">Valable jusqu'au {formatDate(doc.valid_until)}</div> : null}
        </>
      ),
    },
    ...(withinFamily
      ? []
      : [
          {
            key: "family",
            header: "Famille",
            cell: (doc: StaffDocument) => (
              <>
                <Link to={`/gestion/familles/${doc.family.id}/documents`}>{doc.family.name}</Link>{" "}
                <span className="status-pill">n° {doc.family.number}</span>
              </>
            ),
          },
        ]),
    {
      key: "file",
      header: "Fichier",
      cell: (doc) => (
        <>
          <a href={doc.file_url} target="_blank" rel="noopener">
            Ouvrir {doc.original_name}
            {" "}<span className="visually-hidden">(nouvelle fenêtre)</span>
          </a>{" "}
          <span className="field__hint">({formatFileSize(doc.size)})</span>
        </>
      ),
    },
    { key: "uploaded", header: "Déposé le", cell: (doc) => formatDateTime(doc.uploaded_at) },
    {
      key: "status",
      header: "État",
      cell: (doc) => (
        <>
          {doc.status_label}
          {doc.status === "rejected" && doc.rejection_reason ? ` — motif : ${doc.rejection_reason}` : ""}
          {doc.reviewed_by_name && doc.status !== "awaiting_review" ? (
            <div className="field__hint">
              par {doc.reviewed_by_name}
              {doc.reviewed_at ? ` le ${formatDate(doc.reviewed_at)}` : ""}
            </div>
          ) : null}
        </>
      ),
    },
    {
      key: "actions",
      header: "Actions",
      cell: (doc) =>
        doc.status !== "awaiting_review" ? (
          "—"
        ) : rejecting === doc.uuid ? (
          <ReasonForm
            id={`refus-${doc.uuid}`}
            legend={`Refuser : ${documentTitle(doc)} (famille ${doc.family.name})`}
            submitLabel="Confirmer le refus"
            busy={mutation.isPending}
            serverErrors={errors}
            onSubmit={(reason) => mutation.mutate({ doc, input: { decision: "reject", reason } })}
            onCancel={() => {
              flushSync(() => {
                setRejecting(null);
                setErrors([]);
              });
              rejectButtons.current.get(doc.uuid)?.focus();
            }}
          />
        ) : (
          <div className="button-row">
            <button
              type="button"
              className="button button--primary"
              aria-disabled={mutation.isPending || undefined}
              onClick={() => {
                if (!mutation.isPending) mutation.mutate({ doc, input: { decision: "accept" } });
              }}
            >
              Accepter{" "}<span className="visually-hidden">: {documentTitle(doc)} (famille {doc.family.name})</span>
            </button>
            <button
              type="button"
              className="button button--secondary"
              ref={(node) => {
                if (node) rejectButtons.current.set(doc.uuid, node);
                else rejectButtons.current.delete(doc.uuid);
              }}
              onClick={() => {
                setErrors([]);
                setRejecting(doc.uuid);
              }}
            >
              Refuser{" "}<span className="visually-hidden">: {documentTitle(doc)} (famille {doc.family.name})</span>
            </button>
          </div>
        ),
    },
  ];

  return (
    <>
      <StatusMessage message={status} />
      {rejecting === null && <ErrorSummary items={errors} />}
      <span ref={captionRef} tabIndex={-1} className="visually-hidden">
        Liste des documents
      </span>
      {documents.length === 0 ? (
        <p>{emptyText}</p>
      ) : (
        <DataTable caption={`Documents (${documents.length})`} columns={columns} rows={documents} rowKey={(doc) => doc.uuid} />
      )}
    </>
  );
}
