import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { mockFetch, renderApp } from "../../test/render";
import { policy, STAFF_SESSION } from "./staffFixtures";

const POLICIES = [
  policy({ field: "family.city", label: "Ville", category: "foyer", mode: "editable", required: true }),
  policy({ field: "child.first_name", label: "Prénom", category: "enfant", mode: "read_only", required: true, locked: true }),
  policy({ field: "child.vaccinations", label: "Vaccinations", category: "sante", mode: "editable", required: false, collection: true }),
];

describe("field policies", () => {
  it("groups rows by category and disables the options a row can't take", async () => {
    mockFetch({ ...STAFF_SESSION, "GET /api/v1/staff/dossier/field-policies/": { body: POLICIES } });
    renderApp("/gestion/configuration/regles-de-saisie");
    const children = await screen.findByRole("table", { name: "Enfants" });
    expect(screen.getByRole("table", { name: "Foyer" })).toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe("Règles de saisie — Configuration — Mairie de Saint-Alban"));

    const locked = within(children).getByRole("combobox", { name: /Saisie de « Prénom »/ });
    expect(within(locked).getByRole("option", { name: "Masqué" })).toBeDisabled();
    expect(within(locked).getByRole("option", { name: "Modifiable avec validation" })).toBeEnabled();
    expect(within(children).getByRole("checkbox", { name: /« Prénom » \(Enfants\) obligatoire/ })).toBeDisabled();
    expect(locked).toHaveAccessibleDescription("Toujours visible et obligatoire.");

    const collection = screen.getByRole("combobox", { name: /Saisie de « Vaccinations »/ });
    expect(within(collection).getByRole("option", { name: "Modifiable avec validation" })).toBeDisabled();
    expect(within(collection).getByRole("option", { name: "Masqué" })).toBeEnabled();

    const free = screen.getByRole("combobox", { name: /Saisie de « Ville »/ });
    expect(within(free).getAllByRole("option").every((o) => !(o as HTMLOptionElement).disabled)).toBe(true);
  });

  it("saves every row; hiding a field makes it optional", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      "GET /api/v1/staff/dossier/field-policies/": { body: POLICIES },
      "PUT /api/v1/staff/dossier/field-policies/": { body: POLICIES },
    });
    renderApp("/gestion/configuration/regles-de-saisie");
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByRole("combobox", { name: /Saisie de « Ville »/ }), "hidden");
    expect(screen.getByRole("checkbox", { name: /« Ville » \(Foyer\) obligatoire/ })).not.toBeChecked();
    await user.click(screen.getByRole("button", { name: "Enregistrer les règles" }));
    expect(await screen.findByText("Les règles de saisie sont enregistrées.")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "PUT")!.body).toEqual({
      policies: [
        { field: "family.city", mode: "hidden", required: false },
        { field: "child.first_name", mode: "read_only", required: true },
        { field: "child.vaccinations", mode: "editable", required: false },
      ],
    });
  });

  it("shows the 403 of a role without the configuration permission", async () => {
    mockFetch({ ...STAFF_SESSION, "GET /api/v1/staff/dossier/field-policies/": { status: 403, body: { detail: "Permission refusée." } } });
    renderApp("/gestion/configuration/regles-de-saisie");
    expect(await screen.findByText("Vous n'avez pas accès à cette fonction.")).toBeInTheDocument();
    expect(screen.getByRole("navigation", { name: "Rubriques de la configuration" })).toBeInTheDocument();
  });
});

describe("settings", () => {
  it("saves the settings", async () => {
    const settings = {
      signup_mode: "staff_only",
      signup_requires_validation: true,
      email_change_by_staff_only: false,
      max_upload_mb: 6,
      retention_years: 3,
    };
    const calls = mockFetch({
      ...STAFF_SESSION,
      "GET /api/v1/staff/dossier/settings/": { body: settings },
      "PATCH /api/v1/staff/dossier/settings/": { body: { ...settings, signup_mode: "self" } },
    });
    renderApp("/gestion/configuration");
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText("Création des comptes"), "self");
    // The home messages moved to Actualités › Messages d'accueil.
    expect(screen.queryByLabelText(/Message d'accueil/)).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Enregistrer les réglages" }));
    expect(await screen.findByText("Les réglages sont enregistrés.")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "PATCH")!.body).toMatchObject({ signup_mode: "self", max_upload_mb: 6, retention_years: 3 });
  });
});

describe("configurable lists", () => {
  it("adds a meal type and lists it", async () => {
    let items = [{ id: 1, label: "Standard", order: 0, active: true }];
    const calls = mockFetch({
      ...STAFF_SESSION,
      "GET /api/v1/staff/meal-types/": () => ({ body: items }),
      "POST /api/v1/staff/meal-types/": () => {
        items = [...items, { id: 2, label: "Sans porc", order: 1, active: true }];
        return { status: 201, body: items[1] };
      },
    });
    renderApp("/gestion/configuration/types-de-repas");
    const user = userEvent.setup();
    await screen.findByRole("table", { name: "Types de repas (1)" });
    await user.click(screen.getByRole("button", { name: "Ajouter" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Saisissez : libellé.");
    await user.type(screen.getByLabelText("Libellé *"), "Sans porc");
    await user.clear(screen.getByLabelText("Ordre d'affichage"));
    await user.type(screen.getByLabelText("Ordre d'affichage"), "1");
    await user.click(screen.getByRole("button", { name: "Ajouter" }));
    expect(await screen.findByText("« Sans porc » est ajouté.")).toBeInTheDocument();
    expect(await screen.findByRole("table", { name: "Types de repas (2)" })).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ label: "Sans porc", order: 1, active: true });
  });
});
