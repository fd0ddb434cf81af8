import { screen, waitFor, within } from "@testing-library/react";
import userEvent, { type UserEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { todayIso } from "../../../format/dates";
import { formatMoney } from "../../../format/money";
import { axeViolations, describeViolations } from "../../../test/axe";
import { mockFetch, renderApp, type MockResponse } from "../../../test/render";
import { ACTIVITIES } from "../booking/bookingFixtures";
import { makeFamilyFile, makeSummary, page, STAFF_SESSION } from "../staffFixtures";
import { BB, makeAccount, makeAttempt, makeBatch, makeInvoiceDetail, makePayment, makePaymentSettings, makeRun, makeRunFamily, makeStaffInvoice, makeStatement } from "./billingFixtures";

const money = (value: string) => formatMoney(value).replace(/\s/g, " ");
const alerts = () => screen.getAllByRole("alert").map((a) => a.textContent).join(" ").replace(/\s/g, " ");

const FAMILY = {
  "GET /api/v1/staff/families/7/": { body: makeFamilyFile() },
  [`GET ${BB}/families/7/account/`]: { body: makeAccount() },
};

describe("recording a payment", () => {
  it("finds the family, allocates by hand, posts the right body and shows the receipt number", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...FAMILY,
      "GET /api/v1/staff/families/?q=Martin": { body: page([makeSummary()]) },
      [`POST ${BB}/payments/`]: { status: 201, body: makePayment({ invoices: [{ id: 501, number: "FA-2026-0001", amount: "60.00" }, { id: 502, number: "FA-2026-0014", amount: "40.00" }] }) },
    });
    renderApp("/gestion/facturation/reglements/nouveau");
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Rechercher une famille"), "Martin");
    await user.click(screen.getByRole("button", { name: "Rechercher" }));
    await user.click(await screen.findByRole("button", { name: "Choisir la famille Martin (n° 1042)" }));

    expect(await screen.findByRole("table", { name: "Factures à payer (2)" })).toBeInTheDocument();
    await user.type(screen.getByLabelText("Montant reçu (€)"), "100");
    await user.type(screen.getByLabelText(/^Référence/), "1234567");
    await user.click(screen.getByLabelText("Manuelle"));
    await user.type(screen.getByLabelText("Montant affecté à la facture FA-2026-0001"), "70");
    await user.type(screen.getByLabelText("Montant affecté à la facture FA-2026-0014"), "40");
    await user.click(screen.getByRole("button", { name: "Enregistrer le règlement" }));
    expect(alerts()).toContain(`Facture FA-2026-0001 : le reste dû n'est que de ${money("60")}.`);
    expect(alerts()).toContain("dépassent le montant reçu");
    expect(calls.some((c) => c.method === "POST")).toBe(false);

    await user.clear(screen.getByLabelText("Montant affecté à la facture FA-2026-0001"));
    await user.type(screen.getByLabelText("Montant affecté à la facture FA-2026-0001"), "60");
    expect(screen.getByText(`Affecté : ${money("100")} sur ${money("100")} reçus`)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Enregistrer le règlement" }));

    expect(await screen.findByRole("heading", { name: "Règlement enregistré" })).toHaveFocus();
    expect(screen.getByText("RE-2026-0007")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: /Télécharger le reçu \(PDF\)/ })).toHaveAttribute("href", `${BB}/payments/31/receipt/`);
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({
      family: 7,
      method: "cheque",
      amount: "100.00",
      received_on: todayIso(),
      reference: "1234567",
      payer: "",
      notes: "",
      allocation: "manual",
      allocations: [
        { invoice: 501, amount: "60.00" },
        { invoice: 502, amount: "40.00" },
      ],
    });
  });

  it("is pre-filled with the family and shows the server's refusal", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...FAMILY,
      [`POST ${BB}/payments/`]: { status: 400, body: { detail: "Ce règlement dépasse ce que la famille doit." } },
    });
    renderApp("/gestion/facturation/reglements/nouveau?famille=7");
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Montant reçu (€)"), "12,5");
    await user.selectOptions(screen.getByLabelText("Mode de règlement"), "cesu");
    await user.click(screen.getByRole("button", { name: "Enregistrer le règlement" }));
    await waitFor(() => expect(alerts()).toContain("Ce règlement dépasse ce que la famille doit."));
    expect(calls.find((c) => c.method === "POST")!.body).toMatchObject({ family: 7, method: "cesu", amount: "12.50", allocation: "auto", allocations: [] });
  });

  it("cancels a payment with a reason", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      [`GET ${BB}/payments/`]: { body: page([makePayment()]) },
      [`POST ${BB}/payments/31/cancel/`]: { body: makePayment({ status: "cancelled", status_label: "Annulé" }) },
    });
    renderApp("/gestion/facturation/reglements");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Annuler (chèque impayé, erreur…) le règlement RE-2026-0007" }));
    await user.click(screen.getByRole("button", { name: "Confirmer l'annulation" }));
    expect(alerts()).toContain("Indiquez le motif de l'annulation.");
    await user.type(screen.getByLabelText("Motif de l'annulation"), "Chèque impayé");
    await user.click(screen.getByRole("button", { name: "Confirmer l'annulation" }));
    expect(await screen.findByText(/Le règlement RE-2026-0007 est annulé/)).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ reason: "Chèque impayé" });
  });
});

