import "./news.css";
import { useRef, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { useChildren } from "../../../api/family";
import { mapApiError, messagesFor, requiredError, type FieldErrorItem } from "../../../components/apiErrors";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { InputField, RequiredFieldsNote, RequiredMark, SelectField, TextAreaField } from "../../../components/FormFields";
import { StatusIcon } from "../../../components/StatusIcon";
import { SubmitButton } from "../../../components/SubmitButton";
import { formatDateTime } from "../../../format/dates";
import { formatFileSize } from "../../../format/numbers";
import { usePageTitle } from "../../../theme/usePageTitle";
import { Breadcrumb } from "../../family/components/Breadcrumb";
import { PageError, PageLoading } from "../../family/components/PageStates";
import { newsKeys, sendSubmission, useSubmissions, type Submission } from "./api";
import { ACCEPT_ATTRIBUTE, checkFormat } from "./files";

const IDS = {
  title: "envoi-objet",
  child: "envoi-enfant",
  comment: "envoi-commentaire",
  file: "envoi-fichier",
} as const;

const LABELS: Record<string, string> = { title: "Objet", child: "Enfant concerné", comment: "Commentaire", file: "Fichier", thread: "Conversation" };

export const SUBMISSION_SENT = "Votre envoi est transmis à la structure.";

/** /mes-envois — files the family sent to the structure, and « Nouvel envoi ». */
export function SubmissionsPage() {
  usePageTitle("Mes envois");
  const submissions = useSubmissions();
  return (
    <>
      <Breadcrumb trail={[{ label: "Mes envois" }]} />
      <h1>Mes envois</h1>
      <p className="lead">
        Envoyez à la structure un fichier qu'elle ne vous a pas demandé dans <Link to="/mes-documents">Mes documents</Link> : un
        certificat, un justificatif, un courrier…
      </p>
      <NewSubmissionForm />
      <section className="section" aria-labelledby="envois-titre">
        <h2 id="envois-titre">Vos envois</h2>
        {submissions.isPending ? (
          <PageLoading label="Chargement de vos envois…" />
        ) : submissions.isError ? (
          <PageError error={submissions.error} onRetry={() => void submissions.refetch()} />
        ) : submissions.data.length === 0 ? (
          <p>Vous n'avez encore rien envoyé.</p>
        ) : (
          <ul className="plain-list">
            {submissions.data.map((item) => (
              <li key={item.id}>
                <SubmissionCard item={item} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function SubmissionCard({ item }: { item: Submission }) {
  const titleId = `envoi-${item.id}`;
  return (
    <article className="card submission" aria-labelledby={titleId}>
      <h3 id={titleId}>{item.title}</h3>
      <p>
        {item.seen ? (
          <span className="status-badge status-badge--accepted">
            <StatusIcon name="check" /> Vu par la structure
          </span>
        ) : (
          <span className="status-badge status-badge--awaiting_review">
            <StatusIcon name="hourglass" /> Pas encore vu par la structure
          </span>
        )}
      </p>
      <p>
        Envoyé le {formatDateTime(item.created_at)}
        {item.child ? `, pour ${item.child.name}` : ""} :{" "}
        <a href={item.url}>
          {item.original_name} <span className="visually-hidden">({item.title}, télécharger)</span>
        </a>{" "}
        ({formatFileSize(item.size)})
      </p>
      {item.comment && <p className="preserve-lines">{item.comment}</p>}
    </article>
  );
}

function NewSubmissionForm() {
  const queryClient = useQueryClient();
  const [searchParams] = useSearchParams();
  const thread = /^\d+$/.test(searchParams.get("fil") ?? "") ? (searchParams.get("fil") ?? "") : "";
  const children = useChildren();
  const inputRef = useRef<HTMLInputElement>(null);
  const [values, setValues] = useState({ title: "", child: "", comment: "" });
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<FieldErrorItem[]>([]);
  const [sent, setSent] = useState(false);

  const mutation = useMutation({
    mutationFn: sendSubmission,
    onSuccess: async () => {
      setValues({ title: "", child: "", comment: "" });
      setFile(null);
      if (inputRef.current) inputRef.current.value = "";
      setErrors([]);
      setSent(true);
      await queryClient.invalidateQueries({ queryKey: newsKeys.submissions });
    },
    onError: (error) => {
      setSent(false);
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
    setSent(false);
    const found: FieldErrorItem[] = [];
    if (!values.title.trim()) found.push(requiredError(IDS.title, "Objet", "Indiquez l'objet de votre envoi."));
    const problem = checkFormat(file);
    if (problem) found.push({ fieldId: IDS.file, message: `Fichier : ${problem}`, fieldMessage: problem });
    setErrors(found);
    if (found.length || !file) return;
    mutation.mutate({ ...values, title: values.title.trim(), thread, file });
  }

  const fileErrors = messagesFor(errors, IDS.file);
  return (
    <section className="section card" aria-labelledby="nouvel-envoi-titre">
      <h2 id="nouvel-envoi-titre">Nouvel envoi</h2>
      {thread && (
        <p className="notice notice--info">
          Ce fichier sera joint à votre conversation de la <Link to="/messagerie">messagerie</Link>.
        </p>
      )}
      <form className="form" noValidate onSubmit={submit}>
        <RequiredFieldsNote />
        <ErrorSummary items={errors} />
        <InputField
          id={IDS.title}
          label="Objet"
          required
          maxLength={150}
          value={values.title}
          onChange={(title) => setValues((v) => ({ ...v, title }))}
          errors={messagesFor(errors, IDS.title)}
        />
        <SelectField
          id={IDS.child}
          label="Enfant concerné"
          value={values.child}
          onChange={(child) => setValues((v) => ({ ...v, child }))}
          placeholder="Aucun en particulier"
          options={(children.data ?? []).map((c) => ({ value: String(c.id), label: `${c.first_name} ${c.last_name}`.trim() }))}
          errors={messagesFor(errors, IDS.child)}
        />
        <TextAreaField
          id={IDS.comment}
          label="Commentaire"
          rows={3}
          value={values.comment}
          onChange={(comment) => setValues((v) => ({ ...v, comment }))}
          errors={messagesFor(errors, IDS.comment)}
        />
        <div className={fileErrors ? "field field--error" : "field"}>
          <label className="field__label" htmlFor={IDS.file}>
            Fichier
            <RequiredMark required />
          </label>
          <p id={`${IDS.file}-aide`} className="field__hint">
            PDF, JPEG ou PNG.
          </p>
          {fileErrors && (
            <p id={`${IDS.file}-erreur`} className="field__error">
              <span className="visually-hidden">Erreur :</span> {fileErrors.join(" ")}
            </p>
          )}
          <input
            ref={inputRef}
            id={IDS.file}
            name={IDS.file}
            type="file"
            accept={ACCEPT_ATTRIBUTE}
            className="file-input"
            required
            aria-invalid={fileErrors ? true : undefined}
            aria-describedby={[`${IDS.file}-aide`, fileErrors ? `${IDS.file}-erreur` : ""].filter(Boolean).join(" ")}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setSent(false);
            }}
          />
        </div>
        <div className="form-actions">
          <SubmitButton busy={mutation.isPending} label="Envoyer" busyLabel="Envoi en cours…" />
        </div>
        <div role="status">{sent && <p className="notice notice--success">{SUBMISSION_SENT}</p>}</div>
      </form>
    </section>
  );
}
