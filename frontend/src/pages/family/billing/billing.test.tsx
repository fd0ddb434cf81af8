import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { browser } from "../../../api/billing";
import { axeViolations, describeViolations } from "../../../test/axe";
import { currentPath, mockFetch, renderApp } from "../../../test/render";
import {
  makeAccount,
  makeInvoice,
  makeInvoiceDetail,
  makePayment,
  money,
  page,
  PARENT,
  PROVIDER,
  STATEMENT,
  UNPAID,
} from "./billingFixtures";
import { NOTHING_TICKED, ONLINE_PAYMENT_OFF, PAY_INTRO } from "./PayPanel";

const ACCOUNT = { "GET /api/v1/billing/account/": { body: makeAccount() } };
const ONLINE = { "GET /api/v1/billing/payments/provider/": { body: PROVIDER } };

afterEach(() => {
  vi.restoreAllMocks();
});

describe("Facturation — factures à payer", () => {
  it("ticks every unpaid invoice, updates the total, then Payer sends the ticked ones and leaves for the provider", async () => {
    const assign = vi.spyOn(browser, "assign").mockImplementation(() => undefined);
    const calls = mockFetch({
      ...PARENT,
      ...ACCOUNT,
      ...ONLINE,
      "POST /api/v1/billing/payments/checkout/": {
        status: 201,
        body: { attempt_id: 77, redirect_url: "https://pay.example.test/session/77", provider: "dummy", provider_label: PROVIDER.label },
      },
    });
    const { container } = renderApp("/facturation");
    expect(await screen.findByText(PAY_INTRO)).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1, name: "Facturation" })).toBeInTheDocument();
    expect(screen.getByRole("tab", { name: "Factures à payer" })).toHaveAttribute("aria-selected", "true");
    expect(screen.getByText(`Votre compte présente un solde de ${money(245.36)} (montant restant dû).`)).toBeInTheDocument();
    expect(screen.getByText(/Mode démonstration/).closest("p")).toHaveTextContent(`Mode démonstration : ${PROVIDER.label}.`);

    const table = screen.getByRole("table", { name: "Factures impayées" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("F2026-000123");
    expect(rows[0]).toHaveTextContent("01/02/2026");
    expect(rows[0]).toHaveTextContent("28/02/2020 En retard");
    expect(rows[1]).not.toHaveTextContent("En retard");
    expect(rows[1]).toHaveTextContent(money(100));
    const first = screen.getByRole("checkbox", { name: "Sélectionner la facture F2026-000123" });
    const second = screen.getByRole("checkbox", { name: "Sélectionner la facture F2026-000124" });
    expect(first).toBeChecked();
    expect(second).toBeChecked();
    const total = screen.getByText(`Total sélectionné : ${money(245.36)}`).closest("[role=status]")!;
    expect(total).toHaveTextContent("(2 factures sur 2)");
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);

    const user = userEvent.setup();
    await user.click(first);
    expect(first).not.toBeChecked();
    expect(total).toHaveTextContent(`Total sélectionné : ${money(100)}`);
    expect(total).toHaveTextContent("(1 facture sur 2)");
    await user.click(first);
    expect(total).toHaveTextContent(`Total sélectionné : ${money(245.36)}`);
    await user.click(second);
    expect(total).toHaveTextContent(`Total sélectionné : ${money(145.36)}`);

    await user.click(screen.getByRole("button", { name: "Payer" }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith("https://pay.example.test/session/77"));
    const posts = calls.filter((c) => c.method === "POST");
    expect(posts.map((c) => [c.url, c.body])).toEqual([["/api/v1/billing/payments/checkout/", { invoice_ids: [123] }]]);
    expect(screen.getByRole("button", { name: /Redirection vers le paiement sécurisé/ })).toHaveAttribute("aria-disabled", "true");
  });

  it("keeps Payer disabled, with the reason, when nothing is ticked", async () => {
    const calls = mockFetch({ ...PARENT, ...ACCOUNT, ...ONLINE });
    renderApp("/facturation");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Tout décocher" }));
    expect(screen.getByRole("checkbox", { name: "Sélectionner la facture F2026-000123" })).not.toBeChecked();
    expect(screen.getByText(`Total sélectionné : ${money(0)}`)).toBeInTheDocument();
    const pay = screen.getByRole("button", { name: "Payer" });
    expect(pay).toHaveAttribute("aria-disabled", "true");
    expect(pay).toHaveAccessibleDescription(NOTHING_TICKED);
    await user.click(pay);
    expect(calls.some((c) => c.method === "POST")).toBe(false);

    await user.click(screen.getByRole("button", { name: "Tout cocher" }));
    expect(screen.getByRole("button", { name: "Payer" })).not.toHaveAttribute("aria-disabled");
  });

  it("explains that online payment is not offered when the structure has not enabled it", async () => {
    const calls = mockFetch({ ...PARENT, ...ACCOUNT, "GET /api/v1/billing/payments/provider/": { body: { ...PROVIDER, enabled: false } } });
    renderApp("/facturation");
    const pay = await screen.findByRole("button", { name: "Payer" });
    await waitFor(() => expect(pay).toHaveAccessibleDescription(ONLINE_PAYMENT_OFF));
    expect(pay).toHaveAttribute("aria-disabled", "true");
    expect(screen.queryByText(/Mode démonstration/)).not.toBeInTheDocument();
    await userEvent.setup().click(pay);
    expect(calls.some((c) => c.method === "POST")).toBe(false);
  });

  it("shows why the payment could not start", async () => {
    const assign = vi.spyOn(browser, "assign").mockImplementation(() => undefined);
    mockFetch({
      ...PARENT,
      ...ACCOUNT,
      ...ONLINE,
      "POST /api/v1/billing/payments/checkout/": { status: 400, body: { detail: ["La facture F2026-000124 est déjà réglée."] } },
    });
    renderApp("/facturation");
    await userEvent.setup().click(await screen.findByRole("button", { name: "Payer" }));
    const alert = await screen.findByText("La facture F2026-000124 est déjà réglée.");
    expect(alert.closest("[role=alert]")).toHaveTextContent("Le paiement n'a pas pu commencer");
    expect(assign).not.toHaveBeenCalled();
  });

  it("says when there is nothing to pay", async () => {
    mockFetch({ ...PARENT, ...ONLINE, "GET /api/v1/billing/account/": { body: makeAccount({ balance: "0.00", unpaid_total: "0.00", unpaid_count: 0, unpaid: [] }) } });
    renderApp("/facturation");
    expect(await screen.findByText("Vous n'avez aucune facture à payer.")).toBeInTheDocument();
    expect(screen.getByText(`Votre compte présente un solde de ${money(0)}.`)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Payer" })).not.toBeInTheDocument();
  });

  it("shows an error with Réessayer when the account cannot be loaded", async () => {
    mockFetch({ ...PARENT, ...ONLINE, "GET /api/v1/billing/account/": { status: 500, body: {} } });
    renderApp("/facturation");
    const alert = await screen.findByRole("alert");
    expect(within(alert).getByRole("button", { name: "Réessayer" })).toBeInTheDocument();
  });
});