describe("invoices and credit notes", () => {
  it("lists the documents with filters in the URL", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      [`GET ${BB}/invoices/?run=12`]: { body: page([makeStaffInvoice()]) },
      [`GET ${BB}/invoices/?kind=credit_note&run=12`]: { body: page([]) },
    });
    renderApp("/gestion/facturation/factures?facturation=12");
    const user = userEvent.setup();
    const table = await screen.findByRole("table", { name: "Factures et avoirs (1)" });
    expect(within(table).getByRole("link", { name: "Facture FA-2026-0001" })).toHaveAttribute("href", "/gestion/facturation/factures/501");
    await user.selectOptions(screen.getByLabelText("Type"), "credit_note");
    await user.click(screen.getByRole("button", { name: "Filtrer" }));
    expect(await screen.findByText("Aucune facture ni aucun avoir ne correspond à ces critères.")).toBeInTheDocument();
    expect(calls.some((c) => c.url === `${BB}/invoices/?kind=credit_note&run=12`)).toBe(true);
  });

  it("issues a credit note with a reason and an amount (or all that is left)", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      [`GET ${BB}/invoices/501/`]: { body: makeInvoiceDetail() },
      [`POST ${BB}/invoices/501/credit-note/`]: {
        status: 201,
        body: makeInvoiceDetail({ id: 600, kind: "credit_note", kind_label: "Avoir", number: "AV-2026-0001", total: "25.50", refers_to: 501 }),
      },
    });
    renderApp("/gestion/facturation/factures/501");
    const user = userEvent.setup();
    expect(await screen.findByRole("heading", { level: 1, name: "Facture FA-2026-0001" })).toBeInTheDocument();
    expect(screen.getByText(/Une facture émise n'est jamais modifiée/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: /Télécharger le PDF/ })).toHaveAttribute("href", `${BB}/invoices/501/pdf/`);
    await user.type(screen.getByLabelText("Montant (€)"), "99");
    await user.click(screen.getByRole("button", { name: "Émettre l'avoir" }));
    expect(alerts()).toContain("Indiquez le motif de l'avoir.");
    expect(alerts()).toContain(`L'avoir ne peut dépasser ${money("80")}.`);
    await user.type(screen.getByLabelText("Motif de l'avoir"), "Erreur de tarif");
    await user.clear(screen.getByLabelText("Montant (€)"));
    await user.type(screen.getByLabelText("Montant (€)"), "25,50");
    await user.click(screen.getByRole("button", { name: "Émettre l'avoir" }));
    expect(await screen.findByText(`L'avoir AV-2026-0001 de ${money("25.50")} est émis.`)).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ reason: "Erreur de tarif", amount: "25.50" });

    await user.type(screen.getByLabelText("Motif de l'avoir"), "Annulation");
    await user.click(screen.getByRole("button", { name: "Émettre l'avoir" }));
    await waitFor(() => expect(calls.filter((c) => c.method === "POST")).toHaveLength(2));
    expect(calls.filter((c) => c.method === "POST")[1].body).toEqual({ reason: "Annulation", amount: null });
  });
});

