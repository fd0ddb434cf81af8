import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { axeViolations, describeViolations } from "../../../test/axe";
import { mockFetch, renderApp, type Handler } from "../../../test/render";
import { STAFF_SESSION } from "../../staff/staffFixtures";
import { makeServiceConfig } from "./messagingFixtures";

const ACCESS = [
  { role: "administrateur", role_label: "Administrateur", all_services: true, services: [] },
  { role: "agent_accueil", role_label: "Agent d'accueil", all_services: false, services: ["accueil"] },
];

const CONFIG = {
  ...STAFF_SESSION,
  "GET /api/v1/staff/communication/unread/": { body: { new_threads: 0, unread: 0 } },
  "GET /api/v1/staff/communication/services/": {
    body: [makeServiceConfig(), makeServiceConfig({ id: 2, key: "creche", label: "Crèche", module: "creche", order: 1, themes: [] })],
  },
  "GET /api/v1/staff/communication/access/": { body: ACCESS },
  "GET /api/v1/staff/communication/quick-replies/": { body: [{ id: 1, title: "Accusé de réception", text: "Bien reçu." }] },
  "GET /api/v1/staff/communication/settings/": { body: { max_attachments: 3, max_attachment_mb: 6, sms_enabled: false, sms_sender: "" } },
};

const json = (init: RequestInit) => JSON.parse(String(init.body ?? "null"));

