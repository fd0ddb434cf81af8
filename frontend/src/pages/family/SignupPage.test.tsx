import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { axeViolations, describeViolations } from "../../test/axe";
import { makeOptions } from "../../test/familyFixtures";
import { ANONYMOUS_BODY, makeStructure } from "../../test/fixtures";
import { mockFetch, renderApp, type RecordedCall } from "../../test/render";

const BASE = {
  "GET /api/v1/structure/": { body: makeStructure() },
  "GET /api/v1/auth/session": { status: 401, body: ANONYMOUS_BODY },
  "GET /api/v1/dossier/options/": { body: makeOptions() },
};

const posts = (calls: RecordedCall[]) => calls.filter((c) => c.method === "POST" && c.url === "/api/v1/signup/");

async function fillIdentity(user: ReturnType<typeof userEvent.setup>) {
  await user.type(await screen.findByRole("textbox", { name: "Adresse électronique" }), "claire@example.fr");
  await user.type(screen.getByLabelText("Mot de passe *"), "Secret2024");
  await user.type(screen.getByLabelText("Confirmation du mot de passe *"), "Secret2024");
  await user.click(screen.getByRole("radio", { name: "Madame" }));
  await user.type(screen.getByRole("textbox", { name: "Prénom" }), "Claire");
  await user.type(screen.getByRole("textbox", { name: "Nom" }), "Martin");
  await user.selectOptions(screen.getByRole("combobox", { name: "Votre lien avec les enfants" }), "mother");
}

async function next(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole("button", { name: "Suivant" }));
}

