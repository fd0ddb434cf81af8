import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ANONYMOUS_BODY, makeStaff, makeStructure, makeUser, sessionBody } from "../test/fixtures";
import { currentPath, mockFetch, renderApp } from "../test/render";

const STRUCTURE = { "GET /api/v1/structure/": { body: makeStructure() } };
const ANONYMOUS = { "GET /api/v1/auth/session": { status: 401, body: ANONYMOUS_BODY } };

async function fillAndSubmit(email = "claire.martin@example.fr", password = "secret") {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText("Adresse électronique"), email);
  await user.type(screen.getByLabelText("Mot de passe"), password);
  await user.click(screen.getByRole("button", { name: "Se connecter" }));
  return user;
}

describe("LoginPage", () => {
  it("shows the structure's name as heading and its logo", async () => {
    mockFetch({ ...STRUCTURE, ...ANONYMOUS });
    renderApp("/connexion");
    expect(await screen.findByRole("heading", { level: 1, name: "Mairie de Saint-Alban" })).toBeInTheDocument();
    expect(screen.getByRole("img", { name: "Mairie de Saint-Alban" })).toHaveAttribute("src", "/media/tenants/3/logo.png");
    expect(screen.getByRole("link", { name: "Mot de passe oublié ?" })).toHaveAttribute("href", "/mot-de-passe-oublie");
    // RGAA 8.6: page title first, the structure name kept (the e2e tests look for it).
    await waitFor(() => expect(document.title).toBe("Connexion — Mairie de Saint-Alban"));
  });

  it("links the pages the structure opens to visitors, and only those", async () => {
    const navigation = [
      { id: "sejours", label: "Catalogue des séjours", path: "/sejours", icon: "sun", audience: "all" as const, module: "sejours", order: 30 },
      { id: "mes-sejours", label: "Mes séjours", path: "/mes-sejours", icon: "list", audience: "parent" as const, module: "sejours", order: 31 },
    ];
    mockFetch({ "GET /api/v1/structure/": { body: makeStructure({ navigation }) }, ...ANONYMOUS });
    renderApp("/connexion");
    const open = await screen.findByRole("navigation", { name: "Sans compte" });
    expect(within(open).getByRole("link", { name: "Catalogue des séjours" })).toHaveAttribute("href", "/sejours");
    expect(within(open).queryByRole("link", { name: "Mes séjours" })).not.toBeInTheDocument();
  });

  it("works without a logo", async () => {
    mockFetch({ "GET /api/v1/structure/": { body: makeStructure({ logo_url: null }) }, ...ANONYMOUS });
    renderApp("/connexion");
    expect(await screen.findByRole("heading", { level: 1, name: "Mairie de Saint-Alban" })).toBeInTheDocument();
    expect(screen.queryByRole("img")).not.toBeInTheDocument();
  });

  it("toggles the password visibility with aria-pressed", async () => {
    mockFetch({ ...STRUCTURE, ...ANONYMOUS });
    renderApp("/connexion");
    const user = userEvent.setup();
    const toggle = await screen.findByRole("button", { name: "Afficher le mot de passe" });
    const input = screen.getByLabelText("Mot de passe");
    expect(toggle).toHaveAttribute("aria-pressed", "false");
    expect(input).toHaveAttribute("type", "password");
    await user.click(toggle);
    expect(toggle).toHaveAttribute("aria-pressed", "true");
    expect(input).toHaveAttribute("type", "text");
  });

  it("checks empty fields before calling the server", async () => {
    const calls = mockFetch({ ...STRUCTURE, ...ANONYMOUS });
    renderApp("/connexion");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Se connecter" }));
    expect(screen.getByLabelText("Adresse électronique")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("alert")).toHaveTextContent("Saisissez votre adresse électronique.");
    expect(calls.some((c) => c.method === "POST")).toBe(false);
  });

  it("shows the server's errors, next to their field when they have a param", async () => {
    document.cookie = "csrftoken=jeton-csrf; path=/";
    const calls = mockFetch({
      ...STRUCTURE,
      ...ANONYMOUS,
      "POST /api/v1/auth/login": {
        status: 400,
        body: {
          status: 400,
          errors: [{ message: "L'adresse e-mail et/ou le mot de passe que vous avez spécifiés sont incorrects.", code: "email_password_mismatch", param: "password" }],
        },
      },
    });
    renderApp("/connexion");
    await fillAndSubmit();

    const message = "L'adresse e-mail et/ou le mot de passe que vous avez spécifiés sont incorrects.";
    const summary = await screen.findByRole("alert");
    expect(within(summary).getByRole("link", { name: message })).toHaveAttribute("href", "#mot-de-passe");
    const password = screen.getByLabelText("Mot de passe");
    expect(password).toHaveAttribute("aria-invalid", "true");
    expect(password).toHaveAccessibleDescription(`Erreur : ${message}`);

    const post = calls.find((c) => c.method === "POST")!;
    expect(post.body).toEqual({ email: "claire.martin@example.fr", password: "secret" });
    expect(post.headers["X-CSRFToken"]).toBe("jeton-csrf");
  });

  it("shows a general server error without param in the summary", async () => {
    mockFetch({
      ...STRUCTURE,
      ...ANONYMOUS,
      "POST /api/v1/auth/login": { status: 400, body: { status: 400, errors: [{ message: "Ce compte est inactif.", code: "account_inactive" }] } },
    });
    renderApp("/connexion");
    await fillAndSubmit();
    expect(await screen.findByRole("alert")).toHaveTextContent("Ce compte est inactif.");
  });

  it("explains throttling (429)", async () => {
    mockFetch({ ...STRUCTURE, ...ANONYMOUS, "POST /api/v1/auth/login": { status: 429, body: { status: 429 } } });
    renderApp("/connexion");
    await fillAndSubmit();
    expect(await screen.findByRole("alert")).toHaveTextContent("Trop de tentatives, réessayez dans quelques minutes.");
  });

  it("sends a parent home after login", async () => {
    mockFetch({ ...STRUCTURE, ...ANONYMOUS, "POST /api/v1/auth/login": { body: sessionBody(makeUser()) } });
    const { router } = renderApp("/connexion");
    await fillAndSubmit();
    expect(await screen.findByRole("heading", { level: 1, name: "Bonjour Claire" })).toBeInTheDocument();
    expect(currentPath(router)).toBe("/");
  });

  it("sends staff to /gestion after login", async () => {
    mockFetch({ ...STRUCTURE, ...ANONYMOUS, "POST /api/v1/auth/login": { body: sessionBody(makeStaff()) } });
    const { router } = renderApp("/connexion");
    await fillAndSubmit();
    expect(await screen.findByRole("heading", { level: 1, name: "Espace de gestion" })).toBeInTheDocument();
    expect(currentPath(router)).toBe("/gestion");
  });

  it("honours ?suivant= and ignores foreign URLs", async () => {
    mockFetch({ ...STRUCTURE, ...ANONYMOUS, "POST /api/v1/auth/login": { body: sessionBody(makeUser()) } });
    const { router } = renderApp("/connexion?suivant=%2Fperiscolaire");
    await fillAndSubmit();
    expect(await screen.findByRole("heading", { level: 1, name: "Périscolaire" })).toBeInTheDocument();
    expect(currentPath(router)).toBe("/periscolaire");
  });

  it("ignores an off-site ?suivant=", async () => {
    mockFetch({ ...STRUCTURE, ...ANONYMOUS, "POST /api/v1/auth/login": { body: sessionBody(makeUser()) } });
    const { router } = renderApp("/connexion?suivant=https%3A%2F%2Fevil.example%2F");
    await fillAndSubmit();
    await waitFor(() => expect(currentPath(router)).toBe("/"));
  });

  it("goes to the forced password change when required", async () => {
    mockFetch({
      ...STRUCTURE,
      ...ANONYMOUS,
      "POST /api/v1/auth/login": { body: sessionBody(makeUser({ must_change_password: true })) },
    });
    const { router } = renderApp("/connexion");
    await fillAndSubmit();
    expect(await screen.findByRole("heading", { level: 1, name: "Changer votre mot de passe" })).toBeInTheDocument();
    expect(currentPath(router)).toBe("/changer-mot-de-passe");
  });

  it("treats 409 (already logged in) as success and reloads the session", async () => {
    let loggedIn = false;
    mockFetch({
      ...STRUCTURE,
      "GET /api/v1/auth/session": () => (loggedIn ? { body: sessionBody(makeUser()) } : { status: 401, body: ANONYMOUS_BODY }),
      "POST /api/v1/auth/login": () => {
        loggedIn = true;
        return { status: 409, body: { status: 409, errors: [{ message: "Déjà connecté.", code: "conflict" }] } };
      },
    });
    const { router } = renderApp("/connexion");
    await fillAndSubmit();
    expect(await screen.findByRole("heading", { level: 1, name: "Bonjour Claire" })).toBeInTheDocument();
    expect(currentPath(router)).toBe("/");
  });
});
