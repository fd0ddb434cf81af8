import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { describe, expect, it } from "vitest";
import { createQueryClient } from "../../../../api/queryClient";
import { formatMoney } from "../../../../format/money";
import { axeViolations, describeViolations } from "../../../../test/axe";
import { mockFetch } from "../../../../test/render";
import type { StaffPlaceAccount, StayCancelPreview } from "./api";
import { PlaceAccountPage, StayCancelPage } from "./pages";

const BASE = "/api/v1/sejours/staff";
const money = (value: string) => formatMoney(value).replace(/\s/g, " ");

function makeAccount(overrides: Partial<StaffPlaceAccount> = {}): StaffPlaceAccount {
  return {
    wish_id: 9,
    status: "accepted",
    status_label: "Place confirmée",
    family_id: 7,
    family_name: "Martin",
    child: { id: 3, name: "Léa Martin" },
    stay: { id: 4, name: "Séjour montagne", start_date: "2027-04-30", end_date: "2027-05-06", status: "open" },
    price: "400.00",
    price_lines: ["Prix du séjour : 400,00 €"],
    lines: ["Prix du séjour : 400,00 €", "Aide VACAF : 7 jours × 30,00 € = 210,00 €", "Acompte 30 % : 120,00 €"],
    deposit: { amount: "120.00", invoice_id: 51, number: "F2027-000012", status: "issued", status_label: "À payer" },
    balance: { amount: "70.00", due_on: "2027-03-31", invoice_id: null, number: null, status: null, status_label: null },
    aids: [{ id: 5, kind: "vacaf", label: "Aide VACAF : 7 jours × 30,00 € = 210,00 €", granted: "210.00", amount: "210.00", proof_id: null, removable: false }],
    vacaf_estimate: null,
    credit_notes: [],
    left_to_pay: "190.00",
    outstanding: "120.00",
    cancellation: {
      can_cancel: true,
      preview_kept: "120.00",
      preview_refund: "0.00",
      preview_credit: "0.00",
      preview_to_invoice: "0.00",
      lines: ["Annulation le 01/03/2027, 60 jours avant le départ (acompte retenu) : 120,00 €"],
      cancelled_at: null,
      reason: "",
      medical: false,
    },
    documents: [{ id: 77, label: "Attestation CSE — cse.pdf" }],
    ...overrides,
  };
}

function renderPage(path: string, pattern: string, element: React.ReactNode) {
  const client = createQueryClient({ retry: false });
  const router = createMemoryRouter([{ path: pattern, element }], { initialEntries: [path] });
  return render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
}

describe("compte d'une place (staff)", () => {
  it("shows the invoices, adds a CSE aid with its proof and previews the cancellation", async () => {
    const withAid = makeAccount({
      aids: [...makeAccount().aids, { id: 6, kind: "cse", label: "CSE Papeteries", granted: "50.00", amount: "50.00", proof_id: 77, removable: true }],
    });
    const calls = mockFetch({
      [`GET ${BASE}/places/9/account`]: { body: makeAccount() },
      [`POST ${BASE}/places/9/aids/`]: { status: 201, body: withAid },
    });
    const { container } = renderPage("/gestion/sejours/places/9", "/gestion/sejours/places/:wishId", <PlaceAccountPage />);
    const user = userEvent.setup();

    expect(await screen.findByRole("heading", { level: 1, name: "Léa Martin — Séjour montagne" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Facture F2027-000012" })).toHaveAttribute("href", "/gestion/facturation/factures/51");
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);

    await user.type(screen.getByLabelText("Libellé", { exact: false }), "CSE Papeteries");
    await user.type(screen.getByLabelText(/Montant/), "50");
    await user.selectOptions(screen.getByLabelText(/Justificatif/), "77");
    await user.click(screen.getByRole("button", { name: "Ajouter l'aide" }));

    expect(await screen.findByText("Aide ajoutée.")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ kind: "cse", label: "CSE Papeteries", amount: "50.00", proof: 77 });
    expect(screen.getByRole("button", { name: "Retirer l'aide « CSE Papeteries »" })).toBeInTheDocument();

    const cancel = screen.getByRole("region", { name: "Annuler la place" });
    expect(cancel).toHaveTextContent(`Retenu : ${money("120.00")} · avoir : ${money("0")}`);
    await user.click(within(cancel).getByLabelText("Certificat médical reçu"));
    expect(cancel).toHaveTextContent(`Retenu : ${money("0")} · avoir : ${money("120.00")}`);
  });

  it("asks for a reason before cancelling, then sends the medical flag", async () => {
    const calls = mockFetch({
      [`GET ${BASE}/places/9/account`]: { body: makeAccount() },
      [`POST ${BASE}/places/9/cancel`]: { body: { kept: "0.00", credit: "120.00", to_invoice: "0.00", refund: "120.00", lines: [] } },
    });
    renderPage("/gestion/sejours/places/9", "/gestion/sejours/places/:wishId", <PlaceAccountPage />);
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "Annuler la place" }));
    expect(screen.getAllByText("Indiquez le motif de l'annulation.").length).toBeGreaterThan(0);
    expect(calls.some((c) => c.method === "POST")).toBe(false);

    await user.type(screen.getByLabelText(/^Motif/), "Certificat reçu");
    await user.click(screen.getByLabelText("Certificat médical reçu"));
    await user.click(screen.getByRole("button", { name: "Annuler la place" }));

    expect(await screen.findByText(/Place annulée/)).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ reason: "Certificat reçu", medical: true });
  });
});

describe("annuler un séjour (staff)", () => {
  it("shows who is affected and requires a confirmation", async () => {
    const preview: StayCancelPreview = {
      stay: { id: 4, name: "Séjour montagne", start_date: "2027-04-30", end_date: "2027-05-06", status: "open" },
      places: 12,
      waiting: 3,
      families: 14,
      invoiced: "1440.00",
    };
    const calls = mockFetch({
      [`GET ${BASE}/stays/4/cancel`]: { body: preview },
      [`POST ${BASE}/stays/4/cancel`]: { body: { cancelled: 15, credited: "1440.00" } },
    });
    const { container } = renderPage("/gestion/sejours/4/annulation", "/gestion/sejours/:stayId/annulation", <StayCancelPage />);
    const user = userEvent.setup();

    expect(await screen.findByText("12 places attribuées ou confirmées")).toBeInTheDocument();
    expect(screen.getByText("14 familles prévenues", { exact: false })).toBeInTheDocument();
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);

    await user.type(screen.getByLabelText(/^Motif/), "Centre fermé");
    await user.click(screen.getByRole("button", { name: "Annuler le séjour" }));
    expect(screen.getAllByText("Confirmez l'annulation du séjour.").length).toBeGreaterThan(0);
    expect(calls.some((c) => c.method === "POST")).toBe(false);

    await user.click(screen.getByLabelText(/Je confirme/));
    await user.click(screen.getByRole("button", { name: "Annuler le séjour" }));
    expect(await screen.findByText(/Séjour annulé : 15 vœux ou places annulés/)).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ reason: "Centre fermé" });
  });
});
