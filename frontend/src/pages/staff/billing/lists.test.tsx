import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { currentPath, mockFetch, renderApp } from "../../../test/render";
import { page, STAFF_SESSION } from "../staffFixtures";
import { BB, makePayment, makeStaffInvoice } from "./billingFixtures";

describe("billing lists keep their filters in the URL", () => {
  it("invoices: back and forward show the filters of each step with its results", async () => {
    mockFetch({
      ...STAFF_SESSION,
      [`GET ${BB}/invoices/`]: { body: page([makeStaffInvoice()]) },
      [`GET ${BB}/invoices/?search=Martin&kind=credit_note`]: { body: page([]) },
    });
    const { router } = renderApp("/gestion/facturation/factures");
    const user = userEvent.setup();
    await screen.findByRole("table", { name: "Factures et avoirs (1)" });
    await user.type(screen.getByLabelText("Rechercher"), "Martin");
    await user.selectOptions(screen.getByLabelText("Type"), "credit_note");
    await user.click(screen.getByRole("button", { name: "Filtrer" }));
    expect(await screen.findByText("Aucune facture ni aucun avoir ne correspond à ces critères.")).toBeInTheDocument();
    expect(currentPath(router)).toBe("/gestion/facturation/factures?recherche=Martin&type=credit_note");

    await act(() => router.navigate(-1));
    expect(await screen.findByRole("table", { name: "Factures et avoirs (1)" })).toBeInTheDocument();
    expect(screen.getByLabelText("Rechercher")).toHaveValue("");
    expect(screen.getByLabelText("Type")).toHaveValue("");

    await act(() => router.navigate(1));
    expect(await screen.findByText("Aucune facture ni aucun avoir ne correspond à ces critères.")).toBeInTheDocument();
    expect(screen.getByLabelText("Rechercher")).toHaveValue("Martin");
    expect(screen.getByLabelText("Type")).toHaveValue("credit_note");
  });

  it("payments: back restores the method and the dates, and keeps the family of the link", async () => {
    mockFetch({
      ...STAFF_SESSION,
      [`GET ${BB}/payments/?family=7`]: { body: page([makePayment()]) },
      [`GET ${BB}/payments/?family=7&method=cheque&from=2026-01-01`]: { body: page([]) },
    });
    const { router } = renderApp("/gestion/facturation/reglements?famille=7");
    const user = userEvent.setup();
    await screen.findByRole("table", { name: "Règlements (1)" });
    await user.selectOptions(screen.getByLabelText("Mode de règlement"), "cheque");
    await user.type(screen.getByLabelText("Reçus du"), "2026-01-01");
    await user.click(screen.getByRole("button", { name: "Filtrer" }));
    expect(await screen.findByText("Aucun règlement ne correspond à ces critères.")).toBeInTheDocument();
    expect(currentPath(router)).toBe("/gestion/facturation/reglements?famille=7&mode=cheque&du=2026-01-01");

    await act(() => router.navigate(-1));
    const table = await screen.findByRole("table", { name: "Règlements (1)" });
    expect(within(table).getAllByRole("row")).toHaveLength(2);
    expect(screen.getByLabelText("Mode de règlement")).toHaveValue("");
    expect(screen.getByLabelText("Reçus du")).toHaveValue("");
  });
});