describe("Facturation — onglets", () => {
  it("moves between the tabs with the arrow keys and keeps the tab in the address", async () => {
    mockFetch({
      ...PARENT,
      ...ACCOUNT,
      ...ONLINE,
      "GET /api/v1/billing/invoices/": { body: page(UNPAID) },
      "GET /api/v1/billing/payments/": { body: page([makePayment()]) },
    });
    const { router } = renderApp("/facturation");
    const user = userEvent.setup();
    const first = await screen.findByRole("tab", { name: "Factures à payer" });
    first.focus();
    await user.keyboard("{ArrowRight}");
    const history = screen.getByRole("tab", { name: "Historique" });
    expect(history).toHaveFocus();
    expect(history).toHaveAttribute("aria-selected", "true");
    expect(currentPath(router)).toBe("/facturation?onglet=historique");
    expect(screen.getByRole("tabpanel", { name: "Historique" })).toBeInTheDocument();
    await user.keyboard("{End}");
    expect(screen.getByRole("tab", { name: "Mes règlements" })).toHaveFocus();
    expect(currentPath(router)).toBe("/facturation?onglet=reglements");
    await user.keyboard("{ArrowRight}");
    expect(first).toHaveFocus();
    expect(currentPath(router)).toBe("/facturation");
  });
});

