import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { axeViolations, describeViolations } from "../../../test/axe";
import { currentPath, mockFetch, renderApp, type Handler } from "../../../test/render";
import { makeStaff, makeStructure, sessionBody } from "../../../test/fixtures";
import { STAFF_SESSION } from "../../staff/staffFixtures";
import { formEntries, makeMessage, makeService, makeStaffThread, makeStaffThreadDetail } from "./messagingFixtures";

const STAFF = {
  ...STAFF_SESSION,
  "GET /api/v1/staff/communication/unread/": { body: { new_threads: 4, unread: 6 } },
  "GET /api/v1/staff/communication/my-services/": {
    body: [makeService(), makeService({ id: 2, key: "creche", label: "Crèche", themes: [] })],
  },
  "GET /api/v1/staff/communication/assignees/?service=1": { body: [{ id: 30, name: "Paul Agent" }, { id: 31, name: "Léa Gestion" }] },
  "GET /api/v1/staff/communication/quick-replies/": { body: [{ id: 1, title: "Accusé de réception", text: "Nous avons bien reçu votre message." }] },
};

const page = <T,>(results: T[], count = results.length, next: string | null = null) => ({ body: { count, next, previous: null, results } });

async function expectNoAxeViolation(container: Element) {
  const violations = await axeViolations(container);
  expect(violations, describeViolations(violations)).toEqual([]);
}

describe("Messagerie du personnel — boîte de réception", () => {
  it("lists the threads, unread in bold, and shows the new threads in the menu", async () => {
    mockFetch({
      ...STAFF,
      "GET /api/v1/staff/communication/threads/": page([
        makeStaffThread(),
        makeStaffThread({ id: 6, subject: "Adaptation", unread: 0, state: "open", state_label: "En cours", assignee: { id: 30, name: "Paul Agent" } }),
      ]),
    });
    const { container } = renderApp("/gestion/messagerie");
    expect(await screen.findByRole("heading", { level: 1, name: "Messagerie" })).toBeInTheDocument();
    const table = await screen.findByRole("table", { name: /Conversations/ });
    const [first, second] = within(table).getAllByRole("row").slice(1);
    expect(first).toHaveClass("thread-row--unread");
    expect(within(first).getByRole("link", { name: "Facture de février (1 message non lu)" })).toHaveAttribute("href", "/gestion/messagerie/5");
    expect(first).toHaveTextContent("Martin (n° 1042)");
    expect(first).toHaveTextContent("Non attribué");
    expect(second).not.toHaveClass("thread-row--unread");
    expect(second).toHaveTextContent("Paul Agent");
    const nav = screen.getByRole("navigation", { name: "Navigation principale" });
    expect(await within(nav).findByText("4")).toBeInTheDocument();
    await expectNoAxeViolation(container);
  });

  it("filters by service, theme, state, assignee and text through the URL", async () => {
    const calls = mockFetch({
      ...STAFF,
      "GET /api/v1/staff/communication/threads/": page([makeStaffThread()], 40, "/api/v1/staff/communication/threads/?page=2"),
      "GET /api/v1/staff/communication/threads/?service=1&theme=10&state=new&assignee=me&q=Martin": page([makeStaffThread()]),
      "GET /api/v1/staff/communication/threads/?page=2": page([makeStaffThread({ id: 8 })], 40),
    });
    const { router } = renderApp("/gestion/messagerie");
    const user = userEvent.setup();
    const form = await screen.findByRole("form", { name: "Filtrer les conversations" });
    await user.selectOptions(await within(form).findByRole("combobox", { name: "Service" }), "Accueil / mairie");
    await user.selectOptions(within(form).getByRole("combobox", { name: "Thème" }), "Facturation");
    await user.selectOptions(within(form).getByRole("combobox", { name: "État" }), "Nouveau");
    const assignee = within(form).getByRole("combobox", { name: "Attribué à" });
    await waitFor(() => expect(within(assignee).getAllByRole("option").map((o) => o.textContent)).toEqual(["Tous", "Moi", "Non attribué", "Paul Agent", "Léa Gestion"]));
    await user.selectOptions(assignee, "Moi");
    await user.type(within(form).getByRole("searchbox", { name: "Rechercher" }), "Martin");
    await user.click(within(form).getByRole("button", { name: "Filtrer" }));
    await waitFor(() => expect(currentPath(router)).toBe("/gestion/messagerie?service=1&theme=10&etat=new&attribution=me&q=Martin"));
    await waitFor(() =>
      expect(calls.map((c) => c.url)).toContain("/api/v1/staff/communication/threads/?service=1&theme=10&state=new&assignee=me&q=Martin"),
    );

    await router.navigate("/gestion/messagerie");
    const pages = await screen.findByRole("navigation", { name: "Pages des conversations" });
    await user.click(within(pages).getByRole("button", { name: "Page suivante" }));
    await waitFor(() => expect(calls.map((c) => c.url)).toContain("/api/v1/staff/communication/threads/?page=2"));
  });
});

