import { useState, type FormEvent } from "react";
import { apiFetch } from "../../../../api/client";
import { ErrorSummary } from "../../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../../components/formErrors";
import { InputField, TextAreaField } from "../../../../components/FormFields";
import { QueryView } from "../../../../components/QueryView";
import { StatusMessage } from "../../../staff/StaffUi";
import { messagingKeys, URLS, useQuickReplies, type QuickReply } from "../api";
import { useConfigAction } from "./useConfigAction";

type Change = { kind: "create"; title: string; text: string } | { kind: "update"; id: number; title: string; text: string } | { kind: "delete"; id: number };

function save(change: Change): Promise<unknown> {
  if (change.kind === "create") return apiFetch(URLS.quickReplies, { method: "POST", body: { title: change.title, text: change.text } });
  if (change.kind === "update") return apiFetch(URLS.quickReply(change.id), { method: "PATCH", body: { title: change.title, text: change.text } });
  return apiFetch(URLS.quickReply(change.id), { method: "DELETE" });
}

/** The saved texts staff insert in their replies. */
export function QuickRepliesSection() {
  const replies = useQuickReplies();
  const action = useConfigAction(messagingKeys.quickReplies, save, { title: "reponse-rapide-titre", text: "reponse-rapide-texte" });
  const [editing, setEditing] = useState<number | null>(null);
  return (
    <section className="section" aria-labelledby="reponses-rapides-titre">
      <h2 id="reponses-rapides-titre">Réponses rapides</h2>
      <StatusMessage message={action.done} />
      <QueryView query={replies} loadingLabel="Chargement des réponses rapides…">
        {(list) =>
          list.length === 0 ? (
            <p>Aucune réponse rapide pour l'instant.</p>
          ) : (
            <ul className="plain-list config-list">
              {list.map((reply) => (
                <li key={reply.id} className="card config-item">
                  {editing === reply.id ? (
                    <ReplyEditor
                      idPrefix={`reponse-rapide-${reply.id}`}
                      legend={`Modifier la réponse rapide « ${reply.title} »`}
                      initial={reply}
                      errors={action.errors}
                      busy={action.busy}
                      submitLabel="Enregistrer"
                      onSubmit={(title, text) => {
                        action.run({ kind: "update", id: reply.id, title, text }, `Réponse rapide « ${title} » enregistrée.`);
                        setEditing(null);
                      }}
                      onCancel={() => setEditing(null)}
                    />
                  ) : (
                    <>
                      <h3 className="config-item__title">{reply.title}</h3>
                      <p className="preserve-lines">{reply.text}</p>
                      <div className="button-row">
                        <button type="button" className="button button--secondary" onClick={() => setEditing(reply.id)}>
                          Modifier{" "}<span className="visually-hidden">: {reply.title}</span>
                        </button>
                        <button
                          type="button"
                          className="button button--danger"
                          onClick={() => action.run({ kind: "delete", id: reply.id }, `Réponse rapide « ${reply.title} » supprimée.`)}
                        >
                          Supprimer{" "}<span className="visually-hidden">: {reply.title}</span>
                        </button>
                      </div>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
      <ReplyEditor
        key={action.done}
        idPrefix="reponse-rapide"
        legend="Ajouter une réponse rapide"
        initial={{ title: "", text: "" }}
        errors={editing === null ? action.errors : []}
        busy={action.busy}
        submitLabel="Ajouter la réponse rapide"
        onSubmit={(title, text) => action.run({ kind: "create", title, text }, `Réponse rapide « ${title} » ajoutée.`)}
      />
    </section>
  );
}

interface ReplyEditorProps {
  idPrefix: string;
  legend: string;
  initial: Pick<QuickReply, "title" | "text">;
  errors: readonly FormErrorItem[];
  busy: boolean;
  submitLabel: string;
  onSubmit: (title: string, text: string) => void;
  onCancel?: () => void;
}

function ReplyEditor({ idPrefix, legend, initial, errors, busy, submitLabel, onSubmit, onCancel }: ReplyEditorProps) {
  const [title, setTitle] = useState(initial.title);
  const [text, setText] = useState(initial.text);
  const [local, setLocal] = useState<FormErrorItem[]>([]);
  const titleId = `${idPrefix}-titre`;
  const textId = `${idPrefix}-texte`;
  const shown = local.length ? local : errors;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const found: FormErrorItem[] = [];
    if (!title.trim()) found.push({ fieldId: titleId, message: "Indiquez le titre de la réponse rapide." });
    if (!text.trim()) found.push({ fieldId: textId, message: "Écrivez le texte de la réponse rapide." });
    setLocal(found);
    if (!found.length) onSubmit(title.trim(), text.trim());
  }

  return (
    <form className="form" noValidate onSubmit={submit}>
      <fieldset className="fieldset">
        <legend>{legend}</legend>
        <ErrorSummary items={shown} />
        <InputField id={titleId} label="Titre" required maxLength={80} value={title} onChange={setTitle} errors={fieldErrors(shown, titleId)} />
        <TextAreaField id={textId} label="Texte" required rows={4} value={text} onChange={setText} errors={fieldErrors(shown, textId)} />
        <div className="button-row">
          <button type="submit" className="button button--primary" aria-disabled={busy || undefined}>
            {submitLabel}
          </button>
          {onCancel && (
            <button type="button" className="button button--secondary" onClick={onCancel}>
              Annuler
            </button>
          )}
        </div>
      </fieldset>
    </form>
  );
}