describe("Facturation — historique", () => {
  it("lists invoices and credit notes with their state and PDF, filters them, and opens the detail", async () => {
    const creditNote = makeInvoice({
      id: 130,
      kind: "credit_note",
      kind_label: "Avoir",
      number: "A2026-000002",
      issue_date: "2026-02-15",
      due_date: null,
      total: "45.50",
      outstanding: "0.00",
      status: "issued",
      status_label: "Émis",
      refers_to: 120,
      refers_to_number: "F2026-000120",
    });
    const paid = makeInvoice({ id: 120, number: "F2026-000120", issue_date: "2026-01-01", outstanding: "0.00", settled_amount: "145.36", status: "paid", status_label: "Payée" });
    const calls = mockFetch({
      ...PARENT,
      ...ACCOUNT,
      "GET /api/v1/billing/invoices/": { body: page([creditNote, ...UNPAID, paid]) },
      "GET /api/v1/billing/invoices/?kind=credit_note": { body: page([creditNote]) },
      "GET /api/v1/billing/invoices/123/": { body: makeInvoiceDetail() },
    });
    const { container, router } = renderApp("/facturation?onglet=historique");
    const table = await screen.findByRole("table", { name: "Factures et avoirs : Tout" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toHaveTextContent("Avoir (sur facture F2026-000120)");
    expect(rows[0]).toHaveTextContent("Émis");
    expect(rows[3]).toHaveTextContent("Payée");
    expect(rows[1]).toHaveTextContent("À payer");
    expect(rows[2]).toHaveTextContent("Partiellement payée");
    expect(within(rows[0]).getByRole("link", { name: "PDF de l'avoir A2026-000002" })).toHaveAttribute("href", "/api/v1/billing/invoices/130/pdf/");
    expect(within(rows[1]).getByRole("link", { name: "PDF de la facture F2026-000123" })).toHaveAttribute("download");
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);

    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Avoirs" }));
    expect(screen.getByRole("button", { name: "Avoirs" })).toHaveAttribute("aria-pressed", "true");
    expect(await screen.findByRole("table", { name: "Factures et avoirs : Avoirs" })).toBeInTheDocument();
    expect(calls.map((c) => c.url)).toContain("/api/v1/billing/invoices/?kind=credit_note");
    await user.click(screen.getByRole("button", { name: "Tout" }));

    await user.click(within(await screen.findByRole("table", { name: "Factures et avoirs : Tout" })).getByRole("link", { name: "F2026-000123" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Facture F2026-000123" })).toBeInTheDocument();
    expect(currentPath(router)).toBe("/facturation/factures/123");
  });

  it("shows an invoice's lines grouped by child then activity, and what settled it", async () => {
    mockFetch({ ...PARENT, "GET /api/v1/billing/invoices/123/": { body: makeInvoiceDetail() } });
    const { container } = renderApp("/facturation/factures/123");
    expect(await screen.findByRole("heading", { level: 1, name: "Facture F2026-000123" })).toBeInTheDocument();
    const children = screen.getAllByRole("heading", { level: 3 }).map((h) => h.textContent);
    expect(children).toEqual(["Léa", "Tom"]);
    const leaMorning = screen.getByRole("table", { name: "Accueil du matin – Léa" });
    expect(within(leaMorning).getAllByRole("row")).toHaveLength(4); // head, 2 lines, subtotal
    expect(within(leaMorning).getByRole("row", { name: /Sous-total Accueil du matin/ })).toHaveTextContent(money(9));
    expect(screen.getByRole("table", { name: "Restauration scolaire – Léa" })).toHaveTextContent(money(3.8));
    expect(screen.getByRole("table", { name: "Restauration scolaire – Tom" })).toHaveTextContent("Tarif QF 2");
    expect(screen.getByText("Partiellement payée")).toBeInTheDocument();
    const received = screen.getByRole("region", { name: "Règlements reçus" });
    expect(received).toHaveTextContent(`10/02/2026 – Chèque R2026-000045 : ${money(45.36)}`);
    expect(screen.getByRole("link", { name: "Télécharger la facture (PDF)" })).toHaveAttribute("href", "/api/v1/billing/invoices/123/pdf/");
    expect(screen.getByRole("link", { name: "Payer mes factures" })).toHaveAttribute("href", "/facturation");
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});

describe("Facturation — relevé de compte", () => {
  it("shows the opening balance, each entry with its running balance and the closing balance, over a chosen period", async () => {
    const calls = mockFetch({
      ...PARENT,
      "GET /api/v1/billing/statement/": { body: STATEMENT },
      "GET /api/v1/billing/statement/?from=2026-01-01&to=2026-12-31": { body: { ...STATEMENT, entries: STATEMENT.entries.slice(0, 1), closing_balance: "155.36" } },
    });
    const { container } = renderApp("/facturation?onglet=releve");
    const table = await screen.findByRole("table", { name: "Relevé de compte depuis l'ouverture du compte" });
    const rows = within(table).getAllByRole("row").slice(1);
    const cells = (row: HTMLElement) => [...row.querySelectorAll("td, th")].map((c) => c.textContent?.replace(/\s/g, " "));
    expect(cells(rows[0])).toEqual(["", "Solde de début de période", "", "", money(10)]);
    expect(cells(rows[1])).toEqual(["01/02/2026", "Facture F2026-000123 — 01/01 au 31/01/2026", money(145.36), "", money(155.36)]);
    expect(cells(rows[2])).toEqual(["10/02/2026", "Règlement R2026-000045 (Chèque)", "", money(45.36), money(110)]);
    expect(cells(rows[3])).toEqual(["15/02/2026", "Avoir A2026-000002", "", money(45.5), money(64.5)]);
    expect(cells(rows[4])).toEqual(["", "Solde de fin de période", "", "", money(64.5)]);
    expect(within(rows[1]).getByRole("link", { name: /Facture F2026-000123/ })).toHaveAttribute("href", "/facturation/factures/123");
    expect(within(rows[2]).queryByRole("link")).not.toBeInTheDocument();
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);

    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Au"), "2026-12-31");
    await user.type(screen.getByLabelText("Du"), "2027-01-01");
    await user.click(screen.getByRole("button", { name: "Afficher" }));
    expect(screen.getByText("La date de début doit précéder la date de fin.")).toBeInTheDocument();
    await user.clear(screen.getByLabelText("Du"));
    await user.type(screen.getByLabelText("Du"), "2026-01-01");
    await user.click(screen.getByRole("button", { name: "Afficher" }));
    const filtered = await screen.findByRole("table", { name: "Relevé de compte du 01/01/2026 au 31/12/2026" });
    expect(within(filtered).getAllByRole("row")).toHaveLength(4);
    expect(filtered).toHaveTextContent(`Solde de fin de période${money(155.36)}`);
    expect(calls.map((c) => c.url)).toContain("/api/v1/billing/statement/?from=2026-01-01&to=2026-12-31");
  });
});

describe("Facturation — mes règlements", () => {
  it("lists the payments with the invoices they settled and their receipt", async () => {
    mockFetch({
      ...PARENT,
      "GET /api/v1/billing/payments/": {
        body: page([
          makePayment(),
          makePayment({ id: 10, number: "R2026-000050", method: "cash", method_label: "Espèces", reference: "", status: "cancelled", status_label: "Annulé", cancel_reason: "Erreur de saisie", invoices: [] }),
        ]),
      },
    });
    const { container } = renderApp("/facturation?onglet=reglements");
    const table = await screen.findByRole("table", { name: "Mes règlements" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows[0]).toHaveTextContent("R2026-000045");
    expect(rows[0]).toHaveTextContent("Chèque (0001234)");
    expect(rows[0]).toHaveTextContent(`F2026-000123 : ${money(45.36)}`);
    expect(within(rows[0]).getByRole("link", { name: "Reçu PDF du règlement R2026-000045" })).toHaveAttribute("href", "/api/v1/billing/payments/9/receipt/");
    expect(rows[1]).toHaveTextContent("Annulé");
    expect(rows[1]).toHaveTextContent("Erreur de saisie");
    expect(within(rows[1]).queryByRole("link", { name: /Reçu PDF/ })).not.toBeInTheDocument();
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});