describe("Configuration › Messagerie", () => {
  it("shows the services, the access per role, the quick replies and the settings without axe violation", async () => {
    mockFetch(CONFIG);
    const { container } = renderApp("/gestion/configuration/messagerie");
    expect(await screen.findByRole("heading", { level: 1, name: "Configuration" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Messagerie" , current: "page" })).toHaveAttribute("href", "/gestion/configuration/messagerie");
    expect(await screen.findByRole("heading", { level: 3, name: "Accueil / mairie" })).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: "Nom du thème" })).toHaveValue("Facturation");
    const table = await screen.findByRole("table", { name: "Services lus par chaque rôle" });
    expect(within(table).getByRole("checkbox", { name: "Administrateur lit Crèche" })).toBeDisabled();
    expect(within(table).getByRole("checkbox", { name: "Agent d'accueil lit Accueil / mairie" })).toBeChecked();
    expect(within(table).getByRole("checkbox", { name: "Agent d'accueil lit Crèche" })).not.toBeChecked();
    expect(await screen.findByRole("heading", { level: 3, name: "Accusé de réception" })).toBeInTheDocument();
    expect(await screen.findByRole("spinbutton", { name: "Pièces jointes par message" })).toHaveValue(3);
    await expectNoAxe(container);
  });

  it("adds a service and a theme, renames a theme and shows a refused deletion", async () => {
    const writes: Array<[string, string, unknown]> = [];
    const record = (status = 200, body: unknown = {}): Handler => (init, url) => {
      writes.push([String(init.method), url, json(init)]);
      return { status, body };
    };
    mockFetch({
      ...CONFIG,
      "POST /api/v1/staff/communication/services/": record(201),
      "POST /api/v1/staff/communication/services/2/themes/": record(201),
      "PATCH /api/v1/staff/communication/themes/10/": record(),
      "DELETE /api/v1/staff/communication/services/1/": record(400, { detail: "Ce service a des conversations : décochez « Proposé aux familles »." }),
    });
    renderApp("/gestion/configuration/messagerie");
    const user = userEvent.setup();
    await user.type(await screen.findByRole("textbox", { name: "Nom du nouveau service" }), "Petite enfance");
    await user.click(screen.getByRole("button", { name: "Ajouter le service" }));
    expect(await screen.findByText("Service « Petite enfance » ajouté.")).toBeInTheDocument();

    await user.type(screen.getByRole("textbox", { name: "Nouveau thème du service Crèche" }), "Adaptation");
    await user.click(screen.getAllByRole("button", { name: "Ajouter le thème" })[1]);
    expect(await screen.findByText("Thème « Adaptation » ajouté.")).toBeInTheDocument();

    const theme = screen.getByRole("textbox", { name: "Nom du thème" });
    await user.clear(theme);
    await user.type(theme, "Factures");
    await user.click(screen.getByRole("button", { name: "Enregistrer le thème Facturation" }));
    expect(await screen.findByText("Thème « Factures » enregistré.")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Supprimer le service Accueil / mairie" }));
    expect(await screen.findByText("Ce service a des conversations : décochez « Proposé aux familles ».")).toBeInTheDocument();
    expect(writes.slice(0, 3)).toEqual([
      ["POST", "/api/v1/staff/communication/services/", { label: "Petite enfance", active: true }],
      ["POST", "/api/v1/staff/communication/services/2/themes/", { label: "Adaptation" }],
      ["PATCH", "/api/v1/staff/communication/themes/10/", { label: "Factures", active: true }],
    ]);
  });

  it("saves the access of the roles, a quick reply and the settings", async () => {
    const writes: Record<string, unknown> = {};
    const record = (key: string, status = 200): Handler => (init) => {
      writes[key] = json(init);
      return { status, body: key === "access" ? ACCESS : {} };
    };
    mockFetch({
      ...CONFIG,
      "PUT /api/v1/staff/communication/access/": record("access"),
      "POST /api/v1/staff/communication/quick-replies/": record("reply", 201),
      "PATCH /api/v1/staff/communication/settings/": record("settings"),
    });
    renderApp("/gestion/configuration/messagerie");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("checkbox", { name: "Agent d'accueil lit Crèche" }));
    await user.click(screen.getByRole("button", { name: "Enregistrer les accès" }));
    expect(await screen.findByText("Accès enregistrés.")).toBeInTheDocument();
    expect(writes.access).toEqual([
      ACCESS[0],
      { ...ACCESS[1], services: ["accueil", "creche"] },
    ]);

    await user.click(screen.getByRole("button", { name: "Ajouter la réponse rapide" }));
    expect(await screen.findByRole("link", { name: "Indiquez le titre de la réponse rapide." })).toBeInTheDocument();
    await user.type(screen.getByRole("textbox", { name: /^Titre/ }), "Relance");
    await user.type(screen.getByRole("textbox", { name: /^Texte/ }), "Merci de nous envoyer le document.");
    await user.click(screen.getByRole("button", { name: "Ajouter la réponse rapide" }));
    expect(await screen.findByText("Réponse rapide « Relance » ajoutée.")).toBeInTheDocument();
    expect(writes.reply).toEqual({ title: "Relance", text: "Merci de nous envoyer le document." });

    const count = screen.getByRole("spinbutton", { name: "Pièces jointes par message" });
    await user.clear(count);
    await user.type(count, "5");
    await user.click(screen.getByRole("checkbox", { name: "SMS pour les annonces urgentes" }));
    await user.type(screen.getByRole("textbox", { name: "Expéditeur des SMS" }), "MAIRIE");
    await user.click(screen.getByRole("button", { name: "Enregistrer les réglages" }));
    await waitFor(() => expect(writes.settings).toEqual({ max_attachments: 5, max_attachment_mb: 6, sms_enabled: true, sms_sender: "MAIRIE" }));
    expect(await screen.findByText("Réglages enregistrés.")).toBeInTheDocument();
  });

  it("says when the user may not configure the messaging", async () => {
    const forbidden = { status: 403, body: { detail: "Vous n'avez pas la permission." } };
    mockFetch({
      ...CONFIG,
      "GET /api/v1/staff/communication/services/": forbidden,
      "GET /api/v1/staff/communication/access/": forbidden,
      "GET /api/v1/staff/communication/settings/": forbidden,
    });
    renderApp("/gestion/configuration/messagerie");
    await waitFor(() => expect(screen.getAllByText("Vous n'avez pas accès à cette fonction.")).toHaveLength(3));
    // Quick replies stay readable by every staff member who reads threads.
    expect(screen.getByRole("heading", { level: 3, name: "Accusé de réception" })).toBeInTheDocument();
  });
});

async function expectNoAxe(container: Element) {
  const violations = await axeViolations(container);
  expect(violations, describeViolations(violations)).toEqual([]);
}
