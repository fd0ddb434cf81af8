import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { axeViolations, describeViolations } from "../../../test/axe";
import { ANONYMOUS_BODY, makeStructure } from "../../../test/fixtures";
import { mockFetch, renderApp } from "../../../test/render";
import { FC } from "./announcementFixtures";

const TOKEN = "eyJ1Ijo3fQ:1tX:abc-DEF_123";
const URL = `${FC}/unsubscribe/?token=${encodeURIComponent(TOKEN)}`;
const ANONYMOUS = {
  "GET /api/v1/structure/": { body: makeStructure() },
  "GET /api/v1/auth/session": { status: 401, body: ANONYMOUS_BODY },
};

describe("Désabonnement (sans connexion)", () => {
  it("shows what will stop, changes nothing until the button, then confirms", async () => {
    const calls = mockFetch({
      ...ANONYMOUS,
      [`GET ${URL}`]: { body: { kind: "announcement", label: "Annonces de la structure" } },
      [`POST ${URL}`]: { body: { kind: "announcement", label: "Annonces de la structure" } },
    });
    const { container } = renderApp(`/desabonnement/${encodeURIComponent(TOKEN)}`);
    const user = userEvent.setup();
    expect(await screen.findByRole("heading", { level: 1, name: "Ne plus recevoir certains e-mails" })).toBeInTheDocument();
    expect(await screen.findByText("Annonces de la structure")).toBeInTheDocument();
    // Before the button nothing has changed: the wording says it is still to confirm.
    expect(screen.getByText(/En confirmant, vous ne recevrez plus les e-mails/)).toBeInTheDocument();
    expect(calls.some((c) => c.method === "POST")).toBe(false);
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);

    await user.click(screen.getByRole("button", { name: "Ne plus recevoir ces e-mails" }));
    expect(await screen.findByText(/C'est fait : vous ne recevrez plus les e-mails « Annonces de la structure »/)).toBeInTheDocument();
    const post = calls.find((c) => c.method === "POST")!;
    expect(post.url).toBe(URL);
    expect(post.body).toEqual({ token: TOKEN });
    expect(screen.getByRole("link", { name: "Gérer toutes mes notifications" })).toHaveAttribute("href", "/mes-notifications");
  });

  it("refuses a bad link with the server's message", async () => {
    mockFetch({
      ...ANONYMOUS,
      [`GET ${FC}/unsubscribe/?token=faux`]: { status: 400, body: { token: ["Ce lien de désabonnement n'est pas valide ou vient d'une autre structure."] } },
    });
    const { container } = renderApp("/desabonnement/faux");
    expect(await screen.findByRole("alert")).toHaveTextContent("Ce lien de désabonnement n'est pas valide ou vient d'une autre structure.");
    expect(screen.queryByRole("button", { name: "Ne plus recevoir ces e-mails" })).toBeNull();
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});
