import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { axeViolations, describeViolations } from "../../../test/axe";
import { makeChild, NO_PENDING_CONSENTS } from "../../../test/familyFixtures";
import { makeStructure, makeUser, sessionBody } from "../../../test/fixtures";
import { currentPath, mockFetch, renderApp, type Handler } from "../../../test/render";
import { formEntries, makeMessage, makeService, makeThread, makeThreadDetail } from "./messagingFixtures";

const PARENT = {
  "GET /api/v1/structure/": { body: makeStructure() },
  "GET /api/v1/auth/session": { body: sessionBody(makeUser()) },
  ...NO_PENDING_CONSENTS,
  "GET /api/v1/communication/unread/": { body: { messages: 2, announcements: 1 } },
};

async function expectNoAxeViolation(container: Element) {
  const violations = await axeViolations(container);
  expect(violations, describeViolations(violations)).toEqual([]);
}

describe("Messagerie — conversations", () => {
  it("lists the conversations with their unread marks, state and service", async () => {
    mockFetch({
      ...PARENT,
      "GET /api/v1/communication/threads/": {
        body: [makeThread({ id: 6, subject: "Absence de Léa", unread: 2, last_side: "staff", state: "new", state_label: "Nouveau" }), makeThread()],
      },
    });
    const { container } = renderApp("/messagerie");
    expect(await screen.findByRole("heading", { level: 1, name: "Messagerie" })).toBeInTheDocument();
    const unread = await screen.findByRole("link", { name: "Absence de Léa (non lu)" });
    expect(unread).toHaveAttribute("href", "/messagerie/6");
    const card = unread.closest("article") as HTMLElement;
    expect(card).toHaveTextContent("Nouveau");
    expect(card).toHaveTextContent("2 messages non lus");
    expect(card).toHaveTextContent("Accueil / mairie › Facturation · Léa Martin");
    expect(card).toHaveTextContent("de la structure");
    expect(screen.getByRole("link", { name: "Facture de février" })).toBeInTheDocument();
    expect(screen.getByText("2 conversations, dont 1 avec des messages non lus.")).toBeInTheDocument();
    const tabs = screen.getByRole("navigation", { name: "Rubriques de la messagerie" });
    expect(within(tabs).getByRole("link", { name: "Annonces" })).toHaveAttribute("href", "/messagerie/annonces");
    expect(screen.getByRole("link", { name: "Écrire à la structure" })).toHaveAttribute("href", "/messagerie/nouveau");
    // The menu's badge: unread messages + announcements.
    const nav = screen.getByRole("navigation", { name: "Navigation principale" });
    expect(await within(nav).findByText("3")).toBeInTheDocument();
    expect(within(nav).getByRole("link", { name: /Messagerie/ })).toHaveTextContent("Messagerie3 non lus");
    await expectNoAxeViolation(container);
  });

  it("says when there is no conversation yet", async () => {
    mockFetch({ ...PARENT, "GET /api/v1/communication/threads/": { body: [] } });
    renderApp("/messagerie");
    expect(await screen.findByText("Vous n'avez encore aucune conversation avec la structure.")).toBeInTheDocument();
  });
});

