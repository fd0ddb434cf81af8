import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { axeViolations, describeViolations } from "../../../test/axe";
import { mockFetch, renderApp } from "../../../test/render";
import { cell, EMPTY_CART, LEGEND, makeBlock, makePlanning, PARENT } from "./bookingFixtures";
import { cellState, controlName, hasService, ordinal } from "./cells";
import { weeksOf } from "./DayList";
import { makeLookup } from "./legend";

const JANUARY_URL = "GET /api/v1/booking/planning/?month=2027-01";

/**
 * A phone (390 px): the grid and the day list are both in the page, CSS shows
 * one of them (planning.css, 48rem); a media query read from script says phone too.
 */
beforeEach(() => {
  vi.stubGlobal(
    "matchMedia",
    (query: string) =>
      ({
        matches: /max-width/.test(query),
        media: query,
        onchange: null,
        addEventListener: () => {},
        removeEventListener: () => {},
        addListener: () => {},
        removeListener: () => {},
        dispatchEvent: () => false,
      }) as MediaQueryList,
  );
});
afterEach(() => vi.unstubAllGlobals());

async function openPlanning(block = makeBlock()) {
  mockFetch({ ...PARENT, ...EMPTY_CART, [JANUARY_URL]: { body: makePlanning([block]) } } as Parameters<typeof mockFetch>[0]);
  const view = renderApp("/planning?mois=2027-01");
  await screen.findByRole("heading", { level: 4, name: /Accueil du matin/ });
  const region = screen.getByRole("region", { name: /^Accueil du matin/ });
  return { ...view, region, days: within(region).getByRole("list", { name: /^Jours/ }), user: userEvent.setup() };
}

/** The day cards (the units' lines are list items too, inside them). */
function dayCards(days: HTMLElement) {
  return within(days)
    .getAllByRole("listitem")
    .filter((item) => item.parentElement === days);
}

