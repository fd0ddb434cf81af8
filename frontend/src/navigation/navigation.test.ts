import { describe, expect, it } from "vitest";
import { makeStaff, makeStructure, makeUser } from "../test/fixtures";
import { buildNavigation, filterNavigation, modulePath, resolveModule } from "./navigation";

const structure = makeStructure();

describe("filterNavigation", () => {
  it("keeps parent + all entries for parents, sorted by order", () => {
    expect(filterNavigation(structure.navigation, "parent").map((e) => e.id)).toEqual(["creche", "periscolaire"]);
  });

  it("keeps staff + all entries for staff, sorted by order", () => {
    expect(filterNavigation(structure.navigation, "staff").map((e) => e.id)).toEqual(["creche", "planning", "gestion"]);
  });

  it("keeps the server order for equal `order` values", () => {
    const entries = [
      { id: "b", label: "B", path: "/b", icon: "x", audience: "all" as const, module: null, order: 5 },
      { id: "a", label: "A", path: "/a", icon: "x", audience: "all" as const, module: null, order: 5 },
      { id: "c", label: "C", path: "/c", icon: "x", audience: "all" as const, module: null, order: 1 },
    ];
    expect(filterNavigation(entries, "parent").map((e) => e.id)).toEqual(["c", "b", "a"]);
  });
});

describe("buildNavigation", () => {
  it("frames a parent's entries with Accueil (/), the family file and Mon compte", () => {
    expect(buildNavigation(structure, makeUser()).map((i) => [i.label, i.path])).toEqual([
      ["Accueil", "/"],
      ["Mon foyer", "/mon-foyer"],
      ["Mes enfants", "/mes-enfants"],
      ["Mes documents", "/mes-documents"],
      ["Mes demandes", "/mes-demandes"],
      ["Facturation", "/facturation"],
      ["Messagerie", "/messagerie"],
      ["Actualités", "/actualites"],
      ["Téléchargements", "/telechargements"],
      ["Crèche", "/creche"],
      ["Périscolaire", "/periscolaire"],
      ["Mon compte", "/mon-compte"],
    ]);
  });

  it("does not repeat a structure entry pointing at a family page", () => {
    const withDuplicate = makeStructure({
      navigation: [{ id: "docs", label: "Documents", path: "/mes-documents", icon: "file", audience: "parent", module: null, order: 1 }],
    });
    expect(buildNavigation(withDuplicate, makeUser()).filter((i) => i.path === "/mes-documents")).toHaveLength(1);
  });

  it("points staff's Accueil to /gestion, lists the back office pages, without repeating the Gestion entry", () => {
    expect(buildNavigation(structure, makeStaff()).map((i) => [i.label, i.path])).toEqual([
      ["Accueil", "/gestion"],
      ["Comptes à valider", "/gestion/comptes"],
      ["Demandes", "/gestion/demandes"],
      ["Documents", "/gestion/documents"],
      ["Familles", "/gestion/familles"],
      ["Messagerie", "/gestion/messagerie"],
      ["Annonces", "/gestion/annonces"],
      ["Actualités", "/gestion/actualites"],
      ["Facturation", "/gestion/facturation"],
      ["Configuration", "/gestion/configuration"],
      ["Crèche", "/creche"],
      ["Planning", "/planning"],
      ["Mon compte", "/mon-compte"],
    ]);
  });
});

describe("modules", () => {
  it("finds a module's page path from the navigation", () => {
    expect(modulePath(structure, { id: "periscolaire" })).toBe("/periscolaire");
    expect(modulePath(structure, { id: "sejours" })).toBe("/sejours");
  });

  it("resolves a path segment to a module", () => {
    expect(resolveModule(structure, "periscolaire")?.label).toBe("Périscolaire");
    expect(resolveModule(structure, "creche")?.label).toBe("Crèche");
    expect(resolveModule(structure, "inconnu")).toBeUndefined();
    expect(resolveModule(structure, "gestion")).toBeUndefined();
  });
});

describe("staff navigation", () => {
  it("does not repeat a structure entry pointing at a back office page", () => {
    const withDuplicate = makeStructure({
      navigation: [{ id: "familles", label: "Familles", path: "/gestion/familles", icon: "users", audience: "staff", module: null, order: 1 }],
    });
    expect(buildNavigation(withDuplicate, makeStaff()).filter((i) => i.path === "/gestion/familles")).toHaveLength(1);
  });

  it("is not shown to parents", () => {
    expect(buildNavigation(structure, makeUser()).some((i) => i.path.startsWith("/gestion"))).toBe(false);
  });
});