describe("a family's account in the family file", () => {
  it("shows the balance, the unpaid invoices, the statement and a pre-filled payment link", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...FAMILY,
      [`GET ${BB}/families/7/statement/`]: { body: makeStatement() },
      [`GET ${BB}/families/7/statement/?from=2026-03-01&to=2026-03-31`]: { body: makeStatement({ opening_balance: "60.00", entries: [] }) },
    });
    renderApp("/gestion/familles/7/facturation");
    const user = userEvent.setup();
    expect(await screen.findByRole("table", { name: "Factures à payer (2)" })).toBeInTheDocument();
    expect(within(screen.getByLabelText("Compte de la famille")).getByText("Solde").nextElementSibling).toHaveTextContent(money("105"));
    expect(screen.getByRole("link", { name: "Enregistrer un règlement de la famille Martin" })).toHaveAttribute("href", "/gestion/facturation/reglements/nouveau?famille=7");
    const statement = await screen.findByRole("table", { name: "Mouvements (3)" });
    expect(within(statement).getAllByRole("row")[2]).toHaveTextContent(`RE-2026-0002${money("20")}${money("60")}`);
    expect(within(statement).getByRole("link", { name: "FA-2026-0014" })).toHaveAttribute("href", "/gestion/facturation/factures/502");
    expect(within(screen.getByRole("navigation", { name: "Sections du dossier" })).getByRole("link", { name: "Facturation" })).toHaveAttribute("aria-current", "page");
    await waitFor(() => expect(document.title).toMatch(/^Facturation — Famille Martin/));

    await user.type(screen.getByLabelText("Du"), "2026-03-01");
    await user.type(screen.getByLabelText("Au"), "2026-03-31");
    await user.click(screen.getByRole("button", { name: "Afficher" }));
    expect(await screen.findByText("Aucun mouvement sur cette période.")).toBeInTheDocument();
    expect(calls.some((c) => c.url === `${BB}/families/7/statement/?from=2026-03-01&to=2026-03-31`)).toBe(true);
  });
});

describe("billing settings (configuration)", () => {
  const SETTINGS = {
    [`GET ${BB}/settings/`]: { body: { issuer_address: "Mairie", issuer_email: "", issuer_phone: "", siret: "", legal_mentions: "", payment_instructions: "", payment_terms_days: 30, sepa_creditor_name: "", sepa_creditor_id: "", sepa_iban: "", sepa_bic: "" } },
    [`GET ${BB}/series/`]: { body: { id: 1, name: "Principale", invoice_prefix: "FA-{annee}-", credit_note_prefix: "AV-{annee}-", receipt_prefix: "RE-{annee}-", digits: 4, is_default: true } },
  };

  it("saves the settings and shows why a prefix cannot change any more", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...SETTINGS,
      [`PUT ${BB}/settings/`]: (init) => ({ body: JSON.parse(String(init.body)) }),
      [`PUT ${BB}/series/`]: { status: 400, body: { invoice_prefix: ["Des factures ont déjà été numérotées : ce préfixe ne peut plus changer."] } },
    });
    renderApp("/gestion/configuration/facturation");
    const user = userEvent.setup();
    const days = await screen.findByLabelText("Délai de paiement (jours)");
    await user.clear(days);
    await user.type(days, "45");
    await user.click(screen.getByRole("button", { name: "Enregistrer les réglages de facturation" }));
    expect(await screen.findByText("Les réglages de facturation sont enregistrés.")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "PUT")!.body).toMatchObject({ issuer_address: "Mairie", payment_terms_days: 45 });

    const prefix = screen.getByLabelText("Préfixe des factures");
    await user.clear(prefix);
    await user.type(prefix, "F{annee}-");
    await user.click(screen.getByRole("button", { name: "Enregistrer la numérotation" }));
    await waitFor(() => expect(alerts()).toContain("Des factures ont déjà été numérotées : ce préfixe ne peut plus changer."));
    expect(prefix).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("link", { name: "Facturation", current: "page" })).toBeInTheDocument();
  });
});

