import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { axeViolations, describeViolations } from "../../test/axe";
import { makeChild, makeGuardian } from "../../test/familyFixtures";
import { mockFetch, renderApp } from "../../test/render";
import { makeFamilyFile, STAFF_SESSION } from "./staffFixtures";

const OPTIONS = {
  "GET /api/v1/dossier/options/": {
    body: {
      civilities: [
        { value: "mme", label: "Madame" },
        { value: "m", label: "Monsieur" },
      ],
      sexes: [
        { value: "F", label: "Fille" },
        { value: "M", label: "Garçon" },
      ],
      school_levels: [
        { id: 1, label: "CP" },
        { id: 2, label: "CE1" },
      ],
      meal_types: [
        { id: 4, label: "Standard" },
        { id: 5, label: "Sans porc" },
      ],
      regimes: [],
      marital_statuses: [],
    },
  },
};

const GUARDIAN = makeGuardian({ is_me: false, phone_mobile: "+33612345678", profession: "" });
const CHILD = makeChild({ id: 11, first_name: "Léo", sex: "M", school_level: 1, school_level_label: "CP" });

describe("staff edit a guardian directly", () => {
  it("sends only the changed fields to the guardian's URL, then says so and gives the focus back", async () => {
    const file = makeFamilyFile({ guardians: [GUARDIAN] });
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...OPTIONS,
      "GET /api/v1/staff/families/7/": { body: file },
      "PATCH /api/v1/staff/families/7/guardians/3/": { body: { ...GUARDIAN, phone_mobile: "+33698765432", profession: "Infirmière" } },
    });
    renderApp("/gestion/familles/7/responsables");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Modifier Claire Martin" }));

    const form = screen.getByRole("form", { name: "Modifier Claire Martin" });
    await waitFor(() => expect(within(form).getByLabelText("Civilité")).toHaveFocus());
    // A guardian with a login: their e-mail is their login.
    expect(within(form).getByLabelText("E-mail")).toHaveAccessibleDescription(/identifiant de connexion/);
    // The address of a guardian living elsewhere only when the box is ticked.
    expect(within(form).queryByLabelText("Code postal")).not.toBeInTheDocument();

    const mobile = within(form).getByLabelText("Téléphone portable");
    await user.clear(mobile);
    await user.type(mobile, "06 98 76 54 32");
    await user.type(within(form).getByLabelText("Profession"), "Infirmière");
    await user.click(within(form).getByRole("button", { name: "Enregistrer le responsable" }));

    expect(await screen.findByText("Responsable enregistré.")).toBeInTheDocument();
    const patches = calls.filter((c) => c.method === "PATCH");
    expect(patches).toHaveLength(1);
    expect(patches[0].url).toBe("/api/v1/staff/families/7/guardians/3/");
    expect(patches[0].body).toEqual({ phone_mobile: "06 98 76 54 32", profession: "Infirmière" });
    expect(screen.queryByRole("form", { name: "Modifier Claire Martin" })).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("button", { name: "Modifier Claire Martin" })).toHaveFocus());
  });

  it("puts the server's errors next to their field (e-mail already used)", async () => {
    mockFetch({
      ...STAFF_SESSION,
      ...OPTIONS,
      "GET /api/v1/staff/families/7/": { body: makeFamilyFile({ guardians: [GUARDIAN] }) },
      "PATCH /api/v1/staff/families/7/guardians/3/": { status: 400, body: { email: ["Un compte existe déjà avec cette adresse e-mail."] } },
    });
    renderApp("/gestion/familles/7/responsables");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Modifier Claire Martin" }));
    const email = screen.getByLabelText("E-mail");
    await user.clear(email);
    await user.type(email, "paul@example.fr");
    await user.click(screen.getByRole("button", { name: "Enregistrer le responsable" }));

    await waitFor(() => expect(email).toHaveAccessibleDescription(/Erreur : Un compte existe déjà avec cette adresse e-mail\./));
    expect(email).toHaveAttribute("aria-invalid", "true");
    const summary = screen.getByRole("alert");
    expect(within(summary).getByRole("link", { name: "Un compte existe déjà avec cette adresse e-mail." })).toHaveAttribute(
      "href",
      "#responsable-3-email",
    );
    expect(screen.queryByText("Responsable enregistré.")).not.toBeInTheDocument();
  });

  it("checks the required names before calling the server", async () => {
    const calls = mockFetch({ ...STAFF_SESSION, ...OPTIONS, "GET /api/v1/staff/families/7/": { body: makeFamilyFile({ guardians: [GUARDIAN] }) } });
    renderApp("/gestion/familles/7/responsables");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Modifier Claire Martin" }));
    await user.clear(screen.getByLabelText("Prénom *"));
    await user.click(screen.getByRole("button", { name: "Enregistrer le responsable" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Saisissez le prénom du responsable.");
    expect(calls.some((c) => c.method === "PATCH")).toBe(false);
  });
});

describe("staff edit a child directly", () => {
  it("sends the health changes and maps a server field error to its field", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...OPTIONS,
      "GET /api/v1/staff/families/7/": { body: makeFamilyFile({ children: [CHILD] }) },
      "PATCH /api/v1/staff/families/7/children/11/": { status: 400, body: { doctor_phone: ["Saisissez un numéro de téléphone valide."] } },
    });
    renderApp("/gestion/familles/7/enfants");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Modifier la santé de Léo" }));
    const form = screen.getByRole("form", { name: "Santé de Léo" });
    await user.type(within(form).getByLabelText("Téléphone du médecin"), "12");
    expect(within(form).queryByLabelText("Précisions sur le PAI")).not.toBeInTheDocument();
    await user.click(within(form).getByLabelText("PAI (projet d'accueil individualisé)"));
    await user.type(within(form).getByLabelText("Précisions sur le PAI"), "Asthme");
    await user.selectOptions(within(form).getByLabelText("Type de repas"), "Sans porc");
    await user.click(within(form).getByRole("button", { name: "Enregistrer la santé" }));

    const phone = within(form).getByLabelText("Téléphone du médecin");
    await waitFor(() => expect(phone).toHaveAccessibleDescription("Erreur : Saisissez un numéro de téléphone valide."));
    expect(within(screen.getByRole("alert")).getByRole("link", { name: "Saisissez un numéro de téléphone valide." })).toHaveAttribute(
      "href",
      "#enfant-11-sante-doctor-phone",
    );
    expect(calls.find((c) => c.method === "PATCH")!.body).toEqual({ doctor_phone: "12", has_pai: true, pai_details: "Asthme", meal_type: 5 });
  });

  it("saves the identity and schooling (class sent as an id)", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...OPTIONS,
      "GET /api/v1/staff/families/7/": { body: makeFamilyFile({ children: [CHILD] }) },
      "PATCH /api/v1/staff/families/7/children/11/": { body: { ...CHILD, school_level: 2, school_level_label: "CE1" } },
    });
    renderApp("/gestion/familles/7/enfants");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Modifier l'identité et la scolarité de Léo" }));
    await waitFor(() => expect(screen.getByLabelText("Prénom *")).toHaveFocus());
    await user.selectOptions(screen.getByLabelText("Classe"), "CE1");
    await user.click(screen.getByRole("button", { name: "Enregistrer l'identité et la scolarité" }));
    expect(await screen.findByText("Identité et scolarité de Léo enregistrées.")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "PATCH")!.body).toEqual({ school_level: 2 });
  });

  it("says so when the role may not change children (403)", async () => {
    mockFetch({
      ...STAFF_SESSION,
      ...OPTIONS,
      "GET /api/v1/staff/families/7/": { body: makeFamilyFile({ children: [CHILD] }) },
      "PATCH /api/v1/staff/families/7/children/11/": { status: 403, body: { detail: "Vous n'avez pas la permission d'effectuer cette action." } },
    });
    renderApp("/gestion/familles/7/enfants");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Modifier la santé de Léo" }));
    await user.type(screen.getByLabelText("Allergies"), "Arachide");
    await user.click(screen.getByRole("button", { name: "Enregistrer la santé" }));
    expect(await screen.findByText("Vous n'avez pas accès à cette fonction.")).toBeInTheDocument();
  });
});

