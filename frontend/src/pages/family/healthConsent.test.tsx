import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { makeChild, makeFamily, makeGuardian, makeOptions, NO_PENDING_CONSENTS } from "../../test/familyFixtures";
import { makeStructure, makeUser, sessionBody } from "../../test/fixtures";
import { currentPath, mockFetch, renderApp } from "../../test/render";

const PARENT = {
  "GET /api/v1/structure/": { body: makeStructure() },
  "GET /api/v1/auth/session": { body: sessionBody(makeUser()) },
  "GET /api/v1/dossier/options/": { body: makeOptions() },
  ...NO_PENDING_CONSENTS,
};
const REFUSED = /Vous avez refusé la saisie des données médicales : modifiez votre choix dans Consentements pour renseigner la santé de/;
/** The explanation's paragraph (its text runs across the link). */
const refusal = (element: Element | null) => element?.tagName === "P" && REFUSED.test(element.textContent ?? "");

describe("health data and the medical-data consent", () => {
  it("replaces the child's health form by an explanation when the consent was refused", async () => {
    mockFetch({ ...PARENT, "GET /api/v1/family/children/21/": { body: makeChild({ health_data_allowed: false }) } });
    const { router } = renderApp("/mes-enfants/21?section=sante");

    expect(await screen.findByText((_, e) => refusal(e))).toHaveTextContent("la santé de Léa");
    expect(screen.queryByRole("textbox", { name: "Allergies" })).not.toBeInTheDocument();
    expect(screen.queryByRole("textbox", { name: "Vaccin" })).not.toBeInTheDocument();
    // The identity section is still there.
    expect(screen.getByRole("heading", { name: "Identité et scolarité" })).toBeInTheDocument();

    await userEvent.setup().click(screen.getByRole("link", { name: "Consentements" }));
    expect(currentPath(router)).toBe("/consentements?suivant=%2Fmes-enfants%2F21%3Fsection%3Dsante");
  });

  it("shows the child's health form when the consent was accepted", async () => {
    mockFetch({ ...PARENT, "GET /api/v1/family/children/21/": { body: makeChild({ health_data_allowed: true }) } });
    renderApp("/mes-enfants/21?section=sante");

    await screen.findByRole("heading", { name: "Santé" });
    expect(screen.queryByText((_, e) => refusal(e))).not.toBeInTheDocument();
    expect(await screen.findByRole("textbox", { name: "Allergies" })).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: "Vaccin" })).toBeInTheDocument();
  });

  it.each([
    [false, true],
    [true, false],
  ])("the child wizard's health step (health data allowed: %s)", async (allowed, explained) => {
    mockFetch({
      ...PARENT,
      "GET /api/v1/family/": { body: makeFamily({ health_data_allowed: allowed }) },
      "GET /api/v1/family/guardians/": { body: [makeGuardian()] },
    });
    renderApp("/mes-enfants/nouveau");
    const user = userEvent.setup();
    const next = () => user.click(screen.getByRole("button", { name: "Suivant" }));

    await user.type(await screen.findByRole("textbox", { name: "Prénom" }), "Tom");
    await user.type(screen.getByLabelText(/Date de naissance/), "2019-05-04");
    await user.click(screen.getByRole("radio", { name: "Garçon" }));
    await next();
    await screen.findByRole("heading", { level: 2, name: "Étape 2 sur 7 : Scolarité" });
    await user.selectOptions(screen.getByRole("combobox", { name: "Classe" }), "1");
    await next();

    await screen.findByRole("heading", { level: 2, name: "Étape 3 sur 7 : Santé" });
    if (explained) {
      expect(screen.getByText((_, e) => refusal(e))).toHaveTextContent("la santé de Tom");
      expect(screen.queryByRole("textbox", { name: "Allergies" })).not.toBeInTheDocument();
      expect(screen.queryByRole("textbox", { name: "Vaccin" })).not.toBeInTheDocument();
    } else {
      expect(screen.queryByText((_, e) => refusal(e))).not.toBeInTheDocument();
      expect(screen.getByRole("textbox", { name: "Allergies" })).toBeInTheDocument();
      expect(screen.getByRole("textbox", { name: "Vaccin" })).toBeInTheDocument();
    }
  });
});
