import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { axeViolations, describeViolations } from "../../../test/axe";
import { makeHome } from "../../../test/familyFixtures";
import { mockFetch, renderApp } from "../../../test/render";
import { makeAccount, money, PARENT } from "./billingFixtures";

const COUNTERS = makeHome().counters;

describe("parent home — Informations compte", () => {
  it("shows the balance, the unpaid invoices with their total and a link to pay them", async () => {
    mockFetch({
      ...PARENT,
      "GET /api/v1/family/home/": { body: makeHome({ counters: { ...COUNTERS, unpaid_invoices: 2 } }) },
      "GET /api/v1/billing/account/": { body: makeAccount() },
    });
    const { container } = renderApp("/");
    const block = await screen.findByRole("region", { name: "Informations compte" });
    expect(await within(block).findByText(`Votre compte présente un solde de ${money(245.36)} (montant restant dû).`)).toBeInTheDocument();
    const table = within(block).getByRole("table", { name: "Factures impayées" });
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["N° Facture", "Date Facture", "Date Échéance", "Montant"]);
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows[0]).toHaveTextContent(`F2026-000123`);
    expect(rows[0]).toHaveTextContent("01/02/2026");
    expect(rows[0]).toHaveTextContent("28/02/2020 En retard");
    expect(rows[0]).toHaveTextContent(money(145.36));
    expect(rows[1]).toHaveTextContent(money(100));
    expect(within(block).getByText(`Total : 2 factures = ${money(245.36)}`)).toBeInTheDocument();
    expect(within(block).getByRole("link", { name: "Payer mes factures" })).toHaveAttribute("href", "/facturation");

    expect(screen.getByRole("link", { name: "Vous avez 2 factures en attente de paiement" })).toHaveAttribute("href", "/facturation");
    const tiles = screen.getByRole("navigation", { name: "Mon dossier" });
    expect(within(tiles).getByRole("link", { name: "Facturation" })).toHaveAttribute("href", "/facturation");
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it("says when nothing is left to pay", async () => {
    mockFetch({
      ...PARENT,
      "GET /api/v1/family/home/": { body: makeHome({ counters: { ...COUNTERS, unpaid_invoices: 0 } }) },
      "GET /api/v1/billing/account/": { body: makeAccount({ balance: "0.00", unpaid_total: "0.00", unpaid_count: 0, unpaid: [] }) },
    });
    renderApp("/");
    const block = await screen.findByRole("region", { name: "Informations compte" });
    expect(await within(block).findByText(`Votre compte présente un solde de ${money(0)}.`)).toBeInTheDocument();
    expect(within(block).getByText("Aucune facture en attente de paiement.")).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: /factures? en attente de paiement/ })).not.toBeInTheDocument();
  });
});
