import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ANONYMOUS_BODY, makeStructure, makeUser, sessionBody } from "../test/fixtures";
import { currentPath, mockFetch, renderApp } from "../test/render";
import type { AuthUser } from "../api/auth";

const STRUCTURE = { "GET /api/v1/structure/": { body: makeStructure() } };

function sessionAs(user: AuthUser | null) {
  return { "GET /api/v1/auth/session": user ? { body: sessionBody(user) } : { status: 401, body: ANONYMOUS_BODY } };
}

describe("route guards", () => {
  it("sends an anonymous user to /connexion?suivant=…", async () => {
    mockFetch({ ...STRUCTURE, ...sessionAs(null) });
    const { router } = renderApp("/mon-compte");
    expect(await screen.findByRole("button", { name: "Se connecter" })).toBeInTheDocument();
    expect(currentPath(router)).toBe("/connexion?suivant=%2Fmon-compte");
  });

  it.each(["/", "/mon-compte", "/periscolaire", "/gestion", "/nimporte/quoi", "/mot-de-passe-oublie"])(
    "sends a user who must change their password from %s to the forced change page",
    async (path) => {
      mockFetch({ ...STRUCTURE, ...sessionAs(makeUser({ must_change_password: true })) });
      const { router } = renderApp(path);
      expect(await screen.findByRole("heading", { level: 1, name: "Changer votre mot de passe" })).toBeInTheDocument();
      expect(screen.getByText("Pour votre sécurité, choisissez un nouveau mot de passe avant de continuer.")).toBeInTheDocument();
      expect(router.state.location.pathname).toBe("/changer-mot-de-passe");
      // No app shell: the only ways out are changing the password or logging out.
      expect(screen.queryByRole("navigation")).not.toBeInTheDocument();
      expect(screen.getByRole("button", { name: "Se déconnecter" })).toBeInTheDocument();
    },
  );

  it("lands on the home page once the forced change is done", async () => {
    let mustChange = true;
    const calls = mockFetch({
      ...STRUCTURE,
      "GET /api/v1/auth/session": () => ({ body: sessionBody(makeUser({ must_change_password: mustChange })) }),
      "POST /api/v1/account/password/change": () => {
        mustChange = false;
        return { body: { status: 200 } };
      },
    });
    const { router } = renderApp("/mon-compte");
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Mot de passe actuel"), "Provisoire1");
    await user.type(screen.getByLabelText("Nouveau mot de passe"), "Nouveau2024");
    await user.type(screen.getByLabelText("Confirmation du nouveau mot de passe"), "Nouveau2024");
    await user.click(screen.getByRole("button", { name: "Enregistrer et continuer" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Bonjour Claire" })).toBeInTheDocument();
    expect(currentPath(router)).toBe("/");
    expect(screen.getByText("Votre mot de passe a été modifié.")).toBeInTheDocument();
    expect(calls.find((c) => c.url === "/api/v1/account/password/change")?.body).toEqual({ current_password: "Provisoire1", new_password: "Nouveau2024" });
  });

  it("keeps the server's verdict: a refused password keeps the user on the change page", async () => {
    mockFetch({
      ...STRUCTURE,
      "GET /api/v1/auth/session": { body: sessionBody(makeUser({ must_change_password: true })) },
      "POST /api/v1/account/password/change": {
        status: 400,
        body: { status: 400, errors: [{ message: "Ce mot de passe est trop courant.", code: "password_too_common", param: "new_password" }] },
      },
    });
    const { router } = renderApp("/changer-mot-de-passe");
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Mot de passe actuel"), "Provisoire2026");
    // The checklist's endpoint does not answer here: the change itself is checked.
    await user.type(screen.getByLabelText("Nouveau mot de passe"), "Azerty2024");
    await user.type(screen.getByLabelText("Confirmation du nouveau mot de passe"), "Azerty2024");
    await user.click(screen.getByRole("button", { name: "Enregistrer et continuer" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Ce mot de passe est trop courant.");
    expect(router.state.location.pathname).toBe("/changer-mot-de-passe");
    expect(screen.getByLabelText("Mot de passe actuel")).toHaveValue("Provisoire2026");
  });

  it("continues to the login page's ?suivant= after a forced change", async () => {
    let mustChange = true;
    let loggedIn = false;
    mockFetch({
      ...STRUCTURE,
      "GET /api/v1/auth/session": () =>
        loggedIn ? { body: sessionBody(makeUser({ must_change_password: mustChange })) } : { status: 401, body: ANONYMOUS_BODY },
      "POST /api/v1/auth/login": () => {
        loggedIn = true;
        return { body: sessionBody(makeUser({ must_change_password: true })) };
      },
      "POST /api/v1/account/password/change": () => {
        mustChange = false;
        return { body: { status: 200 } };
      },
    });
    const { router } = renderApp("/periscolaire");
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Adresse électronique"), "claire.martin@example.fr");
    await user.type(screen.getByLabelText("Mot de passe"), "Provisoire1");
    await user.click(screen.getByRole("button", { name: "Se connecter" }));
    await screen.findByRole("heading", { level: 1, name: "Changer votre mot de passe" });
    expect(currentPath(router)).toBe("/changer-mot-de-passe?suivant=%2Fperiscolaire");
    await user.type(screen.getByLabelText("Mot de passe actuel"), "Provisoire1");
    await user.type(screen.getByLabelText("Nouveau mot de passe"), "Nouveau2024");
    await user.type(screen.getByLabelText("Confirmation du nouveau mot de passe"), "Nouveau2024");
    await user.click(screen.getByRole("button", { name: "Enregistrer et continuer" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Périscolaire" })).toBeInTheDocument();
    expect(currentPath(router)).toBe("/periscolaire");
  });

  it("lets the user log out from the forced change page", async () => {
    let loggedIn = true;
    const calls = mockFetch({
      ...STRUCTURE,
      "GET /api/v1/auth/session": () =>
        loggedIn ? { body: sessionBody(makeUser({ must_change_password: true })) } : { status: 401, body: ANONYMOUS_BODY },
      "DELETE /api/v1/auth/session": () => {
        loggedIn = false;
        return { status: 401, body: ANONYMOUS_BODY };
      },
    });
    const { router } = renderApp("/changer-mot-de-passe");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Se déconnecter" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/connexion"));
    expect(await screen.findByText("Vous êtes déconnecté.")).toBeInTheDocument();
    expect(calls.some((c) => c.method === "DELETE")).toBe(true);
  });

  it("refetches the session when the API answers password_change_required", async () => {
    let sessionCalls = 0;
    mockFetch({
      "GET /api/v1/structure/": { body: makeStructure() },
      "GET /api/v1/auth/session": () => {
        sessionCalls += 1;
        return { body: sessionBody(makeUser({ must_change_password: sessionCalls > 1 })) };
      },
      "POST /api/v1/account/password/change": {
        status: 403,
        body: { code: "password_change_required", detail: "Vous devez changer votre mot de passe." },
      },
    });
    renderApp("/mon-compte");
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Mot de passe actuel"), "a");
    await user.type(screen.getByLabelText("Nouveau mot de passe"), "Abcdefg1");
    await user.type(screen.getByLabelText("Confirmation du nouveau mot de passe"), "Abcdefg1");
    await user.click(screen.getByRole("button", { name: "Changer le mot de passe" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Changer votre mot de passe" })).toBeInTheDocument();
  });
});
