import { screen, waitFor, within } from "@testing-library/react";
import userEvent, { type UserEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { todayIso } from "../../../format/dates";
import { formatMoney } from "../../../format/money";
import { axeViolations, describeViolations } from "../../../test/axe";
import { mockFetch, renderApp, type MockResponse } from "../../../test/render";
import { makeFamilyFile, page, STAFF_SESSION } from "../staffFixtures";
import { BB, makeAccount, makeAttempt, makeBatch, makeMandate, makePayment, makePaymentSettings, makeStatement } from "./billingFixtures";

const money = (value: string) => formatMoney(value).replace(/\s/g, " ");
const alerts = () =>
  screen
    .getAllByRole("alert")
    .map((a) => a.textContent)
    .join(" ")
    .replace(/\s/g, " ");
const puts = (calls: ReturnType<typeof mockFetch>) => calls.filter((c) => c.method === "PUT");
const posts = (calls: ReturnType<typeof mockFetch>) => calls.filter((c) => c.method === "POST");

/** A date `days` after todayIso, as "YYYY-MM-DD". */
function inDays(days: number): string {
  const [y, m, d] = todayIso().split("-").map(Number);
  const date = new Date(y, m - 1, d + days);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
}

const ONLINE = {
  [`GET ${BB}/payment-settings/`]: { body: makePaymentSettings() },
  [`GET ${BB}/payment-attempts/`]: { body: page([makeAttempt()]) },
};

describe("online payment settings", () => {
  it("shows only the chosen provider's fields and puts the settings", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...ONLINE,
      [`PUT ${BB}/payment-settings/`]: (init) => {
        const body = JSON.parse(String(init.body));
        if (body.provider === "payfip") return { status: 400, body: { payfip_numcli: ["Le numéro client PayFiP a 6 chiffres."] } };
        return { body };
      },
    });
    renderApp("/gestion/facturation/paiement-en-ligne");
    const user = userEvent.setup();
    const demo = await screen.findByLabelText("Démonstration");
    expect(demo).toBeChecked();
    expect(demo).toHaveAccessibleDescription(/Aucun débit réel/);
    expect(screen.queryByText(/bientôt disponible/)).not.toBeInTheDocument();
    expect(screen.queryByLabelText(/Compte Stripe connecté/)).not.toBeInTheDocument();
    expect(screen.queryByLabelText(/Numéro de client PayFiP/)).not.toBeInTheDocument();

    await user.click(screen.getByLabelText("Stripe Connect (associations)"));
    const account = screen.getByLabelText(/Compte Stripe connecté/);
    expect(screen.queryByLabelText(/Numéro de client PayFiP/)).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Enregistrer le prestataire" }));
    expect(alerts()).toContain("de la forme « acct_… »");
    expect(account).toHaveAttribute("aria-invalid", "true");
    expect(puts(calls)).toHaveLength(0);

    await user.type(account, "acct_1Abc");
    await user.click(screen.getByLabelText("Paiement en ligne ouvert aux familles"));
    await user.click(screen.getByRole("button", { name: "Enregistrer le prestataire" }));
    expect(await screen.findByText(/les familles peuvent payer en ligne/)).toBeInTheDocument();
    expect(puts(calls)[0].body).toEqual({ provider: "stripe", enabled: true, stripe_account_id: "acct_1Abc", payfip_numcli: "", payfip_mode: "T" });

    await user.click(screen.getByLabelText("PayFiP (collectivités, DGFiP)"));
    expect(screen.queryByLabelText(/Compte Stripe connecté/)).not.toBeInTheDocument();
    await user.type(screen.getByLabelText(/Numéro de client PayFiP/), "123456");
    await user.selectOptions(screen.getByLabelText(/Mode PayFiP/), "W");
    await user.click(screen.getByRole("button", { name: "Enregistrer le prestataire" }));
    await waitFor(() => expect(alerts()).toContain("Le numéro client PayFiP a 6 chiffres."));
    expect(screen.getByLabelText(/Numéro de client PayFiP/)).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText(/Numéro de client PayFiP/)).toHaveAccessibleDescription(/Le numéro client PayFiP a 6 chiffres\./);
    expect(puts(calls)[1].body).toEqual({ provider: "payfip", enabled: true, stripe_account_id: "acct_1Abc", payfip_numcli: "123456", payfip_mode: "W" });
  });

  it("lists the payment attempts and filters them by status", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...ONLINE,
      [`GET ${BB}/payment-attempts/?status=failed`]: {
        body: page([makeAttempt({ id: 42, status: "failed", payment_number: "", payment_id: null, completed_at: null, last_error: "Carte refusée par la banque." })]),
      },
    });
    renderApp("/gestion/facturation/paiement-en-ligne");
    const user = userEvent.setup();
    const table = await screen.findByRole("table", { name: "Paiements tentés (1)" });
    expect(within(table).getByRole("link", { name: "Famille Martin" })).toHaveAttribute("href", "/gestion/familles/7/facturation");
    expect(within(table).getByRole("link", { name: "RE-2026-0008 (reçu PDF, nouvelle fenêtre)" })).toHaveAttribute("href", `${BB}/payments/32/receipt/`);
    expect(table).toHaveTextContent("Payé");
    expect(table).toHaveTextContent(money("60"));

    await user.selectOptions(screen.getByLabelText("État"), "failed");
    await user.click(screen.getByRole("button", { name: "Filtrer" }));
    expect(await screen.findByText("Carte refusée par la banque.")).toBeInTheDocument();
    expect(screen.getByRole("table", { name: "Paiements tentés (1)" })).toHaveTextContent("Refusé");
    expect(calls.some((c) => c.url === `${BB}/payment-attempts/?status=failed`)).toBe(true);
  });
});

