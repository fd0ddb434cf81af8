import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ErrorSummary } from "../../../components/ErrorSummary";
import type { FormErrorItem } from "../../../components/formErrors";
import { staffErrors } from "../../../components/serverErrors";
import { usePageTitle } from "../../../theme/usePageTitle";
import { Breadcrumb } from "../../family/components/Breadcrumb";
import { PageError, PageLoading } from "../../family/components/PageStates";
import { announcementKeys, fetchPreferences, savePreferences, type Preferences } from "./api";

export const PREFERENCES_SAVED = "Vos préférences de notification sont enregistrées.";

/** /mes-notifications — which optional e-mails the user receives; the legally needed ones are listed as always sent. */
export function NotificationsPage() {
  usePageTitle("Mes notifications");
  const query = useQuery({ queryKey: announcementKeys.preferences, queryFn: ({ signal }) => fetchPreferences(signal) });
  return (
    <>
      <Breadcrumb trail={[{ label: "Mon compte", path: "/mon-compte" }, { label: "Mes notifications" }]} />
      <h1>Mes notifications</h1>
      {query.isPending ? (
        <PageLoading label="Chargement de vos préférences…" />
      ) : query.isError ? (
        <PageError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <PreferencesForm preferences={query.data} />
      )}
    </>
  );
}

function PreferencesForm({ preferences }: { preferences: Preferences }) {
  const queryClient = useQueryClient();
  const [choices, setChoices] = useState<Record<string, boolean>>(() => Object.fromEntries(preferences.preferences.map((item) => [item.kind, item.email])));
  const [errors, setErrors] = useState<FormErrorItem[]>([]);
  const [saved, setSaved] = useState(false);
  const mutation = useMutation({
    mutationFn: () => savePreferences(preferences.preferences.map((item) => ({ kind: item.kind, email: choices[item.kind] ?? true }))),
    onSuccess: (result) => {
      queryClient.setQueryData(announcementKeys.preferences, result);
      setErrors([]);
      setSaved(true);
    },
    onError: (failure) => {
      setSaved(false);
      // DRF's field messages ({"preferences": […]}) as well as `detail`.
      setErrors(staffErrors(failure));
    },
  });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!mutation.isPending) mutation.mutate();
  }

  return (
    <>
      <form className="form" noValidate onSubmit={onSubmit}>
        <ErrorSummary items={errors} />
        <fieldset className="fieldset">
          <legend className="fieldset__legend">Recevoir par e-mail</legend>
          <p className="field__hint">Ces informations restent toujours visibles sur le portail ; vous choisissez seulement les e-mails.</p>
          {preferences.preferences.map((item) => (
            <div className="field checkbox" key={item.kind}>
              <input
                type="checkbox"
                id={`notification-${item.kind}`}
                checked={choices[item.kind] ?? true}
                onChange={(event) => {
                  setSaved(false);
                  setChoices((old) => ({ ...old, [item.kind]: event.target.checked }));
                }}
              />
              <label htmlFor={`notification-${item.kind}`}>{item.label}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" className="button button--primary" aria-disabled={mutation.isPending || undefined}>
          {mutation.isPending && <span className="spinner" aria-hidden="true" />}
          Enregistrer mes préférences
        </button>
        <div role="status">{saved && <p className="notice notice--success">{PREFERENCES_SAVED}</p>}</div>
      </form>
      {preferences.legal.length > 0 && (
        <section aria-labelledby="notifications-obligatoires" className="section">
          <h2 id="notifications-obligatoires">Toujours envoyés</h2>
          <p>Ces e-mails sont nécessaires à votre dossier : ils vous sont toujours envoyés.</p>
          <ul>
            {preferences.legal.map((item) => (
              <li key={item.kind}>{item.label}</li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
