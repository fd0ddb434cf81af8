import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { axeViolations, describeViolations } from "../../../test/axe";
import { mockFetch, renderApp } from "../../../test/render";
import { cell, EMPTY_CART, makeCart, makeLine, makePlanning, PARENT } from "./bookingFixtures";
import { dayMenuItems } from "./DayMenu";

const JANUARY_URL = "GET /api/v1/booking/planning/?month=2027-01";

async function openPlanning(handlers: Record<string, unknown> = {}) {
  const calls = mockFetch({ ...PARENT, ...EMPTY_CART, [JANUARY_URL]: { body: makePlanning() }, ...handlers } as Parameters<typeof mockFetch>[0]);
  const view = renderApp("/planning?mois=2027-01");
  await screen.findByRole("heading", { level: 4, name: /Accueil du matin/ });
  const region = screen.getByRole("region", { name: /^Accueil du matin/ });
  const grid = within(region).getByRole("region", { name: /^Grille/ });
  return { calls, ...view, region, grid, user: userEvent.setup() };
}

/** A day's menu button in the grid ("lundi 11 janvier – Matin : Libre"). */
function dayButton(grid: HTMLElement, day: string) {
  return within(grid).getByRole("button", { name: new RegExp(`^${day} :`) });
}

function menuItems() {
  return within(screen.getByRole("menu")).getAllByRole("menuitem").map((item) => item.textContent);
}

describe("dayMenuItems", () => {
  it("offers what the server allows, as a tick in « Modifier » would", () => {
    const free = cell("2027-01-11", { status: "free", actions: ["book"], opening_id: 1011 });
    expect(dayMenuItems(free).map((i) => i.action)).toEqual(["book", "state"]);
    expect(dayMenuItems({ ...free, in_cart: "book" }).map((i) => i.action)).toEqual(["cancel", "state"]);
    const booked = cell("2027-01-07", { status: "confirmed", actions: ["cancel"], reservation_id: 107, opening_id: 1007 });
    expect(dayMenuItems(booked).map((i) => i.label)).toEqual(["Annuler", "Voir l'état"]);
    const locked = cell("2027-01-04", { status: "confirmed", actions: ["absence"], reservation_id: 104, opening_id: 1004 });
    expect(dayMenuItems(locked).map((i) => i.label)).toEqual(["Déclarer une absence", "Voir l'état"]);
    const past = cell("2027-01-05", { status: "deadline_passed", opening_id: 1005, reason: "Délai dépassé le 04/01 à 9h30" });
    expect(dayMenuItems(past).map((i) => i.label)).toEqual(["Voir l'état"]);
  });
});

