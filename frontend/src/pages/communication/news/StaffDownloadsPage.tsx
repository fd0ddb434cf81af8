import { useRef, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useStructure } from "../../../api/StructureContext";
import { mapApiError, messagesFor, requiredError, type FieldErrorItem } from "../../../components/apiErrors";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { InputField, RequiredFieldsNote, RequiredMark, SelectField } from "../../../components/FormFields";
import { DataTable } from "../../../components/list/DataTable";
import { QueryView } from "../../../components/QueryView";
import { staffErrors } from "../../../components/serverErrors";
import { SubmitButton } from "../../../components/SubmitButton";
import { formatDateTime } from "../../../format/dates";
import { formatFileSize } from "../../../format/numbers";
import { StatusMessage } from "../../staff/StaffUi";
import { deleteDownload, newsKeys, uploadDownload, useStaffDownloads, type StaffDownloadItem } from "./api";
import { DeleteButton } from "./DeleteButton";
import { ACCEPT_ATTRIBUTE, checkFormat, fileTypeLabel } from "./files";
import { fromLocalInput } from "./format";

const IDS = {
  title: "telechargement-titre",
  description: "telechargement-description",
  module: "telechargement-service",
  season: "telechargement-periode",
  publish_at: "telechargement-publication",
  expire_at: "telechargement-retrait",
  file: "telechargement-fichier",
} as const;

const LABELS: Record<string, string> = {
  title: "Titre",
  description: "Description",
  module: "Service",
  season: "Période",
  publish_at: "Mise en ligne",
  expire_at: "Retrait",
  file: "Fichier",
};

/** /gestion/actualites/telechargements — documents offered to the families. */
export function StaffDownloadsPage() {
  const downloads = useStaffDownloads();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState("");
  const [errors, setErrors] = useState<ReturnType<typeof staffErrors>>([]);
  const remove = useMutation({
    mutationFn: (item: StaffDownloadItem) => deleteDownload(item.id),
    onSuccess: async (_, item) => {
      setErrors([]);
      setStatus(`« ${item.title} » est retiré des téléchargements.`);
      await queryClient.invalidateQueries({ queryKey: newsKeys.staffDownloads });
    },
    onError: (error) => {
      setStatus("");
      setErrors(staffErrors(error));
    },
  });

  return (
    <section aria-labelledby="telechargements-gestion-titre">
      <h2 id="telechargements-gestion-titre">Téléchargements</h2>
      <p>Les documents proposés aux familles dans « Téléchargements » : règlement intérieur, menus, programmes…</p>
      <StatusMessage message={status} />
      <ErrorSummary items={errors} />
      <QueryView query={downloads} loadingLabel="Chargement des documents…">
        {(items) =>
          items.length === 0 ? (
            <p>Aucun document n'est proposé aux familles.</p>
          ) : (
            <DataTable
              caption={`Documents proposés (${items.length})`}
              rows={items}
              rowKey={(item) => item.id}
              columns={[
                {
                  key: "title",
                  header: "Document",
                  rowHeader: true,
                  cell: (item) => (
                    <>
                      <a href={item.url}>{item.title}</a>
                      <br />
                      <span className="download__meta">
                        {item.original_name} ({fileTypeLabel(item.content_type)}, {formatFileSize(item.size)})
                      </span>
                    </>
                  ),
                },
                { key: "module", header: "Service", cell: (item) => item.module_label },
                { key: "season", header: "Période", cell: (item) => item.season || "—" },
                {
                  key: "dates",
                  header: "En ligne",
                  cell: (item) =>
                    `${item.status} · ${formatDateTime(item.publish_at)}${item.expire_at ? ` → ${formatDateTime(item.expire_at)}` : ""}`,
                },
                {
                  key: "actions",
                  header: <span className="visually-hidden">Actions</span>,
                  cell: (item) => <DeleteButton label={item.title} busy={remove.isPending} onConfirm={() => remove.mutate(item)} />,
                },
              ]}
            />
          )
        }
      </QueryView>
      <UploadForm onUploaded={(title) => setStatus(`« ${title} » est proposé aux familles.`)} />
    </section>
  );
}

const EMPTY = { title: "", description: "", module: "", season: "", publish_at: "", expire_at: "" };

