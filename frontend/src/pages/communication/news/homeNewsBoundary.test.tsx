import { screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { NO_PENDING_CONSENTS, makeHome } from "../../../test/familyFixtures";
import { makeStructure, makeUser, sessionBody } from "../../../test/fixtures";
import { mockFetch, renderApp } from "../../../test/render";

// The news chunk failing (a stale chunk after a deployment, a rendering error).
vi.mock("./HomeNewsBlock", () => ({
  default: () => {
    throw new Error("Chunk perdu");
  },
}));

describe("the news block on the parents' home", () => {
  it("renders nothing when the news block fails, the rest of the home staying", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    mockFetch({
      "GET /api/v1/structure/": { body: makeStructure() },
      "GET /api/v1/auth/session": { body: sessionBody(makeUser()) },
      ...NO_PENDING_CONSENTS,
      "GET /api/v1/family/home/": { body: makeHome() },
      "GET /api/v1/home/summary/": { body: { tiles: [] } },
    });
    renderApp("/");
    expect(await screen.findByText("Votre dossier est complet.")).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent(/^Bonjour/);
    expect(screen.queryByRole("region", { name: "Actualités" })).not.toBeInTheDocument();
    expect(screen.queryByText(/erreur/i)).not.toBeInTheDocument();
  });
});
