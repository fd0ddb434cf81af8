import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useSearchParams } from "react-router";
import { apiFetch } from "../../api/client";
import { familyKeys, URLS, useConsents, type Consent, type ConsentAnswers } from "../../api/family";
import { NEXT_PARAM, safeNextPath } from "../../auth/redirects";
import { mapApiError, messagesFor, type FieldErrorItem } from "../../components/apiErrors";
import { ErrorSummary } from "../../components/ErrorSummary";
import { RadioGroupField } from "../../components/FormFields";
import { StatusIcon } from "../../components/StatusIcon";
import { SubmitButton } from "../../components/SubmitButton";
import { formatDateTime } from "../../format/dates";
import { usePageTitle } from "../../theme/usePageTitle";
import { PageError, PageLoading } from "./components/PageStates";

export const CONSENTS_SAVED = "Vos réponses ont été enregistrées.";
const CHOICES = [
  { value: "true", label: "J'accepte" },
  { value: "false", label: "Je refuse" },
];

const consentId = (consent: Consent) => `consentement-${consent.id}`;

/** /consentements — the GDPR consents of the logged-in guardian. */
export function ConsentsPage() {
  usePageTitle("Vos consentements");
  const query = useConsents();
  return (
    <>
      <h1>Vos consentements</h1>
      {query.isPending ? (
        <PageLoading />
      ) : query.isError ? (
        <PageError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <ConsentsForm consents={query.data} />
      )}
    </>
  );
}

function ConsentsForm({ consents }: { consents: Consent[] }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const [answers, setAnswers] = useState<Record<number, string>>(() =>
    Object.fromEntries(consents.map((c) => [c.id, c.accepted === null ? "" : String(c.accepted)])),
  );
  const [errors, setErrors] = useState<FieldErrorItem[]>([]);
  const pending = consents.some((c) => c.accepted === null);

  const mutation = useMutation({
    mutationFn: (body: ConsentAnswers) => apiFetch<Consent[]>(URLS.consents, { method: "POST", body }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(familyKeys.consents, saved);
      await queryClient.invalidateQueries({ queryKey: familyKeys.home });
      await queryClient.invalidateQueries({ queryKey: familyKeys.missing });
      // The medical-data consent decides whether the health forms are shown.
      await queryClient.invalidateQueries({ queryKey: familyKeys.household });
      await queryClient.invalidateQueries({ queryKey: familyKeys.children });
      const next = safeNextPath(searchParams.get(NEXT_PARAM)) ?? "/";
      void navigate(next, { replace: true, state: { flash: CONSENTS_SAVED } });
    },
    onError: (error) => setErrors(mapApiError(error, { idFor: () => undefined })),
  });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const found: FieldErrorItem[] = consents
      .filter((c) => answers[c.id] === "")
      .map((c) => ({ fieldId: consentId(c), message: `${c.label} : choisissez « J'accepte » ou « Je refuse ».`, fieldMessage: "Choisissez une réponse." }));
    setErrors(found);
    if (found.length) return;
    mutation.mutate({ answers: consents.map((c) => ({ consent: c.id, accepted: answers[c.id] === "true" })) });
  }

  if (!consents.length) return <p>Votre structure ne vous demande aucun consentement.</p>;

  return (
    <>
      {pending ? (
        <p className="lead">Avant d'accéder à votre espace, merci de répondre aux demandes de consentement ci-dessous.</p>
      ) : (
        <p className="lead">Vous pouvez modifier vos réponses à tout moment.</p>
      )}
      <ErrorSummary items={errors} />
      <form className="form form--wide" noValidate onSubmit={handleSubmit}>
        {consents.map((consent) => {
          const id = consentId(consent);
          const refusedRequired = consent.required && answers[consent.id] === "false";
          return (
            <div className="card consent" key={consent.id}>
              <RadioGroupField
                id={id}
                label={consent.label}
                required
                inline
                value={answers[consent.id] ?? ""}
                onChange={(value) => setAnswers((a) => ({ ...a, [consent.id]: value }))}
                options={CHOICES}
                errors={messagesFor(errors, id)}
                hint={
                  consent.required
                    ? "Ce consentement est nécessaire au traitement de votre dossier : en cas de refus, certaines réservations ne seront pas possibles."
                    : undefined
                }
              >
                <p className="consent__text">{consent.text}</p>
                {consent.answered_at && (
                  <p className="consent__answered">
                    Répondu le {formatDateTime(consent.answered_at)} : {consent.accepted ? "accepté" : "refusé"}.
                  </p>
                )}
              </RadioGroupField>
              {refusedRequired && (
                <p className="notice notice--warning">
                  <StatusIcon name="warning" /> Attention : ce consentement est nécessaire, il restera dans la liste des éléments à
                  compléter.
                </p>
              )}
            </div>
          );
        })}
        <div className="form-actions">
          <SubmitButton busy={mutation.isPending} label="Valider" busyLabel="Enregistrement en cours…" />
        </div>
      </form>
    </>
  );
}
