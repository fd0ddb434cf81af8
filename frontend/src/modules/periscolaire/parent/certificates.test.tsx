import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { axeViolations, describeViolations } from "../../../test/axe";
import { mockFetch, renderApp } from "../../../test/render";
import { makeEnrolment, PARENT } from "./bookingFixtures";
import type { Certificate } from "./EnrolmentCertificate";

const page = <T,>(results: T[]) => ({ count: results.length, next: null, previous: null, results });

function makeCertificate(overrides: Partial<Certificate> = {}): Certificate {
  return {
    id: 70,
    enrolment: 50,
    child_name: "Léa",
    activity_name: "Accueil du matin 2026/2027",
    state: "requested",
    requested_at: "2026-11-20T10:00:00+01:00",
    decided_at: null,
    issued_on: null,
    reason: "",
    pdf_url: null,
    ...overrides,
  };
}

const VALIDATED = { "GET /api/v1/booking/enrolments/": { body: page([makeEnrolment({ id: 50, status: "validated" })]) } };

describe("attestation d'inscription", () => {
  it("asks for one on a validated enrolment and says what happens next", async () => {
    let asked = false;
    const calls = mockFetch({
      ...PARENT,
      ...VALIDATED,
      "GET /api/v1/booking/certificates/": () => ({ body: page(asked ? [makeCertificate()] : []) }),
      "POST /api/v1/booking/certificates/": () => {
        asked = true;
        return { status: 201, body: makeCertificate() };
      },
    });
    const { container } = renderApp("/inscriptions");
    const user = userEvent.setup();
    const button = await screen.findByRole("button", { name: /^Demander une attestation d'inscription ?: Accueil du matin 2026\/2027$/ });

    await user.click(button);

    expect(await screen.findByText("Attestation d'inscription demandée le 20/11/2026 : la structure la prépare.")).toBeInTheDocument();
    const card = screen.getByRole("article", { name: "Accueil du matin 2026/2027" });
    expect(within(card).getByRole("status")).toHaveTextContent("Demande envoyée : vous recevrez un e-mail dès que l'attestation sera prête.");
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ enrolment: 50 });
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it("offers the issued PDF for download", async () => {
    mockFetch({
      ...PARENT,
      ...VALIDATED,
      "GET /api/v1/booking/certificates/": {
        body: page([makeCertificate({ state: "issued", issued_on: "2026-11-21", pdf_url: "/api/v1/booking/certificates/70/pdf/" })]),
      },
    });
    renderApp("/inscriptions");
    const link = await screen.findByRole("link", { name: /^Télécharger l'attestation d'inscription \(PDF\) ?: Accueil du matin 2026\/2027$/ });
    expect(link).toHaveAttribute("href", "/api/v1/booking/certificates/70/pdf/");
    expect(screen.getByText("délivrée le 21/11/2026")).toBeInTheDocument();
  });

  it("shows a refusal with its reason and lets the family ask again", async () => {
    mockFetch({
      ...PARENT,
      ...VALIDATED,
      "GET /api/v1/booking/certificates/": { body: page([makeCertificate({ state: "refused", reason: "Inscription non réglée." })]) },
      "POST /api/v1/booking/certificates/": { status: 400, body: { enrolment: ["Une demande d'attestation est déjà en cours pour cette inscription."], code: "certificate_pending" } },
    });
    renderApp("/inscriptions");
    const user = userEvent.setup();
    const card = await screen.findByRole("article", { name: "Accueil du matin 2026/2027" });
    expect(within(card).getByText(/Inscription non réglée\./)).toBeInTheDocument();

    await user.click(within(card).getByRole("button", { name: /Demander à nouveau une attestation/ }));

    expect(await within(card).findByRole("alert")).toHaveTextContent("Une demande d'attestation est déjà en cours pour cette inscription.");
  });

  it("offers nothing on an enrolment that is not validated", async () => {
    mockFetch({
      ...PARENT,
      "GET /api/v1/booking/enrolments/": { body: page([makeEnrolment({ id: 50, status: "requested" })]) },
      "GET /api/v1/booking/certificates/": { body: page([]) },
    });
    renderApp("/inscriptions");
    await screen.findByRole("article", { name: "Accueil du matin 2026/2027" });
    expect(screen.queryByRole("button", { name: /attestation/ })).not.toBeInTheDocument();
  });
});
