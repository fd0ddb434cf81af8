import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { NetworkError } from "../api/client";
import { ANONYMOUS_BODY, makeStaff, makeStructure, makeUser, sessionBody } from "../test/fixtures";
import { currentPath, mockFetch, renderApp } from "../test/render";

const STRUCTURE = { "GET /api/v1/structure/": { body: makeStructure() } };
const PARENT = { "GET /api/v1/auth/session": { body: sessionBody(makeUser()) } };
const ANONYMOUS = { "GET /api/v1/auth/session": { status: 401, body: ANONYMOUS_BODY } };

describe("loading and error states", () => {
  it("shows a loading state, then the page", async () => {
    mockFetch({ ...STRUCTURE, ...PARENT });
    renderApp("/");
    expect(screen.getByRole("status")).toHaveTextContent("Chargement du portail…");
    expect(await screen.findByRole("heading", { level: 1, name: "Bonjour Claire" })).toBeInTheDocument();
  });

  it("says so in French when the API is unreachable, and retries", async () => {
    let up = false;
    mockFetch({
      "GET /api/v1/structure/": () => {
        if (!up) throw new TypeError("Failed to fetch");
        return { body: makeStructure() };
      },
      ...PARENT,
    });
    renderApp("/");
    expect(await screen.findByRole("heading", { level: 1, name: "Le portail est momentanément indisponible" })).toBeInTheDocument();
    up = true;
    await userEvent.setup().click(screen.getByRole("button", { name: "Réessayer" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Bonjour Claire" })).toBeInTheDocument();
  });

  it("explains an unknown structure (404)", async () => {
    mockFetch({ "GET /api/v1/structure/": { status: 404, body: { detail: "Not found." } }, ...ANONYMOUS });
    renderApp("/connexion");
    expect(await screen.findByRole("heading", { level: 1, name: "Portail introuvable" })).toBeInTheDocument();
  });

  it("keeps NetworkError distinct", () => {
    expect(new NetworkError()).toBeInstanceOf(Error);
  });
});

describe("home pages", () => {
  it("greets a parent and lists the modules as cards", async () => {
    mockFetch({ ...STRUCTURE, ...PARENT });
    renderApp("/");
    expect(await screen.findByRole("heading", { level: 1, name: "Bonjour Claire" })).toBeInTheDocument();
    const cards = screen.getAllByRole("article");
    expect(cards).toHaveLength(2);
    expect(within(cards[0]).getByRole("link", { name: "Périscolaire" })).toHaveAttribute("href", "/periscolaire");
    expect(cards[0]).toHaveTextContent("Accueils du matin et du soir, restauration, mercredis et vacances.");
  });

  it("sends staff from / to /gestion", async () => {
    mockFetch({ ...STRUCTURE, "GET /api/v1/auth/session": { body: sessionBody(makeStaff()) } });
    const { router } = renderApp("/");
    expect(await screen.findByRole("heading", { level: 1, name: "Espace de gestion" })).toBeInTheDocument();
    expect(currentPath(router)).toBe("/gestion");
  });

  it("shows staff their roles, the modules with activity kinds and the legend", async () => {
    mockFetch({ ...STRUCTURE, "GET /api/v1/auth/session": { body: sessionBody(makeStaff()) } });
    renderApp("/gestion");
    await screen.findByRole("heading", { level: 1, name: "Espace de gestion" });
    const roles = screen.getByRole("region", { name: "Vos rôles" });
    expect(within(roles).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["Gestionnaire", "Comptable"]);
    const services = screen.getByRole("region", { name: "Services activés" });
    expect(within(services).getByText("Accueil du matin")).toBeInTheDocument();
    const table = screen.getByRole("table", { name: "Symboles utilisés dans les plannings" });
    const rows = within(table).getAllByRole("row");
    expect(rows).toHaveLength(4);
    const badge = within(rows[2]).getByText("A");
    expect(badge).toHaveStyle({ backgroundColor: "#fde047", color: "#000000" });
    expect(within(rows[1]).getByText("R")).toHaveStyle({ color: "#ffffff" });
  });

  it("keeps parents out of /gestion", async () => {
    mockFetch({ ...STRUCTURE, ...PARENT });
    const { router } = renderApp("/gestion");
    expect(await screen.findByRole("heading", { level: 1, name: "Bonjour Claire" })).toBeInTheDocument();
    expect(currentPath(router)).toBe("/");
  });
});

describe("module pages", () => {
  it("describes the module, its activity kinds and its legend", async () => {
    mockFetch({ ...STRUCTURE, ...PARENT });
    renderApp("/periscolaire");
    expect(await screen.findByRole("heading", { level: 1, name: "Périscolaire" })).toBeInTheDocument();
    expect(screen.getByText("Accueils du matin et du soir, restauration, mercredis et vacances.")).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 2, name: "Activités proposées" })).toBeInTheDocument();
    expect(screen.getByText("Restauration scolaire")).toBeInTheDocument();
    const table = screen.getByRole("table");
    expect(within(table).getAllByRole("row")).toHaveLength(3);
    expect(within(table).queryByText("Présent")).not.toBeInTheDocument();
  });

  it("answers 'Page introuvable' for an unknown module", async () => {
    mockFetch({ ...STRUCTURE, ...PARENT });
    renderApp("/sejours");
    expect(await screen.findByRole("heading", { level: 1, name: "Page introuvable" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Retour à l'accueil" })).toHaveAttribute("href", "/");
  });
});

describe("unknown routes", () => {
  it("shows 'Page introuvable' in the shell when logged in", async () => {
    mockFetch({ ...STRUCTURE, ...PARENT });
    renderApp("/a/b/c");
    expect(await screen.findByRole("heading", { level: 1, name: "Page introuvable" })).toBeInTheDocument();
    expect(screen.getByRole("navigation", { name: "Navigation principale" })).toBeInTheDocument();
  });

  it("shows 'Page introuvable' to anonymous users too", async () => {
    mockFetch({ ...STRUCTURE, ...ANONYMOUS });
    renderApp("/a/b/c");
    expect(await screen.findByRole("heading", { level: 1, name: "Page introuvable" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Aller à la page de connexion" })).toHaveAttribute("href", "/connexion");
  });
});

describe("Mon compte", () => {
  it("shows the identity", async () => {
    mockFetch({ ...STRUCTURE, "GET /api/v1/auth/session": { body: sessionBody(makeStaff()) } });
    renderApp("/mon-compte");
    const identity = await screen.findByRole("region", { name: "Identité" });
    expect(identity).toHaveTextContent("Paul Durand");
    expect(identity).toHaveTextContent("paul.durand@example.fr");
    expect(identity).toHaveTextContent("Gestionnaire, Comptable");
  });
});

describe("password reset", () => {
  it("always confirms a reset request", async () => {
    const calls = mockFetch({ ...STRUCTURE, ...ANONYMOUS, "POST /api/v1/auth/password/request": { body: { status: 200 } } });
    renderApp("/mot-de-passe-oublie");
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Adresse électronique"), "inconnu@example.fr");
    await user.click(screen.getByRole("button", { name: "Recevoir le lien" }));
    expect(await screen.findByText("Si un compte existe pour cette adresse, un courriel vous a été envoyé.")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({ email: "inconnu@example.fr" });
  });

  it("rejects an invalid key", async () => {
    const calls = mockFetch({ ...STRUCTURE, ...ANONYMOUS, "GET /api/v1/auth/password/reset": { status: 400, body: { status: 400, errors: [{ message: "Clé invalide.", code: "invalid_password_reset", param: "key" }] } } });
    renderApp("/reinitialiser-mot-de-passe/cle-perimee");
    expect(await screen.findByText("Ce lien de réinitialisation est invalide ou a expiré.")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Demander un nouveau lien" })).toBeInTheDocument();
    expect(calls.find((c) => c.url === "/api/v1/auth/password/reset")?.headers["X-Password-Reset-Key"]).toBe("cle-perimee");
  });

  it("resets the password and logs the user in", async () => {
    const calls = mockFetch({
      ...STRUCTURE,
      ...ANONYMOUS,
      "GET /api/v1/auth/password/reset": { body: { status: 200, data: { user: makeUser() } } },
      "POST /api/v1/auth/password/reset": { body: sessionBody(makeUser()) },
    });
    const { router } = renderApp("/reinitialiser-mot-de-passe/cle-valide");
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Nouveau mot de passe"), "Nouveau2024");
    await user.type(screen.getByLabelText("Confirmation du nouveau mot de passe"), "Nouveau2024");
    await user.click(screen.getByRole("button", { name: "Enregistrer le mot de passe" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Bonjour Claire" })).toBeInTheDocument();
    expect(currentPath(router)).toBe("/");
    expect(calls.find((c) => c.method === "POST" && c.url === "/api/v1/auth/password/reset")?.body).toEqual({
      key: "cle-valide",
      password: "Nouveau2024",
    });
    // The checklist's similarity rule compares with the key's account, as the reset does.
    expect(calls.find((c) => c.url === "/api/v1/password/check/")?.body).toEqual({
      password: "Nouveau2024",
      email: "claire.martin@example.fr",
      first_name: "Claire",
      last_name: "Martin",
    });
  });

  it("sends to /connexion with a message when the reset leaves the user anonymous", async () => {
    mockFetch({
      ...STRUCTURE,
      ...ANONYMOUS,
      "GET /api/v1/auth/password/reset": { body: { status: 200 } },
      "POST /api/v1/auth/password/reset": { status: 401, body: ANONYMOUS_BODY },
    });
    const { router } = renderApp("/reinitialiser-mot-de-passe/cle-valide");
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Nouveau mot de passe"), "Nouveau2024");
    await user.type(screen.getByLabelText("Confirmation du nouveau mot de passe"), "Nouveau2024");
    await user.click(screen.getByRole("button", { name: "Enregistrer le mot de passe" }));
    expect(await screen.findByText("Votre mot de passe a été réinitialisé. Vous pouvez maintenant vous connecter.")).toBeInTheDocument();
    expect(currentPath(router)).toBe("/connexion");
  });
});

describe("document titles (RGAA 8.6)", () => {
  it("titles the parent home 'Accueil — <structure>'", async () => {
    mockFetch({ ...STRUCTURE, ...PARENT });
    renderApp("/");
    expect(await screen.findByRole("heading", { level: 1, name: "Bonjour Claire" })).toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe("Accueil — Mairie de Saint-Alban"));
  });

  it("titles a module page with its label, and follows navigation", async () => {
    mockFetch({ ...STRUCTURE, ...PARENT });
    const { router } = renderApp("/periscolaire");
    expect(await screen.findByRole("heading", { level: 1, name: "Périscolaire" })).toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe("Périscolaire — Mairie de Saint-Alban"));
    await act(() => router.navigate("/creche"));
    expect(await screen.findByRole("heading", { level: 1, name: "Crèche" })).toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe("Crèche — Mairie de Saint-Alban"));
    await act(() => router.navigate("/mon-compte"));
    expect(await screen.findByRole("heading", { level: 1, name: "Mon compte" })).toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe("Mon compte — Mairie de Saint-Alban"));
  });

  it("titles an unknown module 'Page introuvable — <structure>'", async () => {
    mockFetch({ ...STRUCTURE, ...PARENT });
    renderApp("/sejours");
    expect(await screen.findByRole("heading", { level: 1, name: "Page introuvable" })).toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe("Page introuvable — Mairie de Saint-Alban"));
  });

  it("titles the staff home 'Espace de gestion — <structure>'", async () => {
    mockFetch({ ...STRUCTURE, "GET /api/v1/auth/session": { body: sessionBody(makeStaff()) } });
    renderApp("/gestion");
    expect(await screen.findByRole("heading", { level: 1, name: "Espace de gestion" })).toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe("Espace de gestion — Mairie de Saint-Alban"));
  });

  it("titles the forgotten password page 'Mot de passe oublié — <structure>'", async () => {
    mockFetch({ ...STRUCTURE, ...ANONYMOUS });
    renderApp("/mot-de-passe-oublie");
    expect(await screen.findByRole("heading", { level: 1, name: "Mot de passe oublié" })).toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe("Mot de passe oublié — Mairie de Saint-Alban"));
  });
});
