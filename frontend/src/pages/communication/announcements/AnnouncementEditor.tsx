import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { CheckboxField, InputField, RequiredFieldsNote } from "../../../components/FormFields";
import { fieldErrors, type FormErrorItem } from "../../../components/formErrors";
import { staffErrors } from "../../../components/serverErrors";
import { ConfirmDialog } from "../../staff/billing/ConfirmDialog";
import { StatusMessage } from "../../staff/StaffUi";
import {
  announcementKeys,
  createAnnouncement,
  deleteAnnouncement,
  fetchTargetOptions,
  previewTarget,
  sendAnnouncement,
  updateAnnouncement,
  type AnnouncementInput,
  type Criterion,
  type StaffAnnouncementDetail,
  type TargetPreview,
} from "./api";
import { AttachmentsEditor } from "./AttachmentsEditor";
import { countLabel, LiveCount } from "./LiveCount";
import { RichTextField } from "../shared/RichTextField";
import { htmlToMarkup, markupToHtml } from "../shared/richText";
import { TargetBuilder } from "./TargetBuilder";
import { criterionKey, type FamilyNames } from "./targetLabels";

export const IDS = {
  title: "annonce-titre",
  text: "annonce-texte",
  target: "annonce-destinataires",
  by_email: "annonce-email",
  urgent: "annonce-urgente",
} as const;

export const SAVED = "Brouillon enregistré.";

interface Draft {
  title: string;
  markup: string;
  target: Criterion[];
  byEmail: boolean;
  urgent: boolean;
}

function draftOf(announcement?: StaffAnnouncementDetail): Draft {
  return announcement
    ? { title: announcement.title, markup: htmlToMarkup(announcement.text), target: announcement.target, byEmail: announcement.by_email, urgent: announcement.urgent }
    : { title: "", markup: "", target: [], byEmail: true, urgent: false };
}

const inputOf = (draft: Draft): AnnouncementInput => ({
  title: draft.title.trim(),
  text: markupToHtml(draft.markup),
  target: draft.target,
  by_email: draft.byEmail,
  urgent: draft.urgent,
});

function validate(draft: Draft): FormErrorItem[] {
  const errors: FormErrorItem[] = [];
  if (!draft.title.trim()) errors.push({ fieldId: IDS.title, message: "Indiquez le titre de l'annonce." });
  if (!draft.markup.trim()) errors.push({ fieldId: IDS.text, message: "Écrivez le texte de l'annonce." });
  if (!draft.target.length) errors.push({ fieldId: IDS.target, message: "Choisissez au moins un critère de destinataires." });
  return errors;
}

/** The saved criteria in the server's words (`target_labels`, one per criterion), by criterion. */
function savedLabels(announcement?: StaffAnnouncementDetail): Record<string, string> {
  if (!announcement || announcement.target_labels.length !== announcement.target.length) return {};
  return Object.fromEntries(announcement.target.map((criterion, index) => [criterionKey(criterion), announcement.target_labels[index]]));
}

interface AnnouncementEditorProps {
  /** The saved draft; none on « Nouvelle annonce ». */
  announcement?: StaffAnnouncementDetail;
  /** A message to show first (e.g. « Brouillon enregistré. » after the creation). */
  initialStatus?: string;
}

/**
 * The draft editor: title, text, recipients with their live count, e-mail
 * and urgent SMS options, attachments (once saved), then « Envoyer » with a
 * confirmation naming the count.
 */