describe("Day menu", () => {
  it("opens by click on a bookable day and books it through the cart, the focus back on the day", async () => {
    const { user, calls, grid, region, container } = await openPlanning({
      "POST /api/v1/booking/cart/": { body: { cart: makeCart([makeLine()], "4.50"), refused: [] } },
    });
    const day = dayButton(grid, "lundi 11 janvier – Matin");
    expect(day).toHaveAttribute("aria-haspopup", "menu");
    expect(day).toHaveAttribute("aria-expanded", "false");
    await user.click(day);
    const menu = screen.getByRole("menu", { name: "Actions : lundi 11 janvier – Matin" });
    expect(day).toHaveAttribute("aria-expanded", "true");
    expect(day).toHaveAttribute("aria-controls", menu.id);
    expect(menuItems()).toEqual(["Réserver", "Voir l'état"]);
    expect(within(menu).getByRole("menuitem", { name: "Réserver" })).toHaveFocus();
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);

    await user.keyboard("{Enter}");
    expect(screen.queryByRole("menu")).not.toBeInTheDocument();
    expect(await within(region).findByText(/1 modification ajoutée au panier\./)).toBeInTheDocument();
    const post = calls.find((c) => c.method === "POST")!;
    expect(post.url).toBe("/api/v1/booking/cart/");
    expect(post.body).toEqual({ changes: [{ child: 21, opening: 1011, action: "book" }] });
    expect(await screen.findByText(/^1 modification en attente/)).toBeInTheDocument();
    expect(dayButton(grid, "lundi 11 janvier – Matin")).toHaveFocus();
  });

  it("offers « Annuler » on a booked day and « Déclarer une absence » where only an absence is possible", async () => {
    const { user, calls, grid } = await openPlanning({
      "POST /api/v1/booking/cart/": { body: { cart: makeCart([makeLine({ opening: 1007, action: "cancel" })], "-4.50"), refused: [] } },
    });
    await user.click(dayButton(grid, "jeudi 7 janvier – Matin"));
    expect(menuItems()).toEqual(["Annuler", "Voir l'état"]);
    await user.click(screen.getByRole("menuitem", { name: "Annuler" }));
    await waitFor(() => expect(calls.find((c) => c.method === "POST")?.body).toEqual({ changes: [{ child: 21, opening: 1007, action: "cancel" }] }));

    const locked = dayButton(grid, "lundi 4 janvier – Matin");
    await user.click(locked);
    expect(menuItems()).toEqual(["Déclarer une absence", "Voir l'état"]);
    await user.click(screen.getByRole("menuitem", { name: "Déclarer une absence" }));
    const dialog = screen.getByRole("dialog", { name: "Signaler une absence" });
    expect(within(dialog).getByText("Annulation impossible après le 03/01 à 9h30")).toBeInTheDocument();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(locked).toHaveFocus();
  });

  it("opens by the ContextMenu key, Shift+F10 and a right-click; arrows move, Escape closes and gives the focus back", async () => {
    const { user, grid } = await openPlanning();
    const locked = dayButton(grid, "mardi 5 janvier – Matin");
    locked.focus();
    await user.keyboard("{ContextMenu}");
    const menu = screen.getByRole("menu", { name: "Actions : mardi 5 janvier – Matin" });
    // Past its deadline: nothing to change, only its state.
    expect(menuItems()).toEqual(["Voir l'état"]);
    expect(within(menu).getByRole("menuitem", { name: "Voir l'état" })).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("menu")).not.toBeInTheDocument();
    expect(locked).toHaveFocus();
    expect(locked).toHaveAttribute("aria-expanded", "false");

    const free = dayButton(grid, "mercredi 13 janvier – Matin");
    free.focus();
    await user.keyboard("{Shift>}{F10}{/Shift}");
    expect(menuItems()).toEqual(["Réserver", "Voir l'état"]);
    expect(screen.getByRole("menuitem", { name: "Réserver" })).toHaveFocus();
    await user.keyboard("{ArrowDown}");
    expect(screen.getByRole("menuitem", { name: "Voir l'état" })).toHaveFocus();
    await user.keyboard("{ArrowDown}");
    expect(screen.getByRole("menuitem", { name: "Réserver" })).toHaveFocus();
    await user.keyboard("{ArrowUp}");
    expect(screen.getByRole("menuitem", { name: "Voir l'état" })).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(free).toHaveFocus();

    await user.pointer({ keys: "[MouseRight]", target: dayButton(grid, "vendredi 8 janvier – Matin") });
    expect(screen.getByRole("menu", { name: "Actions : vendredi 8 janvier – Matin" })).toBeInTheDocument();
    // A press elsewhere closes it.
    await user.click(screen.getByRole("heading", { level: 1, name: "Planning" }));
    expect(screen.queryByRole("menu")).not.toBeInTheDocument();
  });

  it("shows a locked day's state and why with « Voir l'état »", async () => {
    const { user, grid } = await openPlanning();
    const past = dayButton(grid, "lundi 4 janvier – Soir");
    await user.click(past);
    await user.click(screen.getByRole("menuitem", { name: "Voir l'état" }));
    const dialog = screen.getByRole("dialog", { name: "État du jour" });
    expect(within(dialog).getByText("lundi 4 janvier – Soir")).toBeInTheDocument();
    expect(within(dialog).getByText("Jour passé : Date passée")).toBeInTheDocument();
    expect(within(dialog).getByText("Ce jour ne peut pas être modifié depuis le planning.")).toBeInTheDocument();
    const violations = await axeViolations(document.body);
    expect(violations, describeViolations(violations)).toEqual([]);
    await user.click(within(dialog).getByRole("button", { name: "Fermer" }));
    expect(past).toHaveFocus();

    await user.click(dayButton(grid, "mardi 5 janvier – Matin"));
    await user.click(screen.getByRole("menuitem", { name: "Voir l'état" }));
    expect(within(screen.getByRole("dialog", { name: "État du jour" })).getByText("Délai de réservation dépassé : Délai dépassé le 04/01 à 9h30")).toBeInTheDocument();
  });
});
