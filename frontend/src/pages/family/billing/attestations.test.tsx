import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { axeViolations, describeViolations } from "../../../test/axe";
import { mockFetch, renderApp } from "../../../test/render";
import { money, PARENT } from "./billingFixtures";

const BASE = "/api/v1/billing/attestations";
const LIST = {
  years: [
    { year: 2025, payments_total: "310.00", payments_url: `${BASE}/payments/2025/pdf/`, children_under_six: [], childcare_url: null },
    {
      year: 2026,
      payments_total: "245.36",
      payments_url: `${BASE}/payments/2026/pdf/`,
      children_under_six: [{ id: 22, first_name: "Tom", last_name: "Martin" }],
      childcare_url: `${BASE}/childcare/2026/pdf/`,
    },
  ],
  children: [
    { id: 21, first_name: "Léa", last_name: "Martin" },
    { id: 22, first_name: "Tom", last_name: "Martin" },
  ],
  presence_url: `${BASE}/presence/`,
};

describe("Mes éditions — attestations", () => {
  it("offers the payment and childcare attestations per year, and the presence attestation of a child", async () => {
    mockFetch({ ...PARENT, "GET /api/v1/editions/": { body: [] }, "GET /api/v1/billing/attestations/": { body: LIST } });
    const { container } = renderApp("/mes-editions");
    const section = await screen.findByRole("region", { name: "Attestations" });
    const years = await within(section).findAllByRole("heading", { level: 3 });
    expect(years.map((h) => h.textContent)).toEqual(["Année 2026", "Année 2025", "Attestation de présence"]);
    const payments = within(section).getByRole("link", { name: "Attestation de paiement 2026 (PDF)" });
    expect(payments).toHaveAttribute("href", `${BASE}/payments/2026/pdf/`);
    expect(payments).toHaveAttribute("download");
    expect(within(section).getByText(`Total des règlements reçus : ${money(245.36)}.`)).toBeInTheDocument();
    expect(within(section).getByRole("link", { name: "Attestation de frais de garde 2026 (PDF)" })).toHaveAttribute("href", `${BASE}/childcare/2026/pdf/`);
    expect(within(section).queryByRole("link", { name: "Attestation de frais de garde 2025 (PDF)" })).not.toBeInTheDocument();
    expect(within(section).getByRole("link", { name: "Télécharger l'attestation de présence de Léa Martin (PDF)" })).toHaveAttribute(
      "href",
      `${BASE}/presence/?child=21`,
    );
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);

    const user = userEvent.setup();
    await user.selectOptions(within(section).getByLabelText("Enfant"), "Tom Martin");
    await user.type(within(section).getByLabelText("Du"), "2026-09-01");
    await user.type(within(section).getByLabelText("Au"), "2026-12-31");
    expect(within(section).getByRole("link", { name: "Télécharger l'attestation de présence de Tom Martin (PDF)" })).toHaveAttribute(
      "href",
      `${BASE}/presence/?child=22&from=2026-09-01&to=2026-12-31`,
    );
  });

  it("leaves the attestations out when the structure does not offer them", async () => {
    mockFetch({ ...PARENT, "GET /api/v1/editions/": { body: [] } });
    renderApp("/mes-editions");
    expect(await screen.findByText(/Aucun document à télécharger/)).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Attestations" })).not.toBeInTheDocument();
  });
});
