import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ANONYMOUS_BODY, makeStaff, makeStructure, makeUser, sessionBody } from "../test/fixtures";
import { currentPath, mockFetch, renderApp } from "../test/render";

describe("AppShell", () => {
  it("shows the parent's navigation in order, with the current page marked", async () => {
    mockFetch({
      "GET /api/v1/structure/": { body: makeStructure() },
      "GET /api/v1/auth/session": { body: sessionBody(makeUser()) },
    });
    renderApp("/periscolaire");
    const nav = await screen.findByRole("navigation", { name: "Navigation principale" });
    const links = within(nav).getAllByRole("link");
    expect(links.map((a) => a.textContent)).toEqual([
      "Accueil",
      "Mon foyer",
      "Mes enfants",
      "Mes documents",
      "Mes demandes",
      "Facturation",
      "Messagerie",
      "Actualités",
      "Téléchargements",
      "Crèche",
      "Périscolaire",
      "Mon compte",
    ]);
    expect(within(nav).getByRole("link", { name: "Périscolaire" })).toHaveAttribute("aria-current", "page");
    expect(within(nav).getByRole("link", { name: "Accueil" })).not.toHaveAttribute("aria-current");

    expect(screen.getByRole("banner")).toHaveTextContent("Mairie de Saint-Alban");
    expect(screen.getByRole("banner")).toHaveTextContent("Claire Martin");
    expect(screen.getByRole("main")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Aller au contenu principal" })).toHaveAttribute("href", "#contenu");
  });

  it("shows staff entries to staff", async () => {
    mockFetch({
      "GET /api/v1/structure/": { body: makeStructure() },
      "GET /api/v1/auth/session": { body: sessionBody(makeStaff()) },
    });
    renderApp("/gestion");
    const nav = await screen.findByRole("navigation", { name: "Navigation principale" });
    expect(within(nav).getAllByRole("link").map((a) => [a.textContent, a.getAttribute("href")])).toEqual([
      ["Accueil", "/gestion"],
      ["Comptes à valider", "/gestion/comptes"],
      ["Demandes", "/gestion/demandes"],
      ["Documents", "/gestion/documents"],
      ["Familles", "/gestion/familles"],
      ["Messagerie", "/gestion/messagerie"],
      ["Annonces", "/gestion/annonces"],
      ["Actualités", "/gestion/actualites"],
      ["Facturation", "/gestion/facturation"],
      ["Configuration", "/gestion/configuration"],
      ["Crèche", "/creche"],
      ["Planning", "/planning"],
      ["Mon compte", "/mon-compte"],
    ]);
    expect(within(nav).getByRole("link", { name: "Accueil" })).toHaveAttribute("aria-current", "page");
  });

  it("marks only the current back office page, not Accueil (/gestion)", async () => {
    mockFetch({
      "GET /api/v1/structure/": { body: makeStructure() },
      "GET /api/v1/auth/session": { body: sessionBody(makeStaff()) },
    });
    renderApp("/gestion/demandes");
    const nav = await screen.findByRole("navigation", { name: "Navigation principale" });
    expect(within(nav).getByRole("link", { name: "Demandes" })).toHaveAttribute("aria-current", "page");
    expect(within(nav).getByRole("link", { name: "Accueil" })).not.toHaveAttribute("aria-current");
  });

  it("opens and closes the menu with its button", async () => {
    mockFetch({
      "GET /api/v1/structure/": { body: makeStructure() },
      "GET /api/v1/auth/session": { body: sessionBody(makeUser()) },
    });
    renderApp("/");
    const user = userEvent.setup();
    const button = await screen.findByRole("button", { name: "Menu" });
    expect(button).toHaveAttribute("aria-expanded", "false");
    await user.click(button);
    expect(button).toHaveAttribute("aria-expanded", "true");
    await user.keyboard("{Escape}");
    expect(button).toHaveAttribute("aria-expanded", "false");
    expect(button).toHaveFocus();
  });

  it("logs out", async () => {
    let loggedIn = true;
    mockFetch({
      "GET /api/v1/structure/": { body: makeStructure() },
      "GET /api/v1/auth/session": () => (loggedIn ? { body: sessionBody(makeUser()) } : { status: 401, body: ANONYMOUS_BODY }),
      "DELETE /api/v1/auth/session": () => {
        loggedIn = false;
        return { status: 401, body: ANONYMOUS_BODY };
      },
    });
    const { router } = renderApp("/mon-compte");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Se déconnecter" }));
    expect(await screen.findByText("Vous êtes déconnecté.")).toBeInTheDocument();
    expect(currentPath(router)).toBe("/connexion");
  });
});