type Step = (user: UserEvent) => Promise<void>;

const SCREENS: Array<[string, string, string, Record<string, MockResponse>, Step?]> = [
  ["runs", "/gestion/facturation", "Facturation", { ...ACTIVITIES, [`GET ${BB}/runs/`]: { body: page([makeRun(), makeRun({ id: 13, status: "computing", status_label: "Calcul en cours" })]) } }],
  [
    "run review with lines and the confirmation",
    "/gestion/facturation/runs/12",
    "Mars 2026",
    {
      [`GET ${BB}/runs/12/`]: { body: makeRun() },
      [`GET ${BB}/runs/12/families/`]: { body: page([makeRunFamily({ id: 102, family_name: "Petit", error: "Quotient manquant" }), makeRunFamily()]) },
      [`GET ${BB}/runs/12/families/101/lines/`]: { body: [] },
      [`GET ${BB}/rules/`]: { body: [{ state: "present", label: "Présent", billed: true }] },
    },
    async (user) => {
      await user.click(await screen.findByRole("button", { name: "Voir les lignes de la famille Martin" }));
      await screen.findByText("Aucune ligne pour cette famille.");
      await user.click(screen.getByRole("button", { name: "Émettre…" }));
      await user.click(screen.getByRole("button", { name: "Émettre les factures" }));
    },
  ],
  ["computing run", "/gestion/facturation/runs/12", "Mars 2026", { [`GET ${BB}/runs/12/`]: { body: makeRun({ status: "failed", status_label: "Échec du calcul", failure: "Tarif introuvable." }) } }],
  ["invoices", "/gestion/facturation/factures", "Facturation", { [`GET ${BB}/invoices/`]: { body: page([makeStaffInvoice()]) } }],
  ["invoice with the credit note form", "/gestion/facturation/factures/501", "Facture FA-2026-0001", { [`GET ${BB}/invoices/501/`]: { body: makeInvoiceDetail() } }],
  [
    "payments with the cancel form",
    "/gestion/facturation/reglements",
    "Facturation",
    { [`GET ${BB}/payments/`]: { body: page([makePayment()]) } },
    async (user) => {
      await user.click(await screen.findByRole("button", { name: /Annuler \(chèque impayé/ }));
    },
  ],
  [
    "new payment with manual allocation",
    "/gestion/facturation/reglements/nouveau?famille=7",
    "Enregistrer un règlement",
    FAMILY,
    async (user) => {
      await user.click(await screen.findByLabelText("Manuelle"));
    },
  ],
  ["exports", "/gestion/facturation/exports", "Facturation", {}],
  [
    "online payment",
    "/gestion/facturation/paiement-en-ligne",
    "Facturation",
    { [`GET ${BB}/payment-settings/`]: { body: makePaymentSettings({ provider: "stripe", stripe_account_id: "acct_1Abc" }) }, [`GET ${BB}/payment-attempts/`]: { body: page([makeAttempt()]) } },
    async () => void (await screen.findByRole("table", { name: "Paiements tentés (1)" })),
  ],
  ["SEPA batches", "/gestion/facturation/prelevements", "Facturation", { [`GET ${BB}/sepa/batches/`]: { body: page([makeBatch()]) } }, async () => void (await screen.findByRole("table", { name: "Lots de prélèvement (1)" }))],
  ["family account", "/gestion/familles/7/facturation", "Famille Martin", { ...FAMILY, [`GET ${BB}/families/7/statement/`]: { body: makeStatement() } }, async () => void (await screen.findByRole("table", { name: "Mouvements (3)" }))],
];

describe("billing back office accessibility (axe)", () => {
  it.each(SCREENS)("%s has no axe violation", async (_, path, heading, handlers, step) => {
    mockFetch({ ...STAFF_SESSION, ...handlers });
    const { container } = renderApp(path);
    await screen.findByRole("heading", { level: 1, name: heading });
    if (step) await step(userEvent.setup());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const violations = await axeViolations(document.body.contains(container) ? document.body : container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});