function UploadForm({ onUploaded }: { onUploaded: (title: string) => void }) {
  const structure = useStructure();
  const queryClient = useQueryClient();
  const fileRef = useRef<HTMLInputElement>(null);
  const [values, setValues] = useState(EMPTY);
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<FieldErrorItem[]>([]);
  const set = (key: keyof typeof EMPTY) => (value: string) => setValues((v) => ({ ...v, [key]: value }));

  const mutation = useMutation({
    mutationFn: uploadDownload,
    onSuccess: async (saved) => {
      setValues(EMPTY);
      setFile(null);
      if (fileRef.current) fileRef.current.value = "";
      setErrors([]);
      onUploaded(saved.title);
      await queryClient.invalidateQueries({ queryKey: newsKeys.staffDownloads });
    },
    onError: (error) =>
      setErrors(
        mapApiError(error, {
          idFor: (path) => (path in IDS ? IDS[path as keyof typeof IDS] : undefined),
          labelFor: (path) => LABELS[path],
        }),
      ),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const found: FieldErrorItem[] = [];
    if (!values.title.trim()) found.push(requiredError(IDS.title, "Titre", "Indiquez le titre du document."));
    const problem = checkFormat(file);
    if (problem) found.push({ fieldId: IDS.file, message: `Fichier : ${problem}`, fieldMessage: problem });
    if (values.expire_at && values.publish_at && values.expire_at <= values.publish_at) {
      found.push(requiredError(IDS.expire_at, "Retrait", "Le retrait doit suivre la mise en ligne."));
    }
    setErrors(found);
    if (found.length || !file) return;
    mutation.mutate({
      ...values,
      title: values.title.trim(),
      publish_at: fromLocalInput(values.publish_at),
      expire_at: fromLocalInput(values.expire_at),
      file,
    });
  }

  const fileErrors = messagesFor(errors, IDS.file);
  return (
    <section className="section card" aria-labelledby="telechargement-ajout-titre">
      <h3 id="telechargement-ajout-titre">Ajouter un document</h3>
      <form className="form" noValidate onSubmit={submit}>
        <RequiredFieldsNote />
        <ErrorSummary items={errors} />
        <InputField id={IDS.title} label="Titre" required maxLength={150} value={values.title} onChange={set("title")} errors={messagesFor(errors, IDS.title)} />
        <InputField
          id={IDS.description}
          label="Description"
          maxLength={300}
          value={values.description}
          onChange={set("description")}
          errors={messagesFor(errors, IDS.description)}
        />
        <div className="form-grid form-grid--2">
          <SelectField
            id={IDS.module}
            label="Service"
            value={values.module}
            onChange={set("module")}
            options={[{ value: "", label: "Tous les services" }, ...structure.modules.map((m) => ({ value: m.id, label: m.label }))]}
            errors={messagesFor(errors, IDS.module)}
          />
          <InputField
            id={IDS.season}
            label="Période"
            hint="Par exemple : 2026-2027, Été 2027. Facultative."
            maxLength={40}
            value={values.season}
            onChange={set("season")}
            errors={messagesFor(errors, IDS.season)}
          />
          <InputField
            id={IDS.publish_at}
            label="Mise en ligne"
            type="datetime-local"
            hint="Laissez vide pour le proposer tout de suite."
            value={values.publish_at}
            onChange={set("publish_at")}
            errors={messagesFor(errors, IDS.publish_at)}
          />
          <InputField
            id={IDS.expire_at}
            label="Retrait"
            type="datetime-local"
            hint="Laissez vide pour le laisser en ligne."
            value={values.expire_at}
            onChange={set("expire_at")}
            errors={messagesFor(errors, IDS.expire_at)}
          />
        </div>
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
            ref={fileRef}
            id={IDS.file}
            name={IDS.file}
            type="file"
            accept={ACCEPT_ATTRIBUTE}
            className="file-input"
            required
            aria-invalid={fileErrors ? true : undefined}
            aria-describedby={[`${IDS.file}-aide`, fileErrors ? `${IDS.file}-erreur` : ""].filter(Boolean).join(" ")}
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </div>
        <div className="button-row">
          <SubmitButton busy={mutation.isPending} label="Ajouter le document" busyLabel="Envoi du document…" />
        </div>
      </form>
    </section>
  );
}
