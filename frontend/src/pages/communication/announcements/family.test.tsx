import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { axeViolations, describeViolations } from "../../../test/axe";
import { NO_PENDING_CONSENTS } from "../../../test/familyFixtures";
import { makeStructure, makeUser, sessionBody } from "../../../test/fixtures";
import { currentPath, mockFetch, renderApp } from "../../../test/render";
import { FC, makeFamilyAnnouncement, makeFamilyDetail, PREFERENCES } from "./announcementFixtures";

const PARENT = {
  "GET /api/v1/structure/": { body: makeStructure() },
  "GET /api/v1/auth/session": { body: sessionBody(makeUser()) },
  ...NO_PENDING_CONSENTS,
};

async function expectNoViolations(container: Element) {
  const violations = await axeViolations(container);
  expect(violations, describeViolations(violations)).toEqual([]);
}

describe("Annonces (parents)", () => {
  it("lists the announcements, the unread ones in bold, with a way back to the conversations", async () => {
    mockFetch({
      ...PARENT,
      [`GET ${FC}/announcements/`]: {
        body: [
          makeFamilyAnnouncement({ id: 6, title: "Sortie au musée", read: false, urgent: true, sent_at: "2027-03-01T07:00:00Z" }),
          makeFamilyAnnouncement(),
        ],
      },
    });
    const { container } = renderApp("/messagerie/annonces");
    expect(await screen.findByRole("heading", { level: 1, name: "Annonces" })).toBeInTheDocument();
    const unread = await screen.findByRole("link", { name: "Sortie au musée (non lue)" });
    expect(unread.querySelector("strong")).toHaveTextContent("Sortie au musée");
    expect(unread).toHaveAttribute("href", "/messagerie/annonces/6");
    const read = screen.getByRole("link", { name: "Fermeture exceptionnelle" });
    expect(read.querySelector("strong")).toBeNull();
    expect(screen.getByText("1 annonce non lue.")).toBeInTheDocument();
    expect(screen.getByText("Urgente")).toBeInTheDocument();
    const tabs = screen.getByRole("navigation", { name: "Messagerie" });
    expect(within(tabs).getByRole("link", { name: "Conversations" })).toHaveAttribute("href", "/messagerie");
    expect(document.title).toContain("Annonces");
    await expectNoViolations(container);
  });

  it("says when there is no announcement", async () => {
    mockFetch({ ...PARENT, [`GET ${FC}/announcements/`]: { body: [] } });
    renderApp("/messagerie/annonces");
    expect(await screen.findByText(/Aucune annonce pour l'instant/)).toBeInTheDocument();
  });

  it("shows an announcement's sanitised text and attachments, then lists it as read", async () => {
    let reads = 0;
    mockFetch({
      ...PARENT,
      // The server stamps the read when the detail is opened.
      [`GET ${FC}/announcements/`]: () => ({ body: [makeFamilyAnnouncement({ read: reads > 0 })] }),
      [`GET ${FC}/announcements/5/`]: () => {
        reads += 1;
        return { body: makeFamilyDetail() };
      },
    });
    const { container, router } = renderApp("/messagerie/annonces");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("link", { name: "Fermeture exceptionnelle (non lue)" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Fermeture exceptionnelle" })).toBeInTheDocument();
    expect(currentPath(router)).toBe("/messagerie/annonces/5");
    const article = screen.getByRole("article");
    expect(within(article).getByText("fermé").tagName).toBe("STRONG");
    expect(within(article).getByRole("link", { name: "Plus d'infos" })).toHaveAttribute("href", "https://example.fr/infos");
    expect(within(article).getByRole("link", { name: "menu.pdf" })).toHaveAttribute("href", `${FC}/announcements/5/attachments/3/file`);
    expect(article).toHaveTextContent("(244 ko)");
    expect(article).toHaveTextContent("Urgente");
    expect(reads).toBe(1);
    await expectNoViolations(container);

    await user.click(screen.getByRole("link", { name: "Retour aux annonces" }));
    expect(await screen.findByRole("link", { name: "Fermeture exceptionnelle" })).toBeInTheDocument();
    expect(screen.getByText("Vous avez lu toutes les annonces.")).toBeInTheDocument();
  });

  it("refreshes the menu badge and the family home once an announcement is read", async () => {
    const calls = mockFetch({
      ...PARENT,
      "GET /api/v1/communication/unread/": { body: { messages: 0, announcements: 1 } },
      [`GET ${FC}/announcements/5/`]: { body: makeFamilyDetail() },
    });
    renderApp("/messagerie/annonces/5");
    expect(await screen.findByRole("heading", { level: 1, name: "Fermeture exceptionnelle" })).toBeInTheDocument();
    const unreadCalls = () => calls.filter((c) => c.url === "/api/v1/communication/unread/").length;
    // Loaded with the shell, then asked again once the detail (the read receipt) is there.
    await waitFor(() => expect(unreadCalls()).toBeGreaterThan(1));
  });

  it("says the page does not exist for another family's announcement", async () => {
    mockFetch({ ...PARENT, [`GET ${FC}/announcements/99/`]: { status: 404, body: { detail: "Pas trouvé." } } });
    renderApp("/messagerie/annonces/99");
    expect(await screen.findByRole("alert")).toHaveTextContent("Cette page n'existe pas ou n'est plus disponible.");
  });
});

describe("Mes notifications", () => {
  it("saves the optional e-mails chosen and lists the legal ones as always sent", async () => {
    const calls = mockFetch({
      ...PARENT,
      [`GET ${FC}/preferences/`]: { body: PREFERENCES },
      [`PUT ${FC}/preferences/`]: (init) => {
        const body = JSON.parse(String(init.body)) as { preferences: { kind: string; email: boolean }[] };
        return {
          body: { ...PREFERENCES, preferences: PREFERENCES.preferences.map((item) => ({ ...item, email: body.preferences.find((c) => c.kind === item.kind)!.email })) },
        };
      },
    });
    const { container } = renderApp("/mes-notifications");
    const user = userEvent.setup();
    expect(await screen.findByRole("heading", { level: 1, name: "Mes notifications" })).toBeInTheDocument();
    const announcements = await screen.findByRole("checkbox", { name: "Annonces de la structure" });
    expect(announcements).not.toBeChecked();
    expect(screen.getByRole("checkbox", { name: "Actualités" })).toBeChecked();
    const legal = screen.getByRole("region", { name: "Toujours envoyés" });
    expect(legal).toHaveTextContent("Factures et avoirs émis");
    expect(within(legal).queryByRole("checkbox")).toBeNull();
    await expectNoViolations(container);

    await user.click(announcements);
    await user.click(screen.getByRole("checkbox", { name: "Actualités" }));
    await user.click(screen.getByRole("button", { name: "Enregistrer mes préférences" }));
    expect(await screen.findByText("Vos préférences de notification sont enregistrées.")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "PUT")!.body).toEqual({
      preferences: [
        { kind: "message", email: true },
        { kind: "announcement", email: true },
        { kind: "news", email: false },
      ],
    });
  });

  it("shows the server's refusal", async () => {
    mockFetch({
      ...PARENT,
      [`GET ${FC}/preferences/`]: { body: PREFERENCES },
      [`PUT ${FC}/preferences/`]: { status: 400, body: { preferences: ["Type de notification inconnu."] } },
    });
    renderApp("/mes-notifications");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Enregistrer mes préférences" }));
    await waitFor(() => expect(screen.getByRole("alert")).toHaveTextContent("Type de notification inconnu."));
  });

  it("is linked from « Mon compte »", async () => {
    mockFetch(PARENT);
    renderApp("/mon-compte");
    expect(await screen.findByRole("link", { name: "Mes notifications" })).toHaveAttribute("href", "/mes-notifications");
  });
});
