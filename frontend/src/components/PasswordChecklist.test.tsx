import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { checkPassword } from "../auth/passwordPolicy";
import { makeStructure, makeUser, sessionBody } from "../test/fixtures";
import { mockFetch, renderApp } from "../test/render";
import { PasswordChecklist } from "./PasswordChecklist";

describe("checkPassword", () => {
  const met = (password: string) => checkPassword(password).filter((r) => r.met).map((r) => r.id);

  it("checks each rule of the policy", () => {
    expect(met("")).toEqual([]);
    expect(met("abcdefgh")).toEqual(["longueur", "minuscule"]);
    expect(met("ABC")).toEqual(["majuscule"]);
    expect(met("Abcdefg1")).toEqual(["longueur", "majuscule", "minuscule", "chiffre"]);
    expect(met("Élève-été9")).toEqual(["longueur", "majuscule", "minuscule", "chiffre"]);
  });
});

describe("PasswordChecklist", () => {
  it("lists the four rules and marks the met ones", () => {
    render(<PasswordChecklist id="criteres" password="abc1" />);
    const items = within(document.getElementById("criteres")!).getAllByRole("listitem");
    expect(items.map((li) => li.textContent)).toEqual([
      "•8 caractères minimum (non respecté)",
      "•une majuscule (non respecté)",
      "✓une minuscule (respecté)",
      "✓un chiffre (respecté)",
    ]);
    expect(screen.getByText("Critères respectés : 2 sur 4.")).toBeInTheDocument();
  });

  it("updates live while typing and describes the new password field", async () => {
    mockFetch({
      "GET /api/v1/structure/": { body: makeStructure() },
      "GET /api/v1/auth/session": { body: sessionBody(makeUser()) },
    });
    renderApp("/mon-compte");
    const user = userEvent.setup();
    const input = await screen.findByLabelText("Nouveau mot de passe");
    expect(input).toHaveAccessibleDescription(expect.stringContaining("8 caractères minimum (non respecté)"));
    await user.type(input, "Motdepasse1");
    const list = document.getElementById("nouveau-mot-de-passe-criteres")!;
    expect(within(list).getAllByRole("listitem").every((li) => li.dataset.met === "true")).toBe(true);
  });

  it("catches a confirmation mismatch without calling the server", async () => {
    const calls = mockFetch({
      "GET /api/v1/structure/": { body: makeStructure() },
      "GET /api/v1/auth/session": { body: sessionBody(makeUser()) },
    });
    renderApp("/mon-compte");
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Mot de passe actuel"), "Ancien2023");
    await user.type(screen.getByLabelText("Nouveau mot de passe"), "Nouveau2024");
    await user.type(screen.getByLabelText("Confirmation du nouveau mot de passe"), "Nouveau2025");
    await user.click(screen.getByRole("button", { name: "Changer le mot de passe" }));
    expect(screen.getByLabelText("Confirmation du nouveau mot de passe")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getAllByText("Les deux mots de passe ne correspondent pas.").length).toBeGreaterThan(0);
    expect(calls.some((c) => c.method === "POST")).toBe(false);
  });

  it("shows the server's password policy messages next to the new password", async () => {
    mockFetch({
      "GET /api/v1/structure/": { body: makeStructure() },
      "GET /api/v1/auth/session": { body: sessionBody(makeUser()) },
      "POST /api/v1/account/password/change": {
        status: 400,
        body: {
          status: 400,
          errors: [
            { message: "Ce mot de passe est trop courant.", code: "password_too_common", param: "new_password" },
            { message: "Mot de passe actuel incorrect.", code: "incorrect_password", param: "current_password" },
          ],
        },
      },
    });
    renderApp("/mon-compte");
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Mot de passe actuel"), "faux");
    await user.type(screen.getByLabelText("Nouveau mot de passe"), "Azerty123");
    await user.type(screen.getByLabelText("Confirmation du nouveau mot de passe"), "Azerty123");
    await user.click(screen.getByRole("button", { name: "Changer le mot de passe" }));
    expect(await screen.findByLabelText("Nouveau mot de passe")).toHaveAccessibleDescription(
      expect.stringContaining("Erreur : Ce mot de passe est trop courant."),
    );
    expect(screen.getByLabelText("Mot de passe actuel")).toHaveAccessibleDescription("Erreur : Mot de passe actuel incorrect.");
  });

  it("confirms a successful change on Mon compte", async () => {
    mockFetch({
      "GET /api/v1/structure/": { body: makeStructure() },
      "GET /api/v1/auth/session": { body: sessionBody(makeUser()) },
      "POST /api/v1/account/password/change": { body: { status: 200 } },
    });
    renderApp("/mon-compte");
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Mot de passe actuel"), "Ancien2023");
    await user.type(screen.getByLabelText("Nouveau mot de passe"), "Nouveau2024");
    await user.type(screen.getByLabelText("Confirmation du nouveau mot de passe"), "Nouveau2024");
    await user.click(screen.getByRole("button", { name: "Changer le mot de passe" }));
    expect(await screen.findByText("Votre mot de passe a été modifié.")).toBeInTheDocument();
    expect(screen.getByLabelText("Nouveau mot de passe")).toHaveValue("");
  });
});
