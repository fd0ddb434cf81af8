import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { currentPath, mockFetch, renderApp } from "../../test/render";
import { makeFamilyFile, makeSummary, page, STAFF_SESSION } from "./staffFixtures";

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
      regimes: [{ value: "caf", label: "CAF" }],
      marital_statuses: [{ value: "married", label: "Marié(e)s" }],
    },
  },
};

describe("family search", () => {
  it("searches by the typed text and lists the results", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      "GET /api/v1/staff/families/": { body: page([makeSummary({ status: "active", status_label: "Actif" })]) },
      "GET /api/v1/staff/families/?q=l%C3%A9o+martin": { body: page([makeSummary({ id: 9, name: "Martin-Roux", status_label: "Actif" })]) },
    });
    const { router } = renderApp("/gestion/familles");
    const user = userEvent.setup();
    await screen.findByRole("link", { name: "Martin" });
    await user.type(screen.getByRole("searchbox", { name: "Rechercher" }), "léo martin");
    await user.click(screen.getByRole("button", { name: "Rechercher" }));
    const table = await screen.findByRole("table", { name: "Résultats pour « léo martin »" });
    expect(within(table).getByRole("link", { name: "Martin-Roux" })).toHaveAttribute("href", "/gestion/familles/9");
    expect(currentPath(router)).toBe("/gestion/familles?q=l%C3%A9o+martin");
    expect(calls.some((c) => c.url === "/api/v1/staff/families/?q=l%C3%A9o+martin")).toBe(true);
    expect(screen.getByText("1 famille trouvée.")).toBeInTheDocument();
  });

  it("says when nothing matches", async () => {
    mockFetch({ ...STAFF_SESSION, "GET /api/v1/staff/families/?q=zz": { body: page([]) } });
    renderApp("/gestion/familles?q=zz");
    expect(await screen.findByText("Aucune famille ne correspond à cette recherche.")).toBeInTheDocument();
    expect(screen.getByRole("searchbox", { name: "Rechercher" })).toHaveValue("zz");
  });
});

describe("family creation", () => {
  it("checks the required fields, then creates the family with a temporary password", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...OPTIONS,
      "POST /api/v1/staff/families/new/": { status: 201, body: makeSummary({ id: 31, number: 1050, name: "Bernard" }) },
      "GET /api/v1/staff/families/31/": { body: makeFamilyFile({ family: { ...makeFamilyFile().family, id: 31, number: 1050, name: "Bernard" } }) },
    });
    const { router } = renderApp("/gestion/familles/nouvelle");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Créer la famille" }));
    const summary = screen.getByRole("alert");
    expect(summary).toHaveTextContent("Saisissez le prénom du responsable.");
    expect(within(summary).getByRole("link", { name: /l'e-mail du responsable/ })).toHaveAttribute("href", "#resp-email");
    expect(calls.some((c) => c.method === "POST")).toBe(false);

    await user.type(screen.getByLabelText("Adresse *"), "1 place de la Mairie");
    await user.type(screen.getByLabelText("Code postal *"), "38000");
    await user.type(screen.getByLabelText("Ville *"), "Saint-Alban");
    await user.type(screen.getByLabelText("Prénom *"), "Anne");
    await user.type(screen.getByLabelText("Nom *"), "Bernard");
    await user.type(screen.getByLabelText("E-mail *"), "anne@example.fr");
    await user.click(screen.getByLabelText("Mot de passe provisoire"));
    await user.type(screen.getByLabelText("Mot de passe provisoire *"), "Bienvenue2026");
    await user.click(screen.getByRole("button", { name: "Ajouter un enfant" }));
    await user.type(screen.getAllByLabelText("Prénom *")[1], "Lou");
    await user.type(screen.getByLabelText("Date de naissance *"), "2019-05-04");
    await user.click(screen.getByRole("button", { name: "Créer la famille" }));

    await screen.findByRole("heading", { level: 1, name: "Famille Bernard" });
    expect(currentPath(router)).toBe("/gestion/familles/31");
    expect(screen.getByText(/La famille Bernard \(n° 1050\) est créée/)).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({
      household: { address_line1: "1 place de la Mairie", postal_code: "38000", city: "Saint-Alban" },
      guardian: { civility: "", first_name: "Anne", last_name: "Bernard", email: "anne@example.fr" },
      account: "temporary_password",
      temporary_password: "Bienvenue2026",
      children: [{ first_name: "Lou", last_name: "Bernard", birth_date: "2019-05-04", sex: "" }],
    });
  });

  it("puts the server's nested errors next to their field", async () => {
    mockFetch({
      ...STAFF_SESSION,
      ...OPTIONS,
      "POST /api/v1/staff/families/new/": { status: 400, body: { household: { postal_code: ["Code postal invalide."] } } },
    });
    renderApp("/gestion/familles/nouvelle");
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Adresse *"), "1 place");
    await user.type(screen.getByLabelText("Code postal *"), "3800");
    await user.type(screen.getByLabelText("Ville *"), "Saint-Alban");
    await user.type(screen.getByLabelText("Prénom *"), "Anne");
    await user.type(screen.getByLabelText("Nom *"), "Bernard");
    await user.click(screen.getByLabelText("Pas de compte"));
    await user.click(screen.getByRole("button", { name: "Créer la famille" }));
    await waitFor(() => expect(screen.getByLabelText("Code postal *")).toHaveAccessibleDescription("Erreur : Code postal invalide."));
  });
});