describe("Messagerie du personnel — filtres sans droit de configuration", () => {
  it("offers the services the user reads and their colleagues, never the configuration endpoint", async () => {
    const calls = mockFetch({
      "GET /api/v1/structure/": { body: makeStructure() },
      "GET /api/v1/auth/session": { body: sessionBody(makeStaff({ roles: ["animateur"], role_labels: ["Animateur"] })) },
      "GET /api/v1/staff/communication/unread/": { body: { new_threads: 0, unread: 0 } },
      "GET /api/v1/staff/communication/my-services/": {
        body: [makeService({ id: 3, key: "periscolaire", label: "Périscolaire", themes: [{ id: 30, label: "Cantine" }] })],
      },
      "GET /api/v1/staff/communication/assignees/?service=3": { body: [{ id: 40, name: "Paul Anim" }] },
      "GET /api/v1/staff/communication/threads/": page([makeStaffThread()]),
      "GET /api/v1/staff/communication/threads/?service=3&theme=30&assignee=40": page([makeStaffThread()]),
    });
    const { router } = renderApp("/gestion/messagerie");
    const user = userEvent.setup();
    const form = await screen.findByRole("form", { name: "Filtrer les conversations" });
    const service = await within(form).findByRole("combobox", { name: "Service" });
    expect(within(service).getAllByRole("option").map((o) => o.textContent)).toEqual(["Tous", "Périscolaire"]);
    // One service read: its colleagues are offered even before choosing it.
    const assignee = within(form).getByRole("combobox", { name: "Attribué à" });
    await waitFor(() => expect(within(assignee).getAllByRole("option").map((o) => o.textContent)).toEqual(["Tous", "Moi", "Non attribué", "Paul Anim"]));
    await user.selectOptions(service, "Périscolaire");
    await user.selectOptions(within(form).getByRole("combobox", { name: "Thème" }), "Cantine");
    await user.selectOptions(assignee, "Paul Anim");
    await user.click(within(form).getByRole("button", { name: "Filtrer" }));
    await waitFor(() => expect(currentPath(router)).toBe("/gestion/messagerie?service=3&theme=30&attribution=40"));
    await waitFor(() => expect(calls.map((c) => c.url)).toContain("/api/v1/staff/communication/threads/?service=3&theme=30&assignee=40"));
    expect(calls.map((c) => c.url)).not.toContain("/api/v1/staff/communication/services/");
  });
});