describe("refunding an online payment", () => {
  it("asks for confirmation, shows the provider's refusal, then refunds", async () => {
    let tries = 0;
    const online = makePayment({ id: 32, number: "RE-2026-0008", method: "online", method_label: "Paiement en ligne", reference: "" });
    const calls = mockFetch({
      ...STAFF_SESSION,
      [`GET ${BB}/payments/`]: { body: page([online, makePayment()]) },
      [`POST ${BB}/payments/32/refund/`]: () => {
        tries += 1;
        return tries === 1
          ? { status: 400, body: { detail: ["Le remboursement n'est pas pris en charge par PayFiP : remboursez la famille par la régie."] } }
          : { body: { payment_id: 32, payment_number: "RE-2026-0008", status: "cancelled" } };
      },
    });
    renderApp("/gestion/facturation/reglements");
    const user = userEvent.setup();
    await screen.findByRole("table", { name: "Règlements (2)" });
    expect(screen.queryByRole("button", { name: "Rembourser le règlement RE-2026-0007" })).not.toBeInTheDocument();
    const open = screen.getByRole("button", { name: "Rembourser le règlement RE-2026-0008" });
    await user.click(open);
    const dialog = screen.getByRole("alertdialog", { name: "Rembourser le paiement en ligne ?" });
    expect(within(dialog).getByRole("button", { name: "Annuler" })).toHaveFocus();
    expect(dialog).toHaveTextContent(money("100"));

    await user.click(within(dialog).getByRole("button", { name: "Rembourser" }));
    await waitFor(() => expect(within(dialog).getByRole("alert")).toHaveTextContent("n'est pas pris en charge par PayFiP"));
    await user.click(within(dialog).getByRole("button", { name: "Rembourser" }));
    expect(await screen.findByText(/Le règlement RE-2026-0008 est remboursé à la famille et annulé/)).toBeInTheDocument();
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(posts(calls).map((c) => c.url)).toEqual([`${BB}/payments/32/refund/`, `${BB}/payments/32/refund/`]);
    expect(posts(calls)[0].body).toBeUndefined();
  });
});

