import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { fieldErrors, type FormErrorItem } from "../../../components/formErrors";
import { TextAreaField } from "../../../components/FormFields";
import { QueryView } from "../../../components/QueryView";
import { staffErrors } from "../../../components/serverErrors";
import { SubmitButton } from "../../../components/SubmitButton";
import { StatusMessage } from "../../staff/StaffUi";
import { newsKeys, saveHomeMessage, useStaffHomeMessages, type HomeMessage } from "./api";

const HINTS: Record<string, string> = {
  families: "Affiché en haut de l'accueil de toutes les familles.",
  staff: "Affiché en haut de l'accueil de l'espace de gestion.",
};

/** /gestion/actualites/messages-accueil — one home message per audience. */
export function HomeMessagesPage() {
  const messages = useStaffHomeMessages();
  return (
    <section aria-labelledby="messages-accueil-titre">
      <h2 id="messages-accueil-titre">Messages d'accueil</h2>
      <p>Un message court en haut de la page d'accueil. Laissez un message vide pour ne rien afficher.</p>
      <QueryView query={messages} loadingLabel="Chargement des messages d'accueil…">
        {(items) => (
          <>
            {items.map((message) => (
              <HomeMessageForm key={message.audience} message={message} />
            ))}
          </>
        )}
      </QueryView>
    </section>
  );
}

function HomeMessageForm({ message }: { message: HomeMessage }) {
  const queryClient = useQueryClient();
  const [text, setText] = useState(message.text);
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [status, setStatus] = useState("");
  const id = `message-accueil-${message.audience}`;
  const mutation = useMutation({
    mutationFn: () => saveHomeMessage({ audience: message.audience, text }),
    onSuccess: (saved) => {
      queryClient.setQueryData<HomeMessage[]>(newsKeys.staffHomeMessages, (old) =>
        old?.map((m) => (m.audience === saved.audience ? { ...m, ...saved } : m)),
      );
      void queryClient.invalidateQueries({ queryKey: newsKeys.home });
      setErrors([]);
      setStatus(`Le message « ${message.label} » est enregistré.`);
    },
    onError: (error) => {
      setStatus("");
      setErrors(staffErrors(error, { text: id }));
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    setStatus("");
    mutation.mutate();
  }

  return (
    <form className="form home-message-form" noValidate onSubmit={submit} aria-label={`Message d'accueil : ${message.label}`}>
      <ErrorSummary items={errors} />
      <TextAreaField
        id={id}
        label={message.label}
        hint={HINTS[message.audience] ?? `Affiché en haut de l'accueil des familles inscrites à ce service (${message.label}).`}
        rows={4}
        value={text}
        onChange={setText}
        errors={fieldErrors(errors, id)}
      />
      <div className="button-row">
        <SubmitButton busy={mutation.isPending} label={`Enregistrer le message « ${message.label} »`} busyLabel="Enregistrement…" />
      </div>
      <StatusMessage message={status} />
    </form>
  );
}