describe("Messagerie — écrire à la structure", () => {
  const NEW = {
    ...PARENT,
    "GET /api/v1/communication/services/": {
      body: [makeService(), makeService({ id: 2, key: "creche", label: "Crèche", themes: [{ id: 20, label: "Adaptation" }] })],
    },
    "GET /api/v1/family/children/": { body: [makeChild({ id: 3, first_name: "Léa", last_name: "Martin" })] },
  };

  it("filters the themes by service, lists the attachments and sends the message", async () => {
    let sent: Array<[string, string]> = [];
    const create: Handler = (init) => {
      sent = formEntries(init);
      return { status: 201, body: makeThreadDetail({ id: 9 }) };
    };
    mockFetch({ ...NEW, "POST /api/v1/communication/threads/": create, "GET /api/v1/communication/threads/9/": { body: makeThreadDetail({ id: 9 }) } });
    const { container, router } = renderApp("/messagerie/nouveau");
    const user = userEvent.setup();
    const service = await screen.findByLabelText("Service *", { exact: false });
    expect(screen.getByRole("link", { name: "Envoyer un document sans message : Mes envois" })).toHaveAttribute("href", "/mes-envois");
    await user.selectOptions(service, "Crèche");
    const theme = screen.getByRole("combobox", { name: /Thème/ });
    expect(within(theme).getAllByRole("option").map((o) => o.textContent)).toEqual(["— Choisir —", "Adaptation"]);
    await user.selectOptions(service, "Accueil / mairie");
    expect(within(screen.getByRole("combobox", { name: /Thème/ })).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "— Choisir —",
      "Facturation",
      "Autre question",
    ]);
    await user.selectOptions(screen.getByRole("combobox", { name: /Thème/ }), "Facturation");
    await user.selectOptions(screen.getByRole("combobox", { name: /Enfant concerné/ }), "Léa Martin");
    await user.type(screen.getByRole("textbox", { name: /Objet/ }), "Facture de février");
    await user.type(screen.getByRole("textbox", { name: /Message/ }), "Un jour de trop.");
    const input = screen.getByLabelText("Pièces jointes (facultatif)");
    await user.upload(input, [
      new File(["%PDF-1.4"], "facture.pdf", { type: "application/pdf" }),
      new File(["png"], "photo.png", { type: "image/png" }),
    ]);
    const files = screen.getByRole("list", { name: "Fichiers joints" });
    expect(within(files).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^facture\.pdf \(.+\) Retirer facture\.pdf$/),
      expect.stringMatching(/^photo\.png \(.+\) Retirer photo\.png$/),
    ]);
    await user.click(within(files).getByRole("button", { name: "Retirer photo.png" }));
    expect(within(files).getAllByRole("listitem")).toHaveLength(1);
    await expectNoAxeViolation(container);

    await user.click(screen.getByRole("button", { name: "Envoyer le message" }));
    await waitFor(() => expect(currentPath(router)).toBe("/messagerie/9"));
    expect(sent).toEqual([
      ["service", "1"],
      ["theme", "10"],
      ["child", "3"],
      ["subject", "Facture de février"],
      ["text", "Un jour de trop."],
      ["attachments", "facture.pdf"],
    ]);
    expect(await screen.findByText("Votre message a été envoyé à la structure.")).toBeInTheDocument();
  });

  it("checks the form before sending and shows the server's refusal of the attachments", async () => {
    const calls = mockFetch({
      ...NEW,
      "POST /api/v1/communication/threads/": { status: 400, body: { attachments: ["3 pièces jointes au plus par message."] } },
    });
    renderApp("/messagerie/nouveau");
    const user = userEvent.setup();
    await screen.findByRole("combobox", { name: /Service/ });
    await user.click(screen.getByRole("button", { name: "Envoyer le message" }));
    const summary = await screen.findByRole("alert");
    expect(within(summary).getAllByRole("link").map((a) => a.textContent)).toEqual([
      "Service : Choisissez le service.",
      "Objet : Indiquez l'objet du message.",
      "Message : Écrivez votre message.",
    ]);
    expect(calls.some((c) => c.method === "POST")).toBe(false);

    await user.selectOptions(screen.getByRole("combobox", { name: /Service/ }), "Crèche");
    await user.selectOptions(screen.getByRole("combobox", { name: /Thème/ }), "Adaptation");
    await user.type(screen.getByRole("textbox", { name: /Objet/ }), "Question");
    await user.type(screen.getByRole("textbox", { name: /Message/ }), "Bonjour");
    await user.upload(screen.getByLabelText("Pièces jointes (facultatif)"), new File(["x"], "a.pdf", { type: "application/pdf" }));
    await user.click(screen.getByRole("button", { name: "Envoyer le message" }));
    expect(await screen.findByRole("link", { name: "Pièces jointes : 3 pièces jointes au plus par message." })).toHaveAttribute(
      "href",
      "#message-pieces-jointes",
    );
    expect(screen.getByLabelText("Pièces jointes (facultatif)")).toHaveAttribute("aria-invalid", "true");
  });

  it("refuses a file of another format before sending", async () => {
    const calls = mockFetch(NEW);
    renderApp("/messagerie/nouveau");
    const user = userEvent.setup({ applyAccept: false });
    await screen.findByRole("combobox", { name: /Service/ });
    await user.upload(screen.getByLabelText("Pièces jointes (facultatif)"), new File(["x"], "virus.exe", { type: "application/octet-stream" }));
    await user.click(screen.getByRole("button", { name: "Envoyer le message" }));
    expect(await screen.findByText("Pièces jointes : Le fichier virus.exe n'est pas accepté : envoyez un fichier PDF, JPEG ou PNG.")).toBeInTheDocument();
    expect(calls.some((c) => c.method === "POST")).toBe(false);
  });
});

describe("Messagerie — une conversation", () => {
  it("shows the messages and their attachments, marks the counters stale and replies", async () => {
    let replies = 0;
    let sent: Array<[string, string]> = [];
    const reply: Handler = (init) => {
      replies += 1;
      sent = formEntries(init);
      return { status: 201, body: makeMessage({ id: 103, text: "Merci" }) };
    };
    const calls = mockFetch({
      ...PARENT,
      "GET /api/v1/communication/threads/5/": { body: makeThreadDetail({ state: "closed", state_label: "Clos" }) },
      "POST /api/v1/communication/threads/5/messages/": reply,
    });
    const { container } = renderApp("/messagerie/5");
    expect(await screen.findByRole("heading", { level: 1, name: "Facture de février" })).toBeInTheDocument();
    expect(screen.getByText("Clos")).toBeInTheDocument();
    expect(screen.getByText("Cette conversation est close. Si vous répondez, elle sera rouverte.")).toBeInTheDocument();
    const messages = screen.getByRole("list", { name: "Messages de la conversation" });
    const items = within(messages).getAllByRole("listitem").filter((li) => li.parentElement === messages);
    expect(items).toHaveLength(2);
    expect(items[1]).toHaveTextContent("Mairie de Saint-Alban (la structure)");
    expect(within(items[1]).getByRole("link", { name: "facture-corrigee.pdf (télécharger)" })).toHaveAttribute(
      "href",
      "/api/v1/communication/attachments/7/file",
    );
    // Reading the thread refreshes the menu's badge.
    await waitFor(() => expect(calls.filter((c) => c.url === "/api/v1/communication/unread/").length).toBeGreaterThan(1));
    await expectNoAxeViolation(container);

    const user = userEvent.setup();
    await user.type(screen.getByRole("textbox", { name: "Message" }), "Merci");
    await user.click(screen.getByRole("button", { name: "Envoyer le message" }));
    expect(await screen.findByText("Message envoyé.")).toBeInTheDocument();
    expect(replies).toBe(1);
    expect(sent).toEqual([["text", "Merci"]]);
  });

  it("says when the conversation does not exist (another family's)", async () => {
    mockFetch({ ...PARENT, "GET /api/v1/communication/threads/99/": { status: 404, body: { detail: "Not found" } } });
    renderApp("/messagerie/99");
    expect(await screen.findByText("Cette page n'existe pas ou n'est plus disponible.")).toBeInTheDocument();
  });
});
