import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ACTIVITIES, B } from "../../../pages/staff/booking/bookingFixtures";
import { page, STAFF_SESSION } from "../../../pages/staff/staffFixtures";
import { axeViolations, describeViolations } from "../../../test/axe";
import { mockFetch, renderApp } from "../../../test/render";
import type { StaffCertificate } from "./certificatesApi";

const LIST = `GET ${B}/certificates/?state=requested`;

function makeCertificate(overrides: Partial<StaffCertificate> = {}): StaffCertificate {
  return {
    id: 70,
    enrolment: 50,
    child_name: "Léo",
    child_last_name: "Martin",
    activity_name: "Accueil périscolaire (2026/2027)",
    state: "requested",
    requested_at: "2026-11-20T10:00:00+01:00",
    decided_at: null,
    issued_on: null,
    reason: "",
    pdf_url: null,
    family_id: 7,
    family_name: "Martin",
    ...overrides,
  };
}

const REQUESTS = [makeCertificate(), makeCertificate({ id: 71, child_name: "Emma", child_last_name: "Durand", family_id: 8, family_name: "Durand" })];

describe("attestations d'inscription (staff)", () => {
  it("issues the selected requests in one click", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...ACTIVITIES,
      [LIST]: { body: page(REQUESTS) },
      [`POST ${B}/certificates/decide/`]: { body: [{ ...REQUESTS[1], state: "issued", issued_on: "2026-11-20" }] },
    });
    const { container } = renderApp("/gestion/attestations");
    const user = userEvent.setup();
    const table = await screen.findByRole("table", { name: "Demandes d'attestation en attente (2)" });
    expect(within(table).getByRole("link", { name: "Famille Durand" })).toHaveAttribute("href", "/gestion/familles/8");
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);

    await user.click(screen.getByLabelText("Sélectionner la demande pour Emma Durand à « Accueil périscolaire (2026/2027) »"));
    await user.click(screen.getByRole("button", { name: "Délivrer" }));

    expect(await screen.findByText(/1 attestation délivrée\./)).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ ids: [71], decision: "issue", reason: "" });
  });

  it("refuses with a reason, and asks for one first", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...ACTIVITIES,
      [LIST]: { body: page(REQUESTS) },
      [`POST ${B}/certificates/decide/`]: { body: [{ ...REQUESTS[0], state: "refused", reason: "Inscription non réglée." }] },
    });
    renderApp("/gestion/attestations");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Délivrer" }));
    expect(await screen.findByText("Sélectionnez au moins une demande.")).toBeInTheDocument();

    await user.click(screen.getByLabelText("Sélectionner la demande pour Léo Martin à « Accueil périscolaire (2026/2027) »"));
    await user.click(screen.getByRole("button", { name: "Refuser" }));
    await user.click(screen.getByRole("button", { name: "Confirmer le refus" }));
    expect(calls.some((c) => c.method === "POST")).toBe(false);
    await user.type(screen.getByRole("textbox", { name: /Motif/ }), "Inscription non réglée.");
    await user.click(screen.getByRole("button", { name: "Confirmer le refus" }));

    expect(await screen.findByText(/1 demande refusée\./)).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ ids: [70], decision: "refuse", reason: "Inscription non réglée." });
  });

  it("says when no family waits for one", async () => {
    mockFetch({ ...STAFF_SESSION, ...ACTIVITIES, [LIST]: { body: page([]) } });
    renderApp("/gestion/attestations");
    expect(await screen.findByText("Aucune demande d'attestation en attente.")).toBeInTheDocument();
  });
});