describe("family file", () => {
  it("edits the household directly (only what changed)", async () => {
    const file = makeFamilyFile();
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...OPTIONS,
      "GET /api/v1/staff/families/7/": { body: file },
      "PATCH /api/v1/staff/families/7/": { body: { ...file.family, city: "Grenoble" } },
    });
    renderApp("/gestion/familles/7");
    const user = userEvent.setup();
    const city = await screen.findByLabelText("Ville");
    await waitFor(() => expect(document.title).toBe("Foyer — Famille Martin (n° 1042) — Mairie de Saint-Alban"));
    await user.clear(city);
    await user.type(city, "Grenoble");
    await user.click(screen.getByRole("button", { name: "Enregistrer le foyer" }));
    expect(await screen.findByText("Le foyer est enregistré.")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "PATCH")!.body).toEqual({ city: "Grenoble" });
  });

  it("shows the audit history as a table", async () => {
    mockFetch({
      ...STAFF_SESSION,
      "GET /api/v1/staff/families/7/": { body: makeFamilyFile() },
      "GET /api/v1/staff/families/7/history/": {
        body: [
          {
            at: "2026-11-21T10:00:00Z",
            action: "Modification",
            object_type: "Foyer",
            object_label: "Martin",
            author: "Paul Durand",
            changes: [{ field: "city", before: "Lyon", after: "Saint-Alban" }],
          },
        ],
      },
    });
    renderApp("/gestion/familles/7/historique");
    const table = await screen.findByRole("table", { name: /Modifications du dossier/ });
    expect(within(table).getAllByRole("columnheader").map((th) => th.textContent)).toEqual(["Date", "Action", "Élément", "Auteur", "Détail"]);
    expect(table).toHaveTextContent("Paul Durand");
    expect(table).toHaveTextContent("city : avantLyon → aprèsSaint-Alban");
  });

  it("anonymises only after an explicit confirmation", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      "GET /api/v1/staff/families/7/": { body: makeFamilyFile() },
      "POST /api/v1/staff/families/7/anonymise/": { status: 204 },
      "GET /api/v1/staff/families/": { body: page([]) },
    });
    const { router } = renderApp("/gestion/familles/7/rgpd");
    const user = userEvent.setup();
    expect(await screen.findByRole("link", { name: /Télécharger l'archive/ })).toHaveAttribute("href", "/api/v1/staff/families/7/export/");
    expect(screen.getByText(/cette action est définitive/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Anonymiser le dossier…" }));
    expect(screen.getByRole("checkbox", { name: /sans retour possible/ })).toHaveFocus();
    await user.click(screen.getByRole("button", { name: "Anonymiser définitivement" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Cochez la case");
    expect(calls.some((c) => c.method === "POST")).toBe(false);
    await user.click(screen.getByRole("checkbox", { name: /sans retour possible/ }));
    await user.click(screen.getByRole("button", { name: "Anonymiser définitivement" }));
    await waitFor(() => expect(currentPath(router)).toBe("/gestion/familles"));
    expect(await screen.findByText("Le dossier n° 1042 est anonymisé.")).toBeInTheDocument();
  });

  it("says so when the role may not open family files (403)", async () => {
    mockFetch({ ...STAFF_SESSION, "GET /api/v1/staff/families/7/": { status: 403, body: { detail: "Permission refusée." } } });
    renderApp("/gestion/familles/7");
    expect(await screen.findByText("Vous n'avez pas accès à cette fonction.")).toBeInTheDocument();
  });
});
