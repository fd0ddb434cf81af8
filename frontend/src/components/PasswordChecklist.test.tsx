import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { checkPassword, SERVER_RULES } from "../auth/passwordPolicy";
import { usePasswordCheck } from "../auth/usePasswordCheck";
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

/** The server's checklist answer: every rule passed but those listed. */
function serverAnswer(failed: string[] = []) {
  const rules = SERVER_RULES.map((rule) => ({ id: rule.id, label: rule.label, passed: !failed.includes(rule.id), message: "" }));
  const errors = failed.includes("ressemblance") ? ["Le mot de passe est trop semblable au champ « nom »."] : [];
  return { valid: !failed.length, rules, errors };
}

/** A fake of the server's similarity rule: refuses a password holding the last name sent
 * (the signed-in account's, Martin, when none is sent). */
function fakeCheck(init: RequestInit) {
  const body = JSON.parse(String(init.body)) as { password: string; last_name: string };
  const name = (body.last_name || "Martin").toLowerCase();
  return { body: serverAnswer(body.password.toLowerCase().includes(name) ? ["ressemblance"] : []) };
}

function Harness({ password, name = "" }: { password: string; name?: string }) {
  const check = usePasswordCheck(password, { last_name: name });
  return <PasswordChecklist id="criteres" check={check} />;
}

const items = () => within(document.getElementById("criteres")!).getAllByRole("listitem");
const stateOf = (id: string) => items().find((li) => li.dataset.rule === id)?.dataset.state;

describe("PasswordChecklist", () => {
  it("lists the server's rules; those only the server checks wait for its answer", async () => {
    mockFetch({ "POST /api/v1/password/check/": fakeCheck });
    render(<Harness password="abc1" />);
    expect(items().map((li) => li.textContent)).toEqual([
      "•Contient au moins 8 caractères (non respecté)",
      "•Contient une majuscule (non respecté)",
      "✓Contient une minuscule (respecté)",
      "✓Contient un chiffre (respecté)",
      "…Ne ressemble pas à votre nom ou à votre adresse e-mail (vérification en cours)",
      "…N'est pas un mot de passe trop courant (vérification en cours)",
      "✓N'est pas composé uniquement de chiffres (respecté)",
    ]);
    expect(screen.queryByText(/Critères respectés/)).not.toBeInTheDocument();
  });

  it("shows the similarity rule failed for a password like the family name, never all green", async () => {
    const calls = mockFetch({
      "POST /api/v1/password/check/": (init) => {
        const body = JSON.parse(String(init.body)) as { password: string; last_name: string };
        // What the server answers for Roussel2026 and the name Roussel: four green boxes of
        // the old checklist, refused all the same.
        const similar = body.password.toLowerCase().includes(body.last_name.toLowerCase());
        const answer = serverAnswer(similar ? ["ressemblance"] : []);
        answer.rules = answer.rules.map((r) => (["longueur", "majuscule", "minuscule", "chiffre"].includes(r.id) ? { ...r, passed: true } : r));
        return { body: answer };
      },
    });
    render(<Harness password="Roussel2026" name="Roussel" />);
    await waitFor(() => expect(stateOf("ressemblance")).toBe("unmet"));
    expect(items().find((li) => li.dataset.rule === "ressemblance")).toHaveTextContent(
      "Ne ressemble pas à votre nom ou à votre adresse e-mail (non respecté)",
    );
    expect(screen.getByText("Critères respectés : 6 sur 7.")).toBeInTheDocument();
    const check = calls.find((c) => c.url === "/api/v1/password/check/")!;
    expect(check.body).toEqual({ password: "Roussel2026", email: "", first_name: "", last_name: "Roussel" });
  });

  it("says when the server could not check a rule", async () => {
    mockFetch({ "POST /api/v1/password/check/": { status: 503, body: { detail: "Indisponible" } } });
    render(<Harness password="Motdepasse1" />);
    await waitFor(() => expect(stateOf("ressemblance")).toBe("unverified"));
    expect(screen.getByText(/Certains critères n'ont pas pu être vérifiés/)).toBeInTheDocument();
  });

  it("updates live while typing and describes the new password field", async () => {
    mockFetch({
      "GET /api/v1/structure/": { body: makeStructure() },
      "GET /api/v1/auth/session": { body: sessionBody(makeUser()) },
      "POST /api/v1/password/check/": fakeCheck,
    });
    renderApp("/mon-compte");
    const user = userEvent.setup();
    const input = await screen.findByLabelText("Nouveau mot de passe");
    expect(input).toHaveAccessibleDescription(expect.stringContaining("Contient au moins 8 caractères (non respecté)"));
    await user.type(input, "Motdepasse1");
    const list = document.getElementById("nouveau-mot-de-passe-criteres")!;
    await waitFor(() => expect(within(list).getAllByRole("listitem").every((li) => li.dataset.met === "true")).toBe(true));
    expect(screen.getByText("Critères respectés : 7 sur 7.")).toBeInTheDocument();
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
    await waitFor(() => expect(screen.getByLabelText("Confirmation du nouveau mot de passe")).toHaveAttribute("aria-invalid", "true"));
    expect(screen.getAllByText("Les deux mots de passe ne correspondent pas.").length).toBeGreaterThan(0);
    expect(calls.some((c) => c.url === "/api/v1/account/password/change")).toBe(false);
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

  it("blocks the change until the server's rules pass", async () => {
    const calls = mockFetch({
      "GET /api/v1/structure/": { body: makeStructure() },
      "GET /api/v1/auth/session": { body: sessionBody(makeUser()) },
      "POST /api/v1/password/check/": fakeCheck,
      "POST /api/v1/account/password/change": { body: { status: 200 } },
    });
    renderApp("/mon-compte");
    const user = userEvent.setup();
    const changes = () => calls.filter((c) => c.url === "/api/v1/account/password/change");
    await user.type(await screen.findByLabelText("Mot de passe actuel"), "Ancien2023");
    // Like the signed-in account's name (Martin): length, cases and digit are there all the same.
    await user.type(screen.getByLabelText("Nouveau mot de passe"), "Martin2026");
    await user.type(screen.getByLabelText("Confirmation du nouveau mot de passe"), "Martin2026");
    await user.click(screen.getByRole("button", { name: "Changer le mot de passe" }));
    expect(await screen.findByLabelText("Nouveau mot de passe")).toHaveAccessibleDescription(
      expect.stringContaining("Erreur : Le mot de passe ne respecte pas tous les critères."),
    );
    expect(screen.getByLabelText("Nouveau mot de passe")).toHaveAccessibleDescription(
      expect.stringContaining("Ne ressemble pas à votre nom ou à votre adresse e-mail (non respecté)"),
    );
    expect(changes()).toHaveLength(0);

    await user.clear(screen.getByLabelText("Nouveau mot de passe"));
    await user.type(screen.getByLabelText("Nouveau mot de passe"), "Cerf-volant7");
    await user.clear(screen.getByLabelText("Confirmation du nouveau mot de passe"));
    await user.type(screen.getByLabelText("Confirmation du nouveau mot de passe"), "Cerf-volant7");
    await user.click(screen.getByRole("button", { name: "Changer le mot de passe" }));
    expect(await screen.findByText("Votre mot de passe a été modifié.")).toBeInTheDocument();
    expect(changes()).toHaveLength(1);
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