describe("internal notes", () => {
  it("are labelled as never shown to the family and saved with PUT", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...OPTIONS,
      "GET /api/v1/staff/families/7/": { body: makeFamilyFile({ notes: "Famille suivie par le CCAS." }) },
      "PUT /api/v1/staff/families/7/notes/": { body: { notes: "Famille suivie par le CCAS.\nAppeler le soir." } },
    });
    renderApp("/gestion/familles/7");
    const user = userEvent.setup();
    const notes = await screen.findByRole("textbox", { name: /Notes internes/ });
    expect(notes).toHaveAccessibleName("Notes internes (jamais montrées à la famille)");
    expect(notes).toHaveValue("Famille suivie par le CCAS.");
    await user.type(notes, "{Enter}Appeler le soir.");
    await user.click(screen.getByRole("button", { name: "Enregistrer les notes" }));
    expect(await screen.findByText("Notes internes enregistrées.")).toBeInTheDocument();
    const put = calls.find((c) => c.method === "PUT")!;
    expect(put.url).toBe("/api/v1/staff/families/7/notes/");
    expect(put.body).toEqual({ notes: "Famille suivie par le CCAS.\nAppeler le soir." });
  });

  it("shows the server's error next to the notes", async () => {
    mockFetch({
      ...STAFF_SESSION,
      "GET /api/v1/staff/families/7/": { body: makeFamilyFile() },
      "PUT /api/v1/staff/families/7/notes/": { status: 400, body: { notes: ["Assurez-vous que ce champ ne comporte pas plus de 5000 caractères."] } },
    });
    renderApp("/gestion/familles/7");
    const user = userEvent.setup();
    await user.type(await screen.findByRole("textbox", { name: /Notes internes/ }), "Rappeler");
    await user.click(screen.getByRole("button", { name: "Enregistrer les notes" }));
    await waitFor(() =>
      expect(screen.getByRole("textbox", { name: /Notes internes/ })).toHaveAccessibleDescription(/Erreur : Assurez-vous que ce champ/),
    );
  });
});

describe("edit forms accessibility (axe)", () => {
  it("the open guardian and child forms have no axe violation", async () => {
    mockFetch({
      ...STAFF_SESSION,
      ...OPTIONS,
      "GET /api/v1/staff/families/7/": {
        body: makeFamilyFile({ guardians: [{ ...GUARDIAN, lives_elsewhere: true }], children: [{ ...CHILD, has_pai: true }], notes: "Note" }),
      },
    });
    const { container } = renderApp("/gestion/familles/7/responsables");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Modifier Claire Martin" }));
    expect(screen.getByLabelText("Code postal")).toBeInTheDocument();
    let violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);

    await user.click(screen.getByRole("link", { name: "Enfants" }));
    await user.click(await screen.findByRole("button", { name: "Modifier l'identité et la scolarité de Léo" }));
    await user.click(screen.getByRole("button", { name: "Modifier la santé de Léo" }));
    expect(screen.getByLabelText("Précisions sur le PAI")).toBeInTheDocument();
    violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);

    await user.click(screen.getByRole("link", { name: "Foyer" }));
    await screen.findByRole("textbox", { name: /Notes internes/ });
    violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});
