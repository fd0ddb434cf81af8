import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { attemptPolling } from "../../../api/billing";
import { axeViolations, describeViolations } from "../../../test/axe";
import { currentPath, mockFetch, renderApp } from "../../../test/render";
import { makeAccount, makeAttempt, PARENT, PROVIDER } from "./billingFixtures";
import { NOT_DEBITED, WAITING_MESSAGE } from "./PaymentResultPage";

const ATTEMPT_URL = "GET /api/v1/billing/payments/attempts/77/";
const saved = { ...attemptPolling };

beforeEach(() => {
  attemptPolling.intervalMs = 20;
});

afterEach(() => {
  Object.assign(attemptPolling, saved);
});

describe("Résultat du paiement", () => {
  it("waits while the payment is pending, then shows it accepted with the receipt and the invoices paid", async () => {
    let asked = 0;
    const calls = mockFetch({
      ...PARENT,
      [ATTEMPT_URL]: () => {
        asked += 1;
        return {
          body:
            asked < 3
              ? makeAttempt()
              : makeAttempt({
                  status: "succeeded",
                  payment_number: "R2026-000051",
                  message: "Paiement reçu, merci. Un reçu vous a été envoyé par e-mail.",
                }),
        };
      },
    });
    const { container } = renderApp("/facturation/paiement/77");
    expect(await screen.findByText(WAITING_MESSAGE)).toBeInTheDocument();
    expect(screen.getByText(WAITING_MESSAGE).closest("[role=status]")).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1, name: "Paiement en cours de confirmation" })).toBeInTheDocument();
    const pendingViolations = await axeViolations(container);
    expect(pendingViolations, describeViolations(pendingViolations)).toEqual([]);

    const title = await screen.findByRole("heading", { level: 1, name: "Paiement accepté" });
    await waitFor(() => expect(title).toHaveFocus());
    expect(screen.queryByText(WAITING_MESSAGE)).not.toBeInTheDocument();
    expect(screen.getByText(/Paiement reçu, merci/).closest("[role=status]")).toBeInTheDocument();
    expect(screen.getByText("R2026-000051")).toBeInTheDocument();
    const paid = screen.getByRole("table", { name: "Factures payées" });
    expect(within(paid).getByRole("link", { name: "F2026-000123" })).toHaveAttribute("href", "/facturation/factures/123");
    expect(within(paid).getByRole("link", { name: "F2026-000124" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Voir mon relevé de compte" })).toHaveAttribute("href", "/facturation?onglet=releve");
    expect(screen.getByRole("link", { name: "Mes règlements et reçus" })).toHaveAttribute("href", "/facturation?onglet=reglements");
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);

    // Polling stops once the outcome is known.
    const count = calls.filter((c) => c.url === "/api/v1/billing/payments/attempts/77/").length;
    expect(count).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(calls.filter((c) => c.url === "/api/v1/billing/payments/attempts/77/")).toHaveLength(count);
  });

  it.each([
    ["failed", "Paiement refusé", "Le paiement a été refusé par la banque ou le prestataire de paiement."],
    ["cancelled", "Paiement abandonné", "Vous avez abandonné le paiement avant de le valider."],
    ["expired", "Paiement expiré", "Le délai pour effectuer le paiement est dépassé."],
  ] as const)("says that nothing was debited when the payment is %s, and offers to try again", async (status, title, reason) => {
    mockFetch({
      ...PARENT,
      [ATTEMPT_URL]: { body: makeAttempt({ status, message: "…" }) },
      "GET /api/v1/billing/account/": { body: makeAccount() },
      "GET /api/v1/billing/payments/provider/": { body: PROVIDER },
    });
    const { container, router } = renderApp("/facturation/paiement/77");
    expect(await screen.findByRole("heading", { level: 1, name: title })).toBeInTheDocument();
    expect(screen.getByText(reason)).toBeInTheDocument();
    expect(screen.getByText(NOT_DEBITED).closest("[role=status]")).toBeInTheDocument();
    expect(screen.getByRole("table", { name: "Factures concernées" })).toHaveTextContent("F2026-000123");
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);

    await userEvent.setup().click(screen.getByRole("link", { name: "Réessayer" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Facturation" })).toBeInTheDocument();
    expect(currentPath(router)).toBe("/facturation");
    expect(await screen.findByRole("checkbox", { name: "Sélectionner la facture F2026-000123" })).toBeChecked();
  });

  it("offers to check again when the confirmation takes too long", async () => {
    attemptPolling.maxPolls = 2;
    const calls = mockFetch({ ...PARENT, [ATTEMPT_URL]: { body: makeAttempt() } });
    renderApp("/facturation/paiement/77");
    const again = await screen.findByRole("button", { name: "Vérifier à nouveau" });
    expect(screen.getByText(WAITING_MESSAGE)).toBeInTheDocument();
    const before = calls.filter((c) => c.url === "/api/v1/billing/payments/attempts/77/").length;
    expect(before).toBe(2);
    await userEvent.setup().click(again);
    await waitFor(() => expect(calls.filter((c) => c.url === "/api/v1/billing/payments/attempts/77/")).toHaveLength(3));
  });

  it("shows an error for an unknown payment", async () => {
    mockFetch({ ...PARENT });
    renderApp("/facturation/paiement/77");
    expect(await screen.findByText("Cette page n'existe pas ou n'est plus disponible.")).toBeInTheDocument();
  });
});