describe("Day list (phones)", () => {
  it("lists only the days with a service, a day's units in one card", async () => {
    const { days, container } = await openPlanning();
    const cards = dayCards(days);
    // January 2027's weekdays but the 1st (public holiday) and the 22nd (closed).
    expect(cards).toHaveLength(19);
    const names = cards.map((card) => within(card).getByText(/^[a-z]+ \d+ janvier$/).textContent);
    expect(names).not.toContain("vendredi 1 janvier");
    expect(names).not.toContain("samedi 2 janvier");
    expect(names).not.toContain("dimanche 3 janvier");
    expect(names).not.toContain("vendredi 22 janvier");
    expect(within(days).queryByRole("listitem", { name: "samedi 9 janvier" })).not.toBeInTheDocument();

    // Matin and Soir on the 11th: one card, a line per unit with its state.
    const eleventh = within(days).getByRole("listitem", { name: "lundi 11 janvier" });
    const units = within(eleventh).getAllByRole("listitem");
    expect(units.map((unit) => unit.textContent)).toEqual([expect.stringMatching(/^Matin.*Libre/), expect.stringMatching(/^Soir.*Libre/)]);
    // The 4th: Matin booked; Soir is past and was not booked, it is not listed.
    const fourth = within(days).getByRole("listitem", { name: "lundi 4 janvier" });
    expect(within(fourth).getAllByRole("listitem")).toHaveLength(1);
    expect(fourth).toHaveTextContent(/Matin.*Réservé : Annulation impossible après le 03\/01 à 9h30/);

    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it("jumps to a week from the week index, by keyboard", async () => {
    const { region, days, user, container } = await openPlanning();
    const weeks = within(region).getByRole("navigation", { name: /^Aller à une semaine/ });
    const links = within(weeks).getAllByRole("link");
    expect(links.map((link) => link.getAttribute("aria-label"))).toEqual([
      "Semaine du 4 au 8 janvier",
      "Semaine du 11 au 15 janvier",
      "Semaine du 18 au 21 janvier",
      "Semaine du 25 au 29 janvier",
    ]);
    // The 22nd is closed: the third week's last listed day is the 21st.
    const third = within(weeks).getByRole("link", { name: "Semaine du 18 au 21 janvier" });
    expect(third).toHaveAttribute("href", expect.stringMatching(/#.+-jour-2027-01-18$/));

    third.focus();
    await user.keyboard("{Enter}");
    const monday = within(days).getByRole("listitem", { name: "lundi 18 janvier" });
    await waitFor(() => expect(monday).toHaveFocus());
    expect(`#${monday.id}`).toBe(third.getAttribute("href"));

    await user.click(within(weeks).getByRole("link", { name: "Semaine du 4 au 8 janvier" }));
    expect(within(days).getByRole("listitem", { name: "lundi 4 janvier" })).toHaveFocus();

    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it("keeps the edit mode: checkboxes, the absence button and a refusal's reason", async () => {
    const block = makeBlock();
    block.rows[0].cells[10] = cell("2027-01-11", { status: "refused", actions: ["book"], reservation_id: 111, opening_id: 1011, reason: "Plus d'animateur" });
    const { region, days, user, container } = await openPlanning(block);
    expect(within(days).getByText("Refusé : Plus d'animateur")).toBeInTheDocument();
    await user.click(within(region).getByRole("button", { name: "Modifier" }));
    expect(within(days).getByRole("checkbox", { name: "lundi 11 janvier – Matin, demande refusée" })).not.toBeChecked();
    expect(within(days).getByRole("checkbox", { name: "jeudi 7 janvier – Matin" })).toBeChecked();
    expect(within(days).getByRole("button", { name: "Signaler une absence : lundi 4 janvier – Matin" })).toBeInTheDocument();
    expect(within(days).getByText(/Délai de réservation dépassé : Délai dépassé le 04\/01 à 9h30/)).toBeInTheDocument();
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it("says a waitlisted day's rank, in the card and in the cell's accessible name", async () => {
    const block = makeBlock();
    block.rows[0].cells[13] = cell("2027-01-14", { status: "waitlisted", actions: ["cancel"], reservation_id: 114, opening_id: 1014, waitlist_rank: 2 });
    const { region, days, user } = await openPlanning(block);
    const card = within(days).getByRole("listitem", { name: "jeudi 14 janvier" });
    expect(card).toHaveTextContent(/Matin.*Liste d'attente \(2e\)/);
    // The grid: the state for screen readers.
    expect(within(region).getByText("jeudi 14 janvier – Matin : Liste d'attente (2e)")).toBeInTheDocument();
    await user.click(within(region).getByRole("button", { name: "Modifier" }));
    expect(within(days).getByRole("checkbox", { name: "jeudi 14 janvier – Matin, liste d'attente (2e)" })).toBeChecked();
  });
});

describe("cells", () => {
  const legend = makeLookup(LEGEND);
  const matin = makeBlock().rows[0].unit;

  it("names a rank in French", () => {
    expect(ordinal(1)).toBe("1er");
    expect(ordinal(2)).toBe("2e");
    expect(ordinal(11)).toBe("11e");
  });

  it("puts the waiting list's rank in the state and the control's name", () => {
    const first = cell("2027-01-14", { status: "waitlisted", reservation_id: 1, opening_id: 2, waitlist_rank: 1 });
    expect(cellState(first, legend, null)).toBe("Liste d'attente (1er)");
    expect(controlName(first, matin)).toBe("jeudi 14 janvier – Matin, liste d'attente (1er)");
    const unknown = cell("2027-01-14", { status: "waitlisted", reservation_id: 1, opening_id: 2 });
    expect(cellState(unknown, legend, null)).toBe("Liste d'attente");
    expect(cellState(cell("2027-01-14", { status: "confirmed", reservation_id: 1, opening_id: 2, waitlist_rank: 3 }), legend, null)).toBe("Réservé");
  });

  it("tells the days with a service", () => {
    expect(hasService(cell("2027-01-02"))).toBe(false);
    expect(hasService(cell("2027-01-01", { status: "public_holiday" }))).toBe(false);
    expect(hasService(cell("2027-01-22", { status: "closed", opening_id: 1 }))).toBe(false);
    expect(hasService(cell("2027-01-05", { status: "past", opening_id: 1, reason: "Date passée" }))).toBe(false);
    expect(hasService(cell("2027-01-05", { status: "present", opening_id: 1, reservation_id: 9 }))).toBe(true);
    expect(hasService(cell("2027-01-05", { status: "refused", opening_id: 1, reservation_id: 9 }))).toBe(true);
    expect(hasService(cell("2027-01-05", { status: "deadline_passed", opening_id: 1 }))).toBe(true);
    expect(hasService(cell("2027-01-05", { status: "free", opening_id: 1, actions: ["book"] }))).toBe(true);
  });

  it("labels the weeks by their first and last listed day", () => {
    const weeks = weeksOf(["2027-01-04", "2027-01-08", "2027-01-13", "2027-02-01"], (date) => `j-${date}`);
    expect(weeks.map((w) => `Semaine ${w.visible}${w.monthSuffix}`)).toEqual(["Semaine du 4 au 8 janvier", "Semaine du 13 janvier", "Semaine du 1 février"]);
    expect(weeksOf(["2027-03-29", "2027-04-02"], (d) => d).map((w) => w.visible)).toEqual(["du 29 mars au 2 avril"]);
  });
});
