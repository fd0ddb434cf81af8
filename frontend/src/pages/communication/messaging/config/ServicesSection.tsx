import { useState, type FormEvent } from "react";
import { apiFetch } from "../../../../api/client";
import { ErrorSummary } from "../../../../components/ErrorSummary";
import { CheckboxField, InputField } from "../../../../components/FormFields";
import { QueryView } from "../../../../components/QueryView";
import { StatusMessage } from "../../../staff/StaffUi";
import { messagingKeys, URLS, useConfig, type ServiceConfig, type ThemeConfig } from "../api";
import { useConfigAction } from "./useConfigAction";

type ServiceInput = { label: string; order: number; active: boolean };
type ThemeInput = { label: string; active: boolean };
type Change =
  | { kind: "create-service"; label: string }
  | { kind: "update-service"; id: number; data: ServiceInput }
  | { kind: "delete-service"; id: number }
  | { kind: "create-theme"; service: number; label: string }
  | { kind: "update-theme"; id: number; data: ThemeInput }
  | { kind: "delete-theme"; id: number };

function save(change: Change): Promise<unknown> {
  switch (change.kind) {
    case "create-service":
      return apiFetch(URLS.staffServices, { method: "POST", body: { label: change.label, active: true } });
    case "update-service":
      return apiFetch(URLS.staffService(change.id), { method: "PATCH", body: change.data });
    case "delete-service":
      return apiFetch(URLS.staffService(change.id), { method: "DELETE" });
    case "create-theme":
      return apiFetch(URLS.serviceThemes(change.service), { method: "POST", body: { label: change.label } });
    case "update-theme":
      return apiFetch(URLS.theme(change.id), { method: "PATCH", body: change.data });
    case "delete-theme":
      return apiFetch(URLS.theme(change.id), { method: "DELETE" });
  }
}

type Run = (change: Change, message: string) => void;

/** The services families write to and their themes. */
export function ServicesSection() {
  const services = useConfig<ServiceConfig[]>("services", URLS.staffServices);
  const action = useConfigAction(messagingKeys.config("services"), save);
  return (
    <section className="section" aria-labelledby="services-messagerie-titre">
      <h2 id="services-messagerie-titre">Services et thèmes</h2>
      <p>Les familles choisissent un service puis un thème. Un service qui a des conversations ne peut pas être supprimé : décochez « Proposé aux familles ».</p>
      <ErrorSummary items={action.errors} />
      <StatusMessage message={action.done} />
      <QueryView query={services} loadingLabel="Chargement des services…">
        {(list) => (
          <>
            <ul className="plain-list config-list">
              {list.map((service) => (
                <li key={service.id}>
                  <ServiceCard service={service} run={action.run} busy={action.busy} />
                </li>
              ))}
            </ul>
            <AddForm
              idPrefix="nouveau-service"
              label="Nom du nouveau service"
              submitLabel="Ajouter le service"
              busy={action.busy}
              onAdd={(label) => action.run({ kind: "create-service", label }, `Service « ${label} » ajouté.`)}
            />
          </>
        )}
      </QueryView>
    </section>
  );
}

function ServiceCard({ service, run, busy }: { service: ServiceConfig; run: Run; busy: boolean }) {
  const [label, setLabel] = useState(service.label);
  const [order, setOrder] = useState(String(service.order ?? 0));
  const [active, setActive] = useState(service.active ?? true);
  const prefix = `service-${service.id}`;
  const titleId = `${prefix}-titre`;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    run({ kind: "update-service", id: service.id, data: { label: label.trim(), order: Number(order) || 0, active } }, `Service « ${label.trim()} » enregistré.`);
  }

  return (
    <article className="card config-item" aria-labelledby={titleId}>
      <h3 id={titleId} className="config-item__title">
        {service.label}
        {!service.active && " (non proposé aux familles)"}
      </h3>
      <form className="form" noValidate onSubmit={submit} aria-label={`Modifier le service ${service.label}`}>
        <InputField id={`${prefix}-nom`} label="Nom" required requiredMark={false} maxLength={80} value={label} onChange={setLabel} />
        <InputField id={`${prefix}-ordre`} label="Ordre" type="number" min={0} value={order} onChange={setOrder} />
        <CheckboxField id={`${prefix}-actif`} label="Proposé aux familles" checked={active} onChange={setActive} />
        <div className="button-row">
          <button type="submit" className="button button--primary" aria-disabled={busy || undefined}>
            Enregistrer{" "}<span className="visually-hidden">le service {service.label}</span>
          </button>
          <button
            type="button"
            className="button button--danger"
            onClick={() => run({ kind: "delete-service", id: service.id }, `Service « ${service.label} » supprimé.`)}
          >
            Supprimer{" "}<span className="visually-hidden">le service {service.label}</span>
          </button>
        </div>
      </form>
      <h4>Thèmes</h4>
      {service.themes.length === 0 ? (
        <p>Aucun thème : les familles écrivent au service sans choisir de thème.</p>
      ) : (
        <ul className="plain-list">
          {service.themes.map((theme) => (
            <li key={theme.id}>
              <ThemeRow theme={theme} run={run} busy={busy} />
            </li>
          ))}
        </ul>
      )}
      <AddForm
        idPrefix={`${prefix}-nouveau-theme`}
        label={`Nouveau thème du service ${service.label}`}
        submitLabel="Ajouter le thème"
        busy={busy}
        onAdd={(value) => run({ kind: "create-theme", service: service.id, label: value }, `Thème « ${value} » ajouté.`)}
      />
    </article>
  );
}

function ThemeRow({ theme, run, busy }: { theme: ThemeConfig; run: Run; busy: boolean }) {
  const [label, setLabel] = useState(theme.label);
  const [active, setActive] = useState(theme.active ?? true);
  const prefix = `theme-${theme.id}`;
  return (
    <form
      className="form form--inline theme-row"
      noValidate
      aria-label={`Thème ${theme.label}`}
      onSubmit={(event) => {
        event.preventDefault();
        if (!busy) run({ kind: "update-theme", id: theme.id, data: { label: label.trim(), active } }, `Thème « ${label.trim()} » enregistré.`);
      }}
    >
      <InputField id={`${prefix}-nom`} label="Nom du thème" maxLength={80} value={label} onChange={setLabel} />
      <CheckboxField id={`${prefix}-actif`} label="Proposé" checked={active} onChange={setActive} />
      <button type="submit" className="button button--secondary" aria-disabled={busy || undefined}>
        Enregistrer{" "}<span className="visually-hidden">le thème {theme.label}</span>
      </button>
      <button type="button" className="button button--danger" onClick={() => run({ kind: "delete-theme", id: theme.id }, `Thème « ${theme.label} » supprimé.`)}>
        Supprimer{" "}<span className="visually-hidden">le thème {theme.label}</span>
      </button>
    </form>
  );
}

function AddForm({ idPrefix, label, submitLabel, busy, onAdd }: { idPrefix: string; label: string; submitLabel: string; busy: boolean; onAdd: (label: string) => void }) {
  const [value, setValue] = useState("");
  const [error, setError] = useState("");
  const id = `${idPrefix}-nom`;
  return (
    <form
      className="form form--inline"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (busy) return;
        if (!value.trim()) {
          setError("Indiquez un nom.");
          return;
        }
        setError("");
        onAdd(value.trim());
        setValue("");
      }}
    >
      <InputField id={id} label={label} maxLength={80} value={value} onChange={setValue} errors={error ? [error] : undefined} />
      <button type="submit" className="button button--secondary" aria-disabled={busy || undefined}>
        {submitLabel}
      </button>
    </form>
  );
}