export function AnnouncementEditor({ announcement, initialStatus = "" }: AnnouncementEditorProps) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(announcement));
  const [saved, setSaved] = useState(() => JSON.stringify(inputOf(draftOf(announcement))));
  const [names, setNames] = useState<FamilyNames>({});
  const [known] = useState(() => savedLabels(announcement));
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [status, setStatus] = useState(initialStatus);
  const [confirmSend, setConfirmSend] = useState<TargetPreview | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const options = useQuery({ queryKey: announcementKeys.targetOptions, queryFn: ({ signal }) => fetchTargetOptions(signal), staleTime: 5 * 60_000 });

  const set = <K extends keyof Draft>(key: K) => (value: Draft[K]) => setDraft((old) => ({ ...old, [key]: value }));
  const dirty = JSON.stringify(inputOf(draft)) !== saved;
  const onError = (failure: unknown) => {
    setStatus("");
    setErrors(staffErrors(failure, { title: IDS.title, text: IDS.text, target: IDS.target, by_email: IDS.by_email, urgent: IDS.urgent }, { target: "Destinataires" }));
  };
  const afterSave = (result: StaffAnnouncementDetail) => {
    queryClient.setQueryData(announcementKeys.staffDetail(result.id), result);
    void queryClient.invalidateQueries({ queryKey: announcementKeys.staffListAll });
    setSaved(JSON.stringify(inputOf(draft)));
    setErrors([]);
  };

  const save = useMutation({
    mutationFn: (input: AnnouncementInput) => (announcement ? updateAnnouncement(announcement.id, input) : createAnnouncement(input)),
    onSuccess: (result) => {
      afterSave(result);
      if (announcement) setStatus(SAVED);
      else void navigate(`/gestion/annonces/${result.id}`, { replace: true, state: { status: `${SAVED} Vous pouvez joindre des fichiers puis l'envoyer.` } });
    },
    onError,
  });

  // « Envoyer… »: save what changed, count the saved criteria, then ask.
  const prepare = useMutation({
    mutationFn: async (input: AnnouncementInput) => {
      if (!announcement) throw new Error("unsaved");
      if (dirty) afterSave(await updateAnnouncement(announcement.id, input));
      return previewTarget(input.target);
    },
    onSuccess: (preview) => {
      if (preview.guardians === 0) {
        setErrors([{ fieldId: IDS.target, message: "Aucun responsable ne correspond à ces critères : l'annonce ne peut pas être envoyée." }]);
        return;
      }
      setStatus("");
      setConfirmSend(preview);
    },
    onError,
  });
  const send = useMutation({
    mutationFn: () => sendAnnouncement(announcement!.id),
    onSuccess: (result) => {
      setConfirmSend(null);
      queryClient.setQueryData(announcementKeys.staffDetail(result.id), result);
      void queryClient.invalidateQueries({ queryKey: announcementKeys.staffListAll });
    },
    onError: (failure) => {
      setConfirmSend(null);
      onError(failure);
    },
  });
  const remove = useMutation({
    mutationFn: () => deleteAnnouncement(announcement!.id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: announcementKeys.staffDetail(announcement!.id) });
      void queryClient.invalidateQueries({ queryKey: announcementKeys.staffListAll });
      void navigate("/gestion/annonces");
    },
    onError: (failure) => {
      setConfirmDelete(false);
      onError(failure);
    },
  });

  function check(): AnnouncementInput | null {
    const local = validate(draft);
    setErrors(local);
    if (local.length) {
      setStatus("");
      return null;
    }
    return inputOf(draft);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (save.isPending) return;
    const input = check();
    if (input) save.mutate(input);
  }

  function onSend() {
    if (prepare.isPending) return;
    const input = check();
    if (input) prepare.mutate(input);
  }

  return (
    <>
      <form className="form announcement-form" noValidate onSubmit={onSubmit}>
        <ErrorSummary items={errors} />
        <RequiredFieldsNote />
        <InputField id={IDS.title} label="Titre" required maxLength={150} value={draft.title} onChange={set("title")} errors={fieldErrors(errors, IDS.title)} />
        <RichTextField id={IDS.text} label="Texte" value={draft.markup} onChange={set("markup")} errors={fieldErrors(errors, IDS.text)} />
        <TargetBuilder
          id={IDS.target}
          target={draft.target}
          onChange={set("target")}
          options={options.data}
          names={names}
          known={known}
          onName={(id, name) => setNames((old) => ({ ...old, [id]: name }))}
          errors={fieldErrors(errors, IDS.target)}
        />
        {options.isError && <p className="notice notice--error">Les activités et groupes n'ont pas pu être chargés. Rechargez la page.</p>}
        <LiveCount target={draft.target} />
        <fieldset className="fieldset">
          <legend className="fieldset__legend">Envoi</legend>
          <CheckboxField
            id={IDS.by_email}
            label="Envoyer aussi par e-mail"
            checked={draft.byEmail}
            onChange={set("byEmail")}
            hint="Sauf aux responsables qui ont refusé les e-mails d'annonces. L'annonce est toujours visible sur le portail."
            errors={fieldErrors(errors, IDS.by_email)}
          />
          <CheckboxField
            id={IDS.urgent}
            label="Annonce urgente (SMS)"
            checked={draft.urgent}
            onChange={set("urgent")}
            hint="Un SMS part aussi vers les responsables qui acceptent les SMS, si la structure a activé l'envoi de SMS."
            errors={fieldErrors(errors, IDS.urgent)}
          />
        </fieldset>
        <div className="button-row">
          <button type="submit" className="button button--primary" aria-disabled={save.isPending || undefined}>
            {save.isPending && <span className="spinner" aria-hidden="true" />}
            Enregistrer le brouillon
          </button>
          {announcement && (
            <>
              <button type="button" className="button button--primary" onClick={onSend} aria-disabled={prepare.isPending || undefined}>
                {prepare.isPending && <span className="spinner" aria-hidden="true" />}
                Envoyer…
              </button>
              <button type="button" className="button button--danger" onClick={() => setConfirmDelete(true)}>
                Supprimer le brouillon
              </button>
            </>
          )}
        </div>
        {!announcement && <p className="field__hint">Enregistrez le brouillon pour joindre des fichiers et l'envoyer.</p>}
        <StatusMessage message={status} />
      </form>

      {announcement && <AttachmentsEditor announcement={announcement} />}

      {confirmSend && (
        <ConfirmDialog
          title="Envoyer l'annonce ?"
          confirmLabel={`Envoyer à ${countLabel(confirmSend)}`}
          busy={send.isPending}
          onConfirm={() => send.mutate()}
          onCancel={() => setConfirmSend(null)}
        >
          <p>
            L'annonce « {draft.title.trim()} » sera envoyée à <strong>{countLabel(confirmSend)}</strong>
            {draft.byEmail ? ", sur leur portail et par e-mail" : ", sur leur portail"}
            {draft.urgent ? ", et par SMS aux responsables qui l'acceptent" : ""}.
          </p>
          <p>L'envoi ne peut pas être annulé.</p>
        </ConfirmDialog>
      )}
      {confirmDelete && (
        <ConfirmDialog
          title="Supprimer le brouillon ?"
          confirmLabel="Supprimer le brouillon"
          danger
          busy={remove.isPending}
          onConfirm={() => remove.mutate()}
          onCancel={() => setConfirmDelete(false)}
        >
          <p>Le brouillon « {draft.title.trim() || "sans titre"} » et ses pièces jointes seront supprimés.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
