import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { formatMoney } from "../../../format/money";
import { axeViolations, describeViolations } from "../../../test/axe";
import { currentPath, mockFetch, renderApp } from "../../../test/render";
import { makeCart, makeLine, makePlanning, PARENT } from "./bookingFixtures";
import { CART_INTRO } from "./CartPage";

const money = (value: number) => formatMoney(value).replace(/\s/g, " ");

const LINES = [
  makeLine(),
  makeLine({ id: 2, opening: 1007, date: "2027-01-07", action: "cancel" }),
  makeLine({ id: 3, opening: 1013, date: "2027-01-13", full: true }),
  makeLine({ id: 4, opening: 1005, date: "2027-01-05", ok: false, code: "deadline_passed", reason: "Délai dépassé le 04/01 à 9h30" }),
];
const CART = makeCart(LINES, "4.50");

describe("Validation des modifications", () => {
  it("lists the changes with their cost and total, and clears them with Tout supprimer", async () => {
    const calls = mockFetch({
      ...PARENT,
      "GET /api/v1/booking/cart/": { body: CART },
      "DELETE /api/v1/booking/cart/?line=4": { body: makeCart(LINES.slice(0, 3), "4.50") },
      "DELETE /api/v1/booking/cart/": { body: makeCart() },
    });
    const { container } = renderApp("/panier");
    expect(await screen.findByText(CART_INTRO)).toBeInTheDocument();
    const table = screen.getByRole("table", { name: "Modifications en attente" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toHaveTextContent("lundi 11 janvier");
    expect(rows[0]).toHaveTextContent("Accueil du matin 2026/2027 – Matin");
    expect(rows[0]).toHaveTextContent("Réservation");
    expect(rows[0]).toHaveTextContent("Tarif QF 2");
    expect(rows[0]).toHaveTextContent(money(4.5));
    expect(rows[1]).toHaveTextContent("Annulation");
    expect(rows[1]).toHaveTextContent(money(-4.5));
    expect(rows[2]).toHaveTextContent("(complet : liste d'attente)");
    expect(rows[3]).toHaveTextContent("Impossible : Délai dépassé le 04/01 à 9h30");
    expect(screen.getByText(`4 modifications : ${money(4.5)}`)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Retour" })).toHaveAttribute("href", "/planning");
    expect(screen.getByRole("button", { name: "Terminer" })).toBeInTheDocument();
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);

    const user = userEvent.setup();
    await user.click(within(rows[3]).getByRole("button", { name: "Retirer : mardi 5 janvier, Léa, Accueil du matin 2026/2027 – Matin" }));
    expect(await screen.findByText("La ligne a été retirée.")).toBeInTheDocument();
    expect(screen.getByText(`3 modifications : ${money(4.5)}`)).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Tout supprimer" }));
    expect(await screen.findByText("Vos modifications ont été effacées.")).toBeInTheDocument();
    expect(screen.getByText("Aucune modification en attente.")).toBeInTheDocument();
    expect(calls.filter((c) => c.method === "DELETE").map((c) => c.url)).toEqual(["/api/v1/booking/cart/?line=4", "/api/v1/booking/cart/"]);
  });

  it("Terminer records the cart and the confirmation lists what failed", async () => {
    const calls = mockFetch({
      ...PARENT,
      "GET /api/v1/booking/cart/": { body: CART },
      "POST /api/v1/booking/cart/checkout/": {
        body: {
          done: [
            { child: 21, opening: 1011, action: "book", date: "2027-01-11", unit: "Matin", ok: true, state: "confirmed", code: "", reason: "", amount: "4.50", tariff_name: "Tarif QF 2" },
            { child: 21, opening: 1007, action: "cancel", date: "2027-01-07", unit: "Matin", ok: true, state: "cancelled", code: "", reason: "", amount: "4.50", tariff_name: "Tarif QF 2" },
            { child: 21, opening: 1013, action: "book", date: "2027-01-13", unit: "Matin", ok: true, state: "waitlisted", code: "", reason: "", amount: "0.00", tariff_name: "" },
          ],
          failed: [
            { child: 21, opening: 1014, action: "book", date: "2027-01-14", unit: "Matin", ok: false, state: "", code: "full", reason: "Plus de place disponible.", amount: null, tariff_name: "" },
          ],
          total: "0.00",
          committed_at: "2027-01-03T10:00:00Z",
        },
      },
      "GET /api/v1/booking/planning/": { body: makePlanning() },
    });
    const { router, container } = renderApp("/panier");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Terminer" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Votre réservation est terminée" })).toBeInTheDocument();
    expect(currentPath(router)).toBe("/panier/confirmation");
    expect(calls.filter((c) => c.method === "POST").map((c) => c.url)).toEqual(["/api/v1/booking/cart/checkout/"]);
    const failed = screen.getByRole("region", { name: "1 modification n'a pas pu être enregistrée" });
    expect(failed).toHaveTextContent("jeudi 14 janvier – Matin (réservation) : Plus de place disponible.");
    const done = screen.getByRole("table", { name: "Modifications enregistrées" });
    const rows = within(done).getAllByRole("row").slice(1);
    expect(rows[0]).toHaveTextContent("Léa");
    expect(rows[0]).toHaveTextContent("Accueil du matin 2026/2027 – Matin");
    expect(rows[0]).toHaveTextContent("Réservé");
    expect(rows[1]).toHaveTextContent("Annulé");
    expect(rows[1]).toHaveTextContent(money(-4.5));
    expect(rows[2]).toHaveTextContent("Liste d'attente");
    expect(screen.getByText(`Coût de la période : ${money(0)}`)).toBeInTheDocument();
    expect(screen.getByText("Un e-mail récapitulatif vous a été envoyé.")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Retour au planning" })).toHaveAttribute("href", "/planning");
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it("sends /panier/confirmation opened directly back to the planning", async () => {
    mockFetch({ ...PARENT, "GET /api/v1/booking/cart/": { body: makeCart() }, "GET /api/v1/booking/planning/": { body: makePlanning() } });
    const { router } = renderApp("/panier/confirmation");
    expect(await screen.findByRole("heading", { level: 1, name: "Planning" })).toBeInTheDocument();
    expect(currentPath(router)).toBe("/planning");
  });
});
