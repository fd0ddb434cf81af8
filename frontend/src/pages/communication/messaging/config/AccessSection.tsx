import { useState, type FormEvent } from "react";
import { apiFetch } from "../../../../api/client";
import { ErrorSummary } from "../../../../components/ErrorSummary";
import { QueryView } from "../../../../components/QueryView";
import { StatusMessage } from "../../../staff/StaffUi";
import { messagingKeys, URLS, useConfig, type RoleAccess, type ServiceConfig } from "../api";
import { useConfigAction } from "./useConfigAction";

/** Which role reads which service (administrateur and gestionnaire read them all). */
export function AccessSection() {
  const access = useConfig<RoleAccess[]>("access", URLS.access);
  const services = useConfig<ServiceConfig[]>("services", URLS.staffServices);
  return (
    <section className="section" aria-labelledby="acces-messagerie-titre">
      <h2 id="acces-messagerie-titre">Qui lit quel service</h2>
      <QueryView query={access} loadingLabel="Chargement des accès…">
        {(rows) => (
          <QueryView query={services} loadingLabel="Chargement des services…">
            {(list) => <AccessForm key={JSON.stringify(rows)} rows={rows} services={list} />}
          </QueryView>
        )}
      </QueryView>
    </section>
  );
}

function AccessForm({ rows, services }: { rows: readonly RoleAccess[]; services: readonly ServiceConfig[] }) {
  const [draft, setDraft] = useState(() => rows.map((row) => ({ ...row, services: [...(row.services ?? [])] })));
  const action = useConfigAction(messagingKeys.config("access"), (input: RoleAccess[]) => apiFetch(URLS.access, { method: "PUT", body: input }));

  function toggle(role: string, key: string, on: boolean) {
    setDraft((current) =>
      current.map((row) =>
        row.role !== role ? row : { ...row, services: on ? [...(row.services ?? []).filter((k) => k !== key), key] : (row.services ?? []).filter((k) => k !== key) },
      ),
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    action.run(draft, "Accès enregistrés.");
  }

  return (
    <form className="form" noValidate onSubmit={submit} aria-label="Accès des rôles aux services">
      <ErrorSummary items={action.errors} />
      <div className="table-wrapper">
        <table className="data-table">
          <caption>Services lus par chaque rôle</caption>
          <thead>
            <tr>
              <th scope="col">Rôle</th>
              {services.map((service) => (
                <th key={service.key} scope="col">
                  {service.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {draft.map((row) => (
              <tr key={row.role}>
                <th scope="row">{row.role_label}</th>
                {services.map((service) => {
                  const id = `acces-${row.role}-${service.key}`;
                  const checked = row.all_services || (row.services ?? []).includes(service.key ?? "");
                  return (
                    <td key={service.key}>
                      <input
                        type="checkbox"
                        id={id}
                        checked={checked}
                        disabled={row.all_services}
                        onChange={(event) => toggle(row.role, service.key ?? "", event.target.checked)}
                        aria-label={`${row.role_label} lit ${service.label}`}
                      />
                      {row.all_services && <>{" "}<span className="visually-hidden">(tous les services, non modifiable)</span></>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="form-note">Les administrateurs et les gestionnaires lisent tous les services.</p>
      <div className="button-row">
        <button type="submit" className="button button--primary" aria-disabled={action.busy || undefined}>
          Enregistrer les accès
        </button>
      </div>
      <StatusMessage message={action.done} />
    </form>
  );
}
