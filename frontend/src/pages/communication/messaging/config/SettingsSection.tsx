import { useState, type FormEvent } from "react";
import { apiFetch } from "../../../../api/client";
import { ErrorSummary } from "../../../../components/ErrorSummary";
import { fieldErrors } from "../../../../components/formErrors";
import { CheckboxField, InputField } from "../../../../components/FormFields";
import { QueryView } from "../../../../components/QueryView";
import { StatusMessage } from "../../../staff/StaffUi";
import { messagingKeys, URLS, useConfig, type MessagingSettings } from "../api";
import { useConfigAction } from "./useConfigAction";

const IDS = {
  max_attachments: "reglages-nombre-pj",
  max_attachment_mb: "reglages-taille-pj",
  sms_enabled: "reglages-sms",
  sms_sender: "reglages-expediteur",
};

/** Attachment limits and the SMS switch of the structure. */
export function SettingsSection() {
  const settings = useConfig<MessagingSettings>("settings", URLS.settings);
  return (
    <section className="section" aria-labelledby="reglages-messagerie-titre">
      <h2 id="reglages-messagerie-titre">Pièces jointes et SMS</h2>
      <QueryView query={settings} loadingLabel="Chargement des réglages…">
        {(data) => <SettingsForm settings={data} />}
      </QueryView>
    </section>
  );
}

function SettingsForm({ settings }: { settings: MessagingSettings }) {
  const [count, setCount] = useState(String(settings.max_attachments ?? 3));
  const [size, setSize] = useState(String(settings.max_attachment_mb ?? 6));
  const [sms, setSms] = useState(settings.sms_enabled ?? false);
  const [sender, setSender] = useState(settings.sms_sender ?? "");
  const action = useConfigAction(
    messagingKeys.config("settings"),
    (input: Partial<MessagingSettings>) => apiFetch(URLS.settings, { method: "PATCH", body: input }),
    IDS,
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    action.run(
      { max_attachments: Number(count), max_attachment_mb: Number(size), sms_enabled: sms, sms_sender: sender.trim() },
      "Réglages enregistrés.",
    );
  }

  return (
    <form className="form" noValidate onSubmit={submit} aria-label="Réglages de la messagerie">
      <ErrorSummary items={action.errors} />
      <InputField
        id={IDS.max_attachments}
        label="Pièces jointes par message"
        hint="De 0 à 10."
        type="number"
        min={0}
        max={10}
        value={count}
        onChange={setCount}
        errors={fieldErrors(action.errors, IDS.max_attachments)}
      />
      <InputField
        id={IDS.max_attachment_mb}
        label="Taille maximale d'une pièce jointe (Mo)"
        hint="De 1 à 20 Mo."
        type="number"
        min={1}
        max={20}
        value={size}
        onChange={setSize}
        errors={fieldErrors(action.errors, IDS.max_attachment_mb)}
      />
      <CheckboxField
        id={IDS.sms_enabled}
        label="SMS pour les annonces urgentes"
        hint="Envoyés aux seuls responsables qui ont accepté les SMS."
        checked={sms}
        onChange={setSms}
        errors={fieldErrors(action.errors, IDS.sms_enabled)}
      />
      <InputField
        id={IDS.sms_sender}
        label="Expéditeur des SMS"
        hint="11 caractères au plus."
        maxLength={11}
        value={sender}
        onChange={setSender}
        errors={fieldErrors(action.errors, IDS.sms_sender)}
      />
      <div className="button-row">
        <button type="submit" className="button button--primary" aria-disabled={action.busy || undefined}>
          Enregistrer les réglages
        </button>
      </div>
      <StatusMessage message={action.done} />
    </form>
  );
}
