import { renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { StructureContext } from "../api/StructureContext";
import { makeStructure } from "../test/fixtures";
import { usePageTitle } from "./usePageTitle";
import { applyStructureTheme } from "./useStructureTheme";

const STRUCTURE = makeStructure();

function wrapper({ children }: { children: ReactNode }) {
  return <StructureContext.Provider value={STRUCTURE}>{children}</StructureContext.Provider>;
}

describe("usePageTitle", () => {
  it("sets '<page> — <structure name>' and restores the fallback on unmount", () => {
    applyStructureTheme(STRUCTURE);
    expect(document.title).toBe("Mairie de Saint-Alban — Portail familles");
    const { unmount } = renderHook(() => usePageTitle("Mon compte"), { wrapper });
    expect(document.title).toBe("Mon compte — Mairie de Saint-Alban");
    unmount();
    expect(document.title).toBe("Mairie de Saint-Alban — Portail familles");
  });

  it("follows title changes", () => {
    const { rerender } = renderHook(({ title }) => usePageTitle(title), { wrapper, initialProps: { title: "Périscolaire" } });
    expect(document.title).toBe("Périscolaire — Mairie de Saint-Alban");
    rerender({ title: "Crèche" });
    expect(document.title).toBe("Crèche — Mairie de Saint-Alban");
  });

  it("keeps the fallback when the page gives no title", () => {
    applyStructureTheme(STRUCTURE);
    renderHook(() => usePageTitle(undefined), { wrapper });
    expect(document.title).toBe("Mairie de Saint-Alban — Portail familles");
  });

  it("is not overwritten when the structure theme is applied afterwards", () => {
    // The layout's effect runs after its pages' effects (and again on refetch).
    renderHook(() => usePageTitle("Connexion"), { wrapper });
    applyStructureTheme(STRUCTURE);
    expect(document.title).toBe("Connexion — Mairie de Saint-Alban");
    applyStructureTheme({ ...STRUCTURE, name: "Mairie de Saint-Alban-sur-Loire" });
    expect(document.title).toBe("Connexion — Mairie de Saint-Alban-sur-Loire");
  });

  it("works outside the structure context, with an explicit name or without one", () => {
    const { unmount } = renderHook(() => usePageTitle("Erreur", "Crèche des Lilas"));
    expect(document.title).toBe("Erreur — Crèche des Lilas");
    unmount();
    renderHook(() => usePageTitle("Erreur"));
    expect(document.title).toBe("Erreur — Portail familles");
  });
});
