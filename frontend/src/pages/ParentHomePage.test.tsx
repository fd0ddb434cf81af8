import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { NO_PENDING_CONSENTS, makeHome } from "../test/familyFixtures";
import { makeStructure, makeUser, sessionBody } from "../test/fixtures";
import { mockFetch, renderApp } from "../test/render";

function renderHome(structure: { name: string; name_with_de: string }) {
  mockFetch({
    "GET /api/v1/structure/": { body: makeStructure(structure) },
    "GET /api/v1/auth/session": { body: sessionBody(makeUser()) },
    "GET /api/v1/family/home/": { body: makeHome() },
    "GET /api/v1/home/summary/": { body: { tiles: [] } },
    ...NO_PENDING_CONSENTS,
  });
  renderApp("/");
}

describe("the structure's name in a sentence", () => {
  it.each([
    ["Les Colos du Vercors", "des Colos du Vercors"],
    ["Enfance Val de Brenne", "d'Enfance Val de Brenne"],
    ["Mairie de Saint-Alban-sur-Loire", "de la Mairie de Saint-Alban-sur-Loire"],
  ])("welcomes the parent to the portal of « %s » with the API's name_with_de", async (name, withDe) => {
    renderHome({ name, name_with_de: withDe });
    await screen.findByRole("heading", { level: 1, name: "Bonjour Claire" });
    expect(screen.getByText(`Bienvenue sur le portail familles ${withDe}.`)).toBeInTheDocument();
    expect(screen.queryByText(/portail familles de (Les|Enfance)/)).not.toBeInTheDocument();
  });
});