describe("SignupPage", () => {
  it("checks each step before calling the server", async () => {
    const calls = mockFetch({ ...BASE });
    renderApp("/inscription");
    const user = userEvent.setup();
    await screen.findByRole("heading", { level: 1, name: "Créer un compte" });
    const steps = screen.getByRole("navigation", { name: "Étapes de l'inscription" });
    expect(within(steps).getAllByRole("listitem")[0]).toHaveAttribute("aria-current", "step");
    await waitFor(() => expect(document.title).toBe("Créer un compte — étape 1 sur 6 : Identité — Mairie de Saint-Alban"));

    await next(user);
    const summary = await screen.findByRole("alert");
    expect(summary).toHaveTextContent("Adresse électronique : Saisissez votre adresse électronique.");
    expect(summary).toHaveTextContent("Prénom : Ce champ est obligatoire.");
    expect(within(summary).getByRole("link", { name: /Prénom/ })).toHaveAttribute("href", "#guardian-first-name");
    const firstName = screen.getByRole("textbox", { name: "Prénom" });
    expect(firstName).toHaveAttribute("aria-invalid", "true");
    expect(firstName).toBeRequired();
    expect(firstName).toHaveAccessibleDescription("Erreur : Ce champ est obligatoire.");
    expect(posts(calls)).toHaveLength(0);

    // A weak password is refused before the server is asked.
    await user.type(screen.getByRole("textbox", { name: "Adresse électronique" }), "claire@example.fr");
    await user.type(screen.getByLabelText("Mot de passe *"), "court");
    await next(user);
    expect(await screen.findByRole("alert")).toHaveTextContent("Le mot de passe ne respecte pas tous les critères.");
    expect(posts(calls)).toHaveLength(0);
  });

  it("shows the similarity rule failed for a password like the family name and blocks the step", async () => {
    const calls = mockFetch({
      ...BASE,
      "POST /api/v1/password/check/": (init) => {
        const body = JSON.parse(String(init.body)) as { password: string; last_name: string };
        const similar = body.last_name !== "" && body.password.toLowerCase().includes(body.last_name.toLowerCase());
        const rules = [
          ["longueur", "Contient au moins 8 caractères"],
          ["majuscule", "Contient une majuscule"],
          ["minuscule", "Contient une minuscule"],
          ["chiffre", "Contient un chiffre"],
          ["ressemblance", "Ne ressemble pas à votre nom ou à votre adresse e-mail"],
          ["courant", "N'est pas un mot de passe trop courant"],
          ["numerique", "N'est pas composé uniquement de chiffres"],
        ].map(([id, label]) => ({ id, label, passed: !(similar && id === "ressemblance"), message: "" }));
        return { body: { valid: !similar, rules, errors: similar ? ["Le mot de passe est trop semblable au champ « nom »."] : [] } };
      },
      "POST /api/v1/signup/": { body: { detail: "Étape valide.", email: "" } },
    });
    renderApp("/inscription");
    const user = userEvent.setup();
    await user.type(await screen.findByRole("textbox", { name: "Adresse électronique" }), "claire@example.fr");
    await user.type(screen.getByLabelText("Mot de passe *"), "Martin2026");
    await user.type(screen.getByLabelText("Confirmation du mot de passe *"), "Martin2026");
    await user.click(screen.getByRole("radio", { name: "Madame" }));
    await user.type(screen.getByRole("textbox", { name: "Prénom" }), "Claire");
    await user.type(screen.getByRole("textbox", { name: "Nom" }), "Martin");
    await user.selectOptions(screen.getByRole("combobox", { name: "Votre lien avec les enfants" }), "mother");

    const similarity = () => screen.getByText("Ne ressemble pas à votre nom ou à votre adresse e-mail").closest("li")!;
    await waitFor(() => expect(similarity().dataset.state).toBe("unmet"));
    expect(similarity()).toHaveTextContent("(non respecté)");
    const checks = calls.filter((c) => c.url === "/api/v1/password/check/");
    expect(checks.at(-1)?.body).toEqual({ password: "Martin2026", email: "claire@example.fr", first_name: "Claire", last_name: "Martin" });

    await next(user);
    expect(await screen.findByRole("alert")).toHaveTextContent("Le mot de passe ne respecte pas tous les critères.");
    expect(posts(calls)).toHaveLength(0);

    // Another password: the server's rules pass, the step goes on.
    await user.clear(screen.getByLabelText("Mot de passe *"));
    await user.type(screen.getByLabelText("Mot de passe *"), "Cerf-volant7");
    await user.clear(screen.getByLabelText("Confirmation du mot de passe *"));
    await user.type(screen.getByLabelText("Confirmation du mot de passe *"), "Cerf-volant7");
    await next(user);
    expect(await screen.findByRole("heading", { level: 2, name: "Étape 2 sur 6 : Coordonnées" })).toBeInTheDocument();
    expect(posts(calls)).toHaveLength(1);
  });

  it("checks a step with dry_run and shows the server's errors next to their field", async () => {
    const calls = mockFetch({
      ...BASE,
      "POST /api/v1/signup/": (init) => {
        const body = JSON.parse(String(init.body));
        if (body.guardian?.phone_mobile === "12") {
          return { status: 400, body: { guardian: { phone_mobile: ["Saisissez un numéro de téléphone valide."] } } };
        }
        return { body: { detail: "Étape valide.", email: "" } };
      },
    });
    renderApp("/inscription");
    const user = userEvent.setup();
    await fillIdentity(user);
    await next(user);

    expect(await screen.findByRole("heading", { level: 2, name: "Étape 2 sur 6 : Coordonnées" })).toHaveFocus();
    expect(posts(calls)[0].body).toEqual({ email: "claire@example.fr", password: "Secret2024", dry_run: true });

    await user.type(screen.getByRole("textbox", { name: "Téléphone portable" }), "12");
    await next(user);
    const summary = await screen.findByRole("alert");
    const message = "Saisissez un numéro de téléphone valide.";
    expect(within(summary).getByRole("link", { name: `Téléphone portable : ${message}` })).toHaveAttribute("href", "#guardian-phone-mobile");
    const phone = screen.getByRole("textbox", { name: "Téléphone portable" });
    expect(phone).toHaveAttribute("aria-invalid", "true");
    expect(phone).toHaveAccessibleDescription(expect.stringContaining(`Erreur : ${message}`));
    const sent = posts(calls)[1].body as { guardian: Record<string, unknown>; dry_run: boolean };
    expect(sent.dry_run).toBe(true);
    expect(sent.guardian).toMatchObject({ civility: "mme", first_name: "Claire", last_name: "Martin", phone_mobile: "12", relation: "mother" });
    expect(screen.getByRole("heading", { level: 2, name: "Étape 2 sur 6 : Coordonnées" })).toBeInTheDocument();
  });

  it("goes through the five steps, shows a recap and creates the account", async () => {
    let created = false;
    const calls = mockFetch({
      ...BASE,
      "POST /api/v1/signup/": (init) => {
        const body = JSON.parse(String(init.body));
        if (!body.dry_run) {
          if (!created) {
            created = true;
            return { status: 400, body: { children: [{ birth_date: ["La date de naissance est dans le futur."] }] } };
          }
          return {
            status: 201,
            body: { detail: "Votre compte est créé. Confirmez votre adresse e-mail (pensez à vérifier vos spams).", email: "claire@example.fr" },
          };
        }
        return { body: { detail: "Étape valide.", email: "" } };
      },
    });
    renderApp("/inscription");
    const user = userEvent.setup();
    await fillIdentity(user);
    await next(user);
    await user.type(await screen.findByRole("textbox", { name: "Téléphone portable" }), "0612345678");
    await next(user);
    await user.type(await screen.findByRole("textbox", { name: "Adresse" }), "12 rue des Lilas");
    await user.type(screen.getByRole("textbox", { name: "Code postal" }), "69000");
    await user.type(screen.getByRole("textbox", { name: "Ville" }), "Lyon");
    await next(user);
    await user.selectOptions(await screen.findByRole("combobox", { name: "Régime allocataire" }), "caf");
    await user.type(screen.getByRole("textbox", { name: "N° allocataire" }), "1234567");
    await next(user);

    expect(await screen.findByRole("heading", { level: 2, name: "Étape 5 sur 6 : Enfants" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Ajouter un enfant" }));
    const child = screen.getByRole("group", { name: "Enfant 1" });
    await user.type(within(child).getByRole("textbox", { name: "Prénom" }), "Léa");
    expect(within(child).getByRole("textbox", { name: "Nom" })).toHaveValue("Martin");
    fireEvent.change(within(child).getByLabelText(/Date de naissance/), { target: { value: "2030-09-01" } });
    await user.click(within(child).getByRole("radio", { name: "Fille" }));
    await next(user);

    expect(await screen.findByRole("heading", { level: 2, name: "Étape 6 sur 6 : Récapitulatif" })).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "Foyer" })).toHaveTextContent("CAF");
    await user.click(screen.getByRole("button", { name: "Créer mon compte" }));

    // The server refuses a child's birth date: back to that step, next to the field.
    expect(await screen.findByRole("heading", { level: 2, name: "Étape 5 sur 6 : Enfants" })).toBeInTheDocument();
    const birth = screen.getByLabelText(/Date de naissance/);
    expect(birth).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("alert")).toHaveTextContent("Enfant 1 — Date de naissance : La date de naissance est dans le futur.");
    fireEvent.change(birth, { target: { value: "2017-09-01" } });
    await next(user);
    await user.click(await screen.findByRole("button", { name: "Créer mon compte" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Vérifiez votre messagerie" })).toBeInTheDocument();
    expect(screen.getByText(/Pensez à vérifier vos courriers indésirables/)).toBeInTheDocument();
    const final = posts(calls).at(-1)!.body as Record<string, unknown>;
    expect(final).toMatchObject({
      email: "claire@example.fr",
      password: "Secret2024",
      dry_run: false,
      second_guardian: null,
      household: { address_line1: "12 rue des Lilas", postal_code: "69000", city: "Lyon", regime: "caf", allocataire_number: "1234567" },
      children: [{ first_name: "Léa", last_name: "Martin", birth_date: "2017-09-01", sex: "F", school_level: null }],
    });
  });

  it("hides the fields the structure hides", async () => {
    mockFetch({ ...BASE, "GET /api/v1/dossier/options/": { body: makeOptions({}, { "guardian.birth_date": { mode: "hidden" } }) } });
    renderApp("/inscription");
    await screen.findByRole("textbox", { name: "Prénom" });
    expect(screen.queryByLabelText(/Date de naissance/)).not.toBeInTheDocument();
  });

  it("says when online sign-up is closed", async () => {
    mockFetch({ ...BASE, "GET /api/v1/dossier/options/": { body: makeOptions({ signup_enabled: false }) } });
    renderApp("/inscription");
    expect(await screen.findByText(/La création de compte en ligne n'est pas ouverte/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Suivant" })).not.toBeInTheDocument();
  });

  it("has no axe violations (first step with errors, children step)", async () => {
    mockFetch({ ...BASE, "POST /api/v1/signup/": { body: { detail: "Étape valide.", email: "" } } });
    const { container } = renderApp("/inscription");
    const user = userEvent.setup();
    await screen.findByRole("textbox", { name: "Prénom" });
    let violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
    await next(user);
    await screen.findByRole("alert");
    violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});