describe("Messagerie du personnel — une conversation", () => {
  it("shows the family link, internal notes apart, assigns, inserts a quick reply and writes an internal note", async () => {
    let assigned: unknown = null;
    let sent: Array<[string, string]> = [];
    const assign: Handler = (init) => {
      assigned = JSON.parse(String(init.body));
      return { body: makeStaffThreadDetail({ assignee: { id: 31, name: "Léa Gestion" } }) };
    };
    const post: Handler = (init) => {
      sent = formEntries(init);
      return { status: 201, body: makeMessage({ id: 110, side: "staff", internal: true }) };
    };
    mockFetch({
      ...STAFF,
      "GET /api/v1/staff/communication/threads/5/": { body: makeStaffThreadDetail() },
      "POST /api/v1/staff/communication/threads/5/assign": assign,
      "POST /api/v1/staff/communication/threads/5/messages/": post,
    });
    const { container } = renderApp("/gestion/messagerie/5");
    expect(await screen.findByRole("heading", { level: 1, name: "Facture de février" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Martin (n° 1042)" })).toHaveAttribute("href", "/gestion/familles/7");
    const messages = screen.getByRole("list", { name: "Messages de la conversation" });
    const note = within(messages).getByText("Famille déjà relancée en janvier.").closest("li") as HTMLElement;
    expect(note).toHaveClass("message--internal");
    expect(note).toHaveTextContent("Note interne");
    await screen.findByRole("option", { name: "Paul Agent" });
    await expectNoAxeViolation(container);

    const user = userEvent.setup();
    await user.selectOptions(screen.getByRole("combobox", { name: "Attribuée à" }), "Léa Gestion");
    await user.click(screen.getByRole("button", { name: "Attribuer" }));
    expect(await screen.findByText("Conversation attribuée.")).toBeInTheDocument();
    expect(assigned).toEqual({ assignee: 31 });

    await user.selectOptions(screen.getByRole("combobox", { name: /Réponse rapide/ }), "Accusé de réception");
    await user.click(screen.getByRole("button", { name: "Insérer la réponse rapide" }));
    expect(screen.getByRole("textbox", { name: /Message/ })).toHaveValue("Nous avons bien reçu votre message.");
    await user.click(screen.getByRole("checkbox", { name: "Note interne (non envoyée à la famille)" }));
    expect(screen.getByRole("heading", { name: "Écrire une note interne" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Enregistrer la note interne" }));
    expect(await screen.findByText("Note interne enregistrée.")).toBeInTheDocument();
    expect(sent).toEqual([
      ["text", "Nous avons bien reçu votre message."],
      ["internal", "true"],
    ]);
  });

  it("closes and reopens the thread, and shows a refused assignment in French", async () => {
    let state: "open" | "closed" = "open";
    const detail = () => ({ body: makeStaffThreadDetail({ state, state_label: state === "open" ? "En cours" : "Clos" }) });
    mockFetch({
      ...STAFF,
      "GET /api/v1/staff/communication/threads/5/": () => detail(),
      "POST /api/v1/staff/communication/threads/5/close": () => {
        state = "closed";
        return detail();
      },
      "POST /api/v1/staff/communication/threads/5/reopen": () => {
        state = "open";
        return detail();
      },
      "POST /api/v1/staff/communication/threads/5/assign": { status: 400, body: { assignee: ["Cette personne ne lit pas ce service."] } },
    });
    renderApp("/gestion/messagerie/5");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Clore la conversation" }));
    expect(await screen.findByText("Conversation close.")).toBeInTheDocument();
    expect(await screen.findByText("Clos")).toBeInTheDocument();
    await user.click(await screen.findByRole("button", { name: "Rouvrir la conversation" }));
    expect(await screen.findByText("Conversation rouverte.")).toBeInTheDocument();

    await screen.findByRole("option", { name: "Paul Agent" });
    await user.selectOptions(screen.getByRole("combobox", { name: "Attribuée à" }), "Paul Agent");
    await user.click(screen.getByRole("button", { name: "Attribuer" }));
    expect(await screen.findByRole("link", { name: "Cette personne ne lit pas ce service." })).toHaveAttribute("href", "#conversation-attribution");
  });

  it("says when the thread is out of the user's services", async () => {
    mockFetch({ ...STAFF, "GET /api/v1/staff/communication/threads/77/": { status: 404, body: { detail: "Not found" } } });
    renderApp("/gestion/messagerie/77");
    expect(await screen.findByText("Cette conversation n'existe pas, ou elle est adressée à un service que vous ne lisez pas.")).toBeInTheDocument();
  });
});
