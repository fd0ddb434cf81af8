import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router";
import { useChildren } from "../../../api/family";
import { mapApiError, messagesFor, requiredError, type FieldErrorItem } from "../../../components/apiErrors";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { CHOOSE, InputField, RequiredFieldsNote, SelectField, TextAreaField } from "../../../components/FormFields";
import { SubmitButton } from "../../../components/SubmitButton";
import { usePageTitle } from "../../../theme/usePageTitle";
import { Breadcrumb } from "../../family/components/Breadcrumb";
import { PageError, PageLoading } from "../../family/components/PageStates";
import { createThread, messagingKeys, useFamilyServices, type FamilyService } from "./api";
import { AttachmentPicker, attachmentProblem } from "./components/AttachmentPicker";

const IDS = {
  service: "message-service",
  theme: "message-theme",
  child: "message-enfant",
  subject: "message-objet",
  text: "message-texte",
  attachments: "message-pieces-jointes",
} as const;

const LABELS: Record<string, string> = {
  service: "Service",
  theme: "Thème",
  child: "Enfant concerné",
  subject: "Objet",
  text: "Message",
  attachments: "Pièces jointes",
};

export const THREAD_CREATED_MESSAGE = "Votre message a été envoyé à la structure.";

/** /messagerie/nouveau — « Écrire à la structure ». */
export function NewThreadPage() {
  usePageTitle("Écrire à la structure");
  const services = useFamilyServices();
  return (
    <>
      <Breadcrumb trail={[{ label: "Messagerie", path: "/messagerie" }, { label: "Écrire à la structure" }]} />
      <h1>Écrire à la structure</h1>
      <p className="lead">Choisissez le service concerné : votre message lui est transmis et vous recevez sa réponse ici.</p>
      <p>
        <Link to="/mes-envois">Envoyer un document sans message : Mes envois</Link>
      </p>
      {services.isPending ? (
        <PageLoading />
      ) : services.isError ? (
        <PageError error={services.error} onRetry={() => void services.refetch()} />
      ) : services.data.length === 0 ? (
        <p>La structure ne reçoit pas de messages en ligne pour l'instant.</p>
      ) : (
        <NewThreadForm services={services.data} />
      )}
    </>
  );
}

function NewThreadForm({ services }: { services: readonly FamilyService[] }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const children = useChildren();
  const [serviceId, setServiceId] = useState(services.length === 1 ? String(services[0].id) : "");
  const [themeId, setThemeId] = useState("");
  const [childId, setChildId] = useState("");
  const [subject, setSubject] = useState("");
  const [text, setText] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<FieldErrorItem[]>([]);
  const service = services.find((s) => String(s.id) === serviceId);
  const themes = service?.themes ?? [];

  const mutation = useMutation({
    mutationFn: createThread,
    onSuccess: (thread) => {
      void queryClient.invalidateQueries({ queryKey: messagingKeys.threads });
      void navigate(`/messagerie/${thread.id}`, { state: { flash: THREAD_CREATED_MESSAGE } });
    },
    onError: (error) =>
      setErrors(
        mapApiError(error, {
          idFor: (path) => IDS[(path.split(".")[0] as keyof typeof IDS)] ?? undefined,
          labelFor: (path) => LABELS[path.split(".")[0]],
        }),
      ),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const found: FieldErrorItem[] = [];
    if (!service) found.push(requiredError(IDS.service, LABELS.service, "Choisissez le service."));
    if (themes.length > 0 && !themeId) found.push(requiredError(IDS.theme, LABELS.theme, "Choisissez le thème."));
    if (!subject.trim()) found.push(requiredError(IDS.subject, LABELS.subject, "Indiquez l'objet du message."));
    if (!text.trim()) found.push(requiredError(IDS.text, LABELS.text, "Écrivez votre message."));
    const problem = attachmentProblem(files);
    if (problem) found.push({ fieldId: IDS.attachments, message: `${LABELS.attachments} : ${problem}`, fieldMessage: problem });
    setErrors(found);
    if (found.length || !service) return;
    mutation.mutate({
      service: service.id,
      theme: themeId ? Number(themeId) : null,
      child: childId ? Number(childId) : null,
      subject: subject.trim(),
      text: text.trim(),
      attachments: files,
    });
  }

  const childOptions = (children.data ?? []).map((child) => ({ value: String(child.id), label: `${child.first_name} ${child.last_name}` }));

  return (
    <form className="form" noValidate onSubmit={submit} aria-label="Nouveau message">
      <ErrorSummary items={errors} />
      <RequiredFieldsNote />
      <SelectField
        id={IDS.service}
        label={LABELS.service}
        required
        value={serviceId}
        placeholder={CHOOSE}
        options={services.map((s) => ({ value: String(s.id), label: s.label }))}
        onChange={(value) => {
          setServiceId(value);
          setThemeId("");
        }}
        errors={messagesFor(errors, IDS.service)}
      />
      {themes.length > 0 && (
        <SelectField
          id={IDS.theme}
          label={LABELS.theme}
          required
          value={themeId}
          placeholder={CHOOSE}
          options={themes.map((t) => ({ value: String(t.id), label: t.label }))}
          onChange={setThemeId}
          errors={messagesFor(errors, IDS.theme)}
        />
      )}
      {childOptions.length > 0 && (
        <SelectField
          id={IDS.child}
          label={LABELS.child}
          hint="Facultatif."
          value={childId}
          placeholder="Aucun enfant en particulier"
          options={childOptions}
          onChange={setChildId}
          errors={messagesFor(errors, IDS.child)}
        />
      )}
      <InputField id={IDS.subject} label={LABELS.subject} required maxLength={150} value={subject} onChange={setSubject} errors={messagesFor(errors, IDS.subject)} />
      <TextAreaField id={IDS.text} label={LABELS.text} required rows={6} value={text} onChange={setText} errors={messagesFor(errors, IDS.text)} />
      <AttachmentPicker id={IDS.attachments} files={files} onChange={setFiles} errors={messagesFor(errors, IDS.attachments)} />
      <div className="form-actions">
        <SubmitButton busy={mutation.isPending} label="Envoyer le message" busyLabel="Envoi du message en cours…" />
        <Link to="/messagerie" className="button button--secondary">
          Annuler
        </Link>
      </div>
    </form>
  );
}