describe("SEPA direct debit batches", () => {
  it("creates a batch, shows the creditor error with a link to the settings, then the new batch", async () => {
    const collection = inDays(10);
    const dueUntil = inDays(5);
    let created = false;
    const calls = mockFetch({
      ...STAFF_SESSION,
      [`GET ${BB}/sepa/batches/`]: () => ({ body: page(created ? [makeBatch({ collection_date: collection })] : []) }),
      [`POST ${BB}/sepa/batches/`]: () => {
        if (posts(calls).length === 1)
          return { status: 400, body: { detail: ["Le créancier SEPA n'est pas configuré (réglages de facturation) : IBAN, BIC."] } };
        created = true;
        return { status: 201, body: makeBatch({ collection_date: collection }) };
      },
    });
    renderApp("/gestion/facturation/prelevements");
    const user = userEvent.setup();
    expect(await screen.findByText("Aucun lot de prélèvement pour l'instant.")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Prélèvements SEPA", current: "page" })).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Générer le lot de prélèvement" }));
    expect(alerts()).toContain("Indiquez la date de prélèvement.");
    expect(posts(calls)).toHaveLength(0);

    await user.type(screen.getByLabelText("Date de prélèvement"), collection);
    await user.type(screen.getByLabelText("Factures échues jusqu'au"), dueUntil);
    await user.click(screen.getByRole("button", { name: "Générer le lot de prélèvement" }));
    await waitFor(() => expect(alerts()).toContain("Le créancier SEPA n'est pas configuré (réglages de facturation) : IBAN, BIC."));
    const notice = screen.getByText(/Complétez le créancier SEPA/);
    expect(within(notice).getByRole("link", { name: "Configuration › Facturation" })).toHaveAttribute("href", "/gestion/configuration/facturation");
    expect(posts(calls)[0].body).toEqual({ collection_date: collection, due_until: dueUntil });

    await user.click(screen.getByRole("button", { name: "Générer le lot de prélèvement" }));
    expect(await screen.findByText(/est généré : 4 prélèvements pour/)).toBeInTheDocument();
    expect(screen.queryByText(/Complétez le créancier SEPA/)).not.toBeInTheDocument();
    const table = await screen.findByRole("table", { name: "Lots de prélèvement (1)" });
    expect(within(table).getByRole("link", { name: "Fichier XML du lot MARELLE-20260401-3" })).toHaveAttribute("href", `${BB}/sepa/batches/3/xml/`);
    expect(table).toHaveTextContent(money("230.40"));
  });

  it("confirms the collection of a generated batch", async () => {
    let collected = false;
    const calls = mockFetch({
      ...STAFF_SESSION,
      [`GET ${BB}/sepa/batches/`]: () => ({
        body: page([
          collected ? makeBatch({ status: "collected", status_label: "Encaissé" }) : makeBatch(),
          makeBatch({ id: 2, message_id: "MARELLE-20260301-2", status: "collected", status_label: "Encaissé" }),
        ]),
      }),
      [`POST ${BB}/sepa/batches/3/confirm/`]: () => {
        collected = true;
        return { body: makeBatch({ status: "collected", status_label: "Encaissé" }) };
      },
    });
    renderApp("/gestion/facturation/prelevements");
    const user = userEvent.setup();
    await screen.findByRole("table", { name: "Lots de prélèvement (2)" });
    expect(screen.queryByRole("button", { name: "Confirmer l'encaissement du lot MARELLE-20260301-2" })).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Confirmer l'encaissement du lot MARELLE-20260401-3" }));
    const dialog = screen.getByRole("alertdialog", { name: "Confirmer l'encaissement ?" });
    expect(dialog).toHaveTextContent(`4 prélèvements, ${money("230.40")}`);
    await user.click(within(dialog).getByRole("button", { name: "Confirmer l'encaissement" }));
    expect(await screen.findByText("L'encaissement du lot MARELLE-20260401-3 est confirmé : 4 règlements « Prélèvement » sont enregistrés.")).toBeInTheDocument();
    expect(posts(calls).map((c) => c.url)).toEqual([`${BB}/sepa/batches/3/confirm/`]);
    await waitFor(() => expect(screen.queryByRole("button", { name: /Confirmer l'encaissement du lot/ })).not.toBeInTheDocument());
  });
});

const FAMILY = {
  "GET /api/v1/staff/families/7/": { body: makeFamilyFile() },
  [`GET ${BB}/families/7/account/`]: { body: makeAccount() },
  [`GET ${BB}/families/7/statement/`]: { body: makeStatement() },
};

describe("a family's direct debit mandate", () => {
  it("shows the mandate and saves a change", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...FAMILY,
      [`GET ${BB}/mandates/7/`]: { body: makeMandate() },
      [`PUT ${BB}/mandates/7/`]: (init) => ({ body: { ...JSON.parse(String(init.body)), first_collected: false } }),
    });
    renderApp("/gestion/familles/7/facturation");
    const user = userEvent.setup();
    const mandate = await screen.findByLabelText("Mandat de prélèvement");
    expect(mandate).toHaveTextContent("RUM-1042");
    expect(within(mandate).getByText("Déjà prélevé").nextElementSibling).toHaveTextContent("oui");
    // PDF links of the unpaid invoices and of the receipts in the statement.
    expect(screen.getByRole("link", { name: "PDF de la facture FA-2026-0001 (nouvelle fenêtre)" })).toHaveAttribute("href", `${BB}/invoices/501/pdf/`);
    expect(await screen.findByRole("link", { name: "RE-2026-0002 (reçu PDF, nouvelle fenêtre)" })).toHaveAttribute("href", `${BB}/payments/30/receipt/`);

    await user.click(screen.getByRole("button", { name: "Modifier le mandat de la famille Martin" }));
    const reference = screen.getByLabelText("Référence unique du mandat (RUM)");
    expect(reference).toHaveValue("RUM-1042");
    expect(screen.getByText("Déjà prélevé : oui")).toBeInTheDocument();
    await user.clear(reference);
    await user.type(reference, "RUM-1042-B");
    expect(screen.getByText(/Une nouvelle référence est un nouveau mandat/)).toBeInTheDocument();
    await user.click(screen.getByLabelText("Mandat actif"));
    await user.click(screen.getByRole("button", { name: "Enregistrer le mandat" }));
    expect(await screen.findByText("Le mandat de prélèvement est enregistré.")).toBeInTheDocument();
    expect(puts(calls)[0].body).toEqual({ reference: "RUM-1042-B", signed_on: "2025-09-01", active: false });
    const saved = screen.getByLabelText("Mandat de prélèvement");
    expect(saved).toHaveTextContent("RUM-1042-B");
    expect(within(saved).getByText("Actif").nextElementSibling).toHaveTextContent("non");
    await waitFor(() => expect(screen.getByRole("button", { name: "Modifier le mandat de la famille Martin" })).toHaveFocus());
  });

  it("says when there is no mandate and records one, with the server's refusal", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...FAMILY,
      [`GET ${BB}/mandates/7/`]: { status: 404, body: { detail: "Pas trouvé." } },
      [`PUT ${BB}/mandates/7/`]: { status: 400, body: { detail: ["Cette référence de mandat est déjà utilisée."] } },
    });
    renderApp("/gestion/familles/7/facturation");
    const user = userEvent.setup();
    expect(await screen.findByText("Aucun mandat : la famille n'est pas prélevée.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Enregistrer un mandat de la famille Martin" }));
    await user.click(screen.getByRole("button", { name: "Enregistrer le mandat" }));
    expect(alerts()).toContain("Indiquez la référence unique du mandat (RUM).");
    expect(alerts()).toContain("Indiquez la date de signature du mandat.");
    await user.type(screen.getByLabelText("Référence unique du mandat (RUM)"), "RUM-9");
    await user.type(screen.getByLabelText("Signé le"), "2026-01-15");
    expect(screen.getByLabelText("Mandat actif")).toBeChecked();
    await user.click(screen.getByRole("button", { name: "Enregistrer le mandat" }));
    await waitFor(() => expect(alerts()).toContain("Cette référence de mandat est déjà utilisée."));
    expect(puts(calls)[0].body).toEqual({ reference: "RUM-9", signed_on: "2026-01-15", active: true });
  });
});

