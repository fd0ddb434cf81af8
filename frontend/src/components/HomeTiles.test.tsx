import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { HomeTile } from "../api/homeSummary";
import { axeViolations, describeViolations } from "../test/axe";
import { NO_PENDING_CONSENTS, makeHome } from "../test/familyFixtures";
import { makeStaff, makeStructure, makeUser, sessionBody } from "../test/fixtures";
import { mockFetch, renderApp } from "../test/render";

const SUMMARY = "GET /api/v1/home/summary/";

function tile(overrides: Partial<HomeTile> = {}): HomeTile {
  return {
    id: "periscolaire-reservations",
    module: "periscolaire",
    label: "Réservations en attente",
    value: 3,
    detail: "À confirmer avant vendredi.",
    path: "/planning",
    tone: "warning",
    ...overrides,
  };
}

const PARENT = {
  "GET /api/v1/structure/": { body: makeStructure() },
  "GET /api/v1/auth/session": { body: sessionBody(makeUser()) },
  "GET /api/v1/family/home/": { body: makeHome() },
  ...NO_PENDING_CONSENTS,
};

const STAFF = {
  "GET /api/v1/structure/": { body: makeStructure() },
  "GET /api/v1/auth/session": { body: sessionBody(makeStaff()) },
};

describe("home tiles", () => {
  it("shows the parent's tiles as links: the value, the label, then the detail", async () => {
    mockFetch({
      ...PARENT,
      [SUMMARY]: { body: { tiles: [tile(), tile({ id: "creche-places", module: "creche", label: "Places disponibles", value: 1, detail: "", path: "/creche", tone: "success" })] } },
    });
    const { container } = renderApp("/");
    const region = await screen.findByRole("region", { name: "En bref" });
    const items = within(region).getAllByRole("listitem");
    expect(items).toHaveLength(2);
    expect(within(items[0]).getByRole("link", { name: "3 Réservations en attente" })).toHaveAttribute("href", "/planning");
    expect(items[0]).toHaveTextContent("À confirmer avant vendredi.");
    expect(within(items[1]).getByRole("link", { name: "1 Places disponibles" })).toHaveAttribute("href", "/creche");
    expect(within(items[1]).queryByRole("paragraph")).not.toBeInTheDocument();
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it("shows the staff's tiles on the back office home", async () => {
    mockFetch({
      ...STAFF,
      [SUMMARY]: { body: { tiles: [tile({ id: "periscolaire-inscriptions", label: "Inscriptions à traiter", value: 12, path: "/gestion/inscriptions", tone: "info" })] } },
    });
    renderApp("/gestion");
    const region = await screen.findByRole("region", { name: "En bref" });
    expect(within(region).getByRole("link", { name: "12 Inscriptions à traiter" })).toHaveAttribute("href", "/gestion/inscriptions");
  });

  it("hides the section when there is no tile, or when the tiles cannot be read", async () => {
    mockFetch({ ...PARENT, [SUMMARY]: { body: { tiles: [] } } });
    renderApp("/");
    await screen.findByRole("heading", { level: 1, name: "Bonjour Claire" });
    await screen.findByText("Votre dossier est complet.");
    expect(screen.queryByRole("region", { name: "En bref" })).not.toBeInTheDocument();
  });

  it("leaves the rest of the home page alone when the summary fails", async () => {
    mockFetch({ ...STAFF, [SUMMARY]: { status: 500, body: { detail: "Erreur" } } });
    renderApp("/gestion");
    expect(await screen.findByRole("heading", { level: 1, name: "Espace de gestion" })).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "Vos rôles" })).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "En bref" })).not.toBeInTheDocument();
  });
});