describe("exports", () => {
  it("links to the CSV exports of the period", async () => {
    mockFetch({ ...STAFF_SESSION });
    renderApp("/gestion/facturation/exports");
    const user = userEvent.setup();
    const from = await screen.findByLabelText("Du");
    await user.clear(from);
    await user.type(from, "2026-01-01");
    await user.type(screen.getByLabelText("Au"), "2026-03-31");
    for (const name of ["invoices", "credit-notes", "payments"]) {
      expect(screen.getAllByRole("link").some((a) => a.getAttribute("href") === `${BB}/exports/${name}.csv?from=2026-01-01&to=2026-03-31`)).toBe(true);
    }
  });
});

type Step = (user: UserEvent) => Promise<void>;

const SCREENS: Array<[string, string, Record<string, MockResponse>, Step?]> = [
  [
    "online payment with the PayFiP fields and a server error",
    "/gestion/facturation/paiement-en-ligne",
    {
      ...ONLINE,
      [`GET ${BB}/payment-settings/`]: { body: makePaymentSettings({ provider: "payfip", payfip_numcli: "123456" }) },
      [`PUT ${BB}/payment-settings/`]: { status: 400, body: { payfip_numcli: ["Le numéro client PayFiP a 6 chiffres."] } },
    },
    async (user) => {
      await user.click(await screen.findByRole("button", { name: "Enregistrer le prestataire" }));
      await waitFor(() => expect(alerts()).toContain("6 chiffres"));
    },
  ],
  [
    "SEPA batches with the creditor error",
    "/gestion/facturation/prelevements",
    {
      [`GET ${BB}/sepa/batches/`]: { body: page([makeBatch(), makeBatch({ id: 2, status: "collected", status_label: "Encaissé" })]) },
      [`POST ${BB}/sepa/batches/`]: { status: 400, body: { detail: ["Le créancier SEPA n'est pas configuré (réglages de facturation) : IBAN."] } },
    },
    async (user) => {
      await user.type(await screen.findByLabelText("Date de prélèvement"), inDays(10));
      await user.click(screen.getByRole("button", { name: "Générer le lot de prélèvement" }));
      await screen.findByText(/Complétez le créancier SEPA/);
    },
  ],
  [
    "SEPA confirmation dialog",
    "/gestion/facturation/prelevements",
    { [`GET ${BB}/sepa/batches/`]: { body: page([makeBatch()]) } },
    async (user) => {
      await user.click(await screen.findByRole("button", { name: /Confirmer l'encaissement du lot/ }));
    },
  ],
  [
    "refund dialog",
    "/gestion/facturation/reglements",
    { [`GET ${BB}/payments/`]: { body: page([makePayment({ method: "online", method_label: "Paiement en ligne" })]) } },
    async (user) => {
      await user.click(await screen.findByRole("button", { name: /^Rembourser/ }));
    },
  ],
  [
    "family mandate form",
    "/gestion/familles/7/facturation",
    { ...FAMILY, [`GET ${BB}/mandates/7/`]: { body: makeMandate() } },
    async (user) => {
      await user.click(await screen.findByRole("button", { name: /Modifier le mandat/ }));
      await screen.findByRole("table", { name: "Mouvements (3)" });
    },
  ],
];

describe("online payment, SEPA and mandate screens accessibility (axe)", () => {
  it.each(SCREENS)("%s has no axe violation", async (_, path, handlers, step) => {
    mockFetch({ ...STAFF_SESSION, ...handlers });
    const { container } = renderApp(path);
    await screen.findByRole("heading", { level: 1 });
    if (step) await step(userEvent.setup());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const violations = await axeViolations(document.body.contains(container) ? document.body : container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});
