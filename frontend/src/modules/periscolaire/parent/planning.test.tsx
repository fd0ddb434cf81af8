import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { formatMoney } from "../../../format/money";
import { axeViolations, describeViolations } from "../../../test/axe";
import { currentPath, mockFetch, renderApp } from "../../../test/render";
import type { Planning } from "./api";
import { cell, EMPTY_CART, makeBlock, makeCart, makeLine, makePlanning, MATIN, PARENT, readOnlyBlock, SOIR } from "./bookingFixtures";
import { mergePlannings, periodDays } from "./planningView";

/** As Testing Library reads it (no-break spaces normalised). */
const money = (value: number) => formatMoney(value).replace(/\s/g, " ");

const JANUARY_URL = "GET /api/v1/booking/planning/?month=2027-01";

/** The region of an activity ("Accueil du matin 2026/2027 – Léa"). */
function activity(name: string) {
  return screen.getByRole("region", { name: new RegExp(`^${name}`) });
}

/** The month grid of an activity (the day list repeats the same cells for phones). */
function grid(region: HTMLElement) {
  return within(region).getByRole("region", { name: /^Grille/ });
}

async function openPlanning(handlers: Record<string, unknown> = {}) {
  const calls = mockFetch({ ...PARENT, ...EMPTY_CART, [JANUARY_URL]: { body: makePlanning() }, ...handlers } as Parameters<typeof mockFetch>[0]);
  const view = renderApp("/planning?mois=2027-01");
  await screen.findByRole("heading", { level: 4, name: /Accueil du matin/ });
  return { calls, ...view, user: userEvent.setup() };
}

describe("Planning", () => {
  it("shows the legend's codes and colours, and hides Modifier when nothing can change", async () => {
    const calls = mockFetch({
      ...PARENT,
      "GET /api/v1/booking/cart/": { body: makeCart([makeLine()], "4.50") },
      [JANUARY_URL]: { body: makePlanning([makeBlock(), readOnlyBlock()]) },
      "GET /api/v1/booking/planning/?month=2027-02": { body: makePlanning([], "2027-02-01") },
    });
    const { container } = renderApp("/planning?mois=2027-01");
    await screen.findByRole("heading", { level: 4, name: /Accueil du matin/ });
    expect(screen.getByRole("heading", { level: 2, name: "janvier 2027" })).toBeInTheDocument();
    const matin = activity("Accueil du matin");
    expect(within(matin).getByText("Réservation possible jusqu'au jeudi 9h30 de la semaine précédente")).toBeInTheDocument();

    const table = within(grid(matin)).getByRole("table");
    expect(within(table).getByRole("columnheader", { name: "lundi 4 janvier" })).toHaveTextContent("L4");
    const confirmedCell = within(table).getByText("lundi 4 janvier – Matin : Réservé : Annulation impossible après le 03/01 à 9h30").closest("td")!;
    expect(confirmedCell).toHaveTextContent("R");
    expect(confirmedCell).toHaveStyle({ backgroundColor: "#15803d", color: "#ffffff" });
    const deadline = within(table).getByText(/mardi 5 janvier – Matin : Délai de réservation dépassé : Délai dépassé le 04\/01 à 9h30/).closest("td")!;
    expect(deadline).toHaveTextContent("Délai");
    expect(deadline).toHaveStyle({ backgroundColor: "#57534e" });
    expect(within(table).getByText(/mercredi 6 janvier – Matin : Libre – à valider : réservation/)).toBeInTheDocument();
    expect(within(matin).getByRole("button", { name: "Modifier" })).toBeInTheDocument();
    expect(within(matin).getByRole("button", { name: "Semaine type" })).toBeInTheDocument();

    const meals = activity("Restauration");
    expect(within(meals).queryByRole("button", { name: "Modifier" })).not.toBeInTheDocument();

    const legend = screen.getByRole("region", { name: "Légende" });
    for (const label of ["Réservé", "Délai de réservation dépassé", "Jour férié", "Complet", "Fermeture", "Libre", "Pas d'accueil", "Modification à valider (dans le panier)"]) {
      expect(legend).toHaveTextContent(label);
    }
    expect(screen.getByText(`1 modification en attente · total ${money(4.5)}`)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Voir le récapitulatif" })).toHaveAttribute("href", "/panier");

    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);

    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Mois suivant" }));
    expect(await screen.findByRole("heading", { level: 2, name: "février 2027" })).toBeInTheDocument();
    expect(await screen.findByText("Aucune inscription en cours pour ce mois-ci.")).toBeInTheDocument();
    expect(calls.some((c) => c.url === "/api/v1/booking/planning/?month=2027-02")).toBe(true);
  });

  it("in edit mode, shows why a cell cannot change instead of a checkbox", async () => {
    const { user, container } = await openPlanning();
    const matin = activity("Accueil du matin");
    await user.click(within(matin).getByRole("button", { name: "Modifier" }));
    await waitFor(() => expect(within(matin).getByText(/Cochez les jours à réserver/)).toHaveFocus());
    const table = grid(matin);
    expect(within(table).queryByRole("checkbox", { name: "mardi 5 janvier – Matin" })).not.toBeInTheDocument();
    expect(within(table).getByText("Délai dépassé le 04/01 à 9h30")).toBeInTheDocument();
    expect(within(table).getByRole("checkbox", { name: "mercredi 6 janvier – Matin" })).toBeChecked();
    expect(within(table).getByRole("checkbox", { name: "jeudi 7 janvier – Matin" })).toBeChecked();
    expect(within(table).getByRole("checkbox", { name: "vendredi 8 janvier – Matin" })).not.toBeChecked();
    expect(within(table).queryByRole("checkbox", { name: "vendredi 22 janvier – Matin" })).not.toBeInTheDocument();
    // The phone layout: the same day as a card, its reason as text.
    const days = within(matin).getByRole("list", { name: /^Jours/ });
    expect(within(days).getByText(/Délai de réservation dépassé : Délai dépassé le 04\/01 à 9h30/)).toBeInTheDocument();
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it("sends the ticks to the cart with Valider and lists the refused ones", async () => {
    const { user, calls } = await openPlanning({
      "POST /api/v1/booking/cart/": {
        body: {
          cart: makeCart([makeLine({ id: 2, opening: 1007, action: "cancel", date: "2027-01-07" })], "-4.50"),
          refused: [makeLine({ id: null, opening: 1011, ok: false, code: "full", reason: "Plus de place disponible." })],
        },
      },
    });
    const matin = activity("Accueil du matin");
    await user.click(within(matin).getByRole("button", { name: "Modifier" }));
    const table = grid(matin);
    await user.click(within(table).getByRole("checkbox", { name: "lundi 11 janvier – Matin" }));
    await user.click(within(table).getByRole("checkbox", { name: "jeudi 7 janvier – Matin" }));
    await user.click(within(table).getByRole("checkbox", { name: "mercredi 6 janvier – Matin" }));
    // Ticked twice: back as it was, not sent.
    await user.click(within(table).getByRole("checkbox", { name: "mardi 12 janvier – Matin" }));
    await user.click(within(table).getByRole("checkbox", { name: "mardi 12 janvier – Matin" }));
    await user.click(within(matin).getByRole("button", { name: "Valider" }));

    const outcome = await within(matin).findByText("1 modification refusée :");
    expect(within(matin).getByText(/lundi 11 janvier – Matin \(réservation\) : Plus de place disponible\./)).toBeInTheDocument();
    expect(within(matin).getByText(/2 modifications ajoutées au panier\./)).toBeInTheDocument();
    await waitFor(() => expect(outcome.closest("[tabindex='-1']")).toHaveFocus());
    const post = calls.find((c) => c.method === "POST")!;
    expect(post.url).toBe("/api/v1/booking/cart/");
    expect(post.body).toEqual({
      changes: [
        { child: 21, opening: 1006, action: "cancel" },
        { child: 21, opening: 1007, action: "cancel" },
        { child: 21, opening: 1011, action: "book" },
      ],
    });
    expect(within(matin).queryByRole("checkbox")).not.toBeInTheDocument();
    expect(await screen.findByText(`1 modification en attente · total ${money(-4.5)}`)).toBeInTheDocument();
  });

  it("ticks every bookable day of a unit with Tout cocher", async () => {
    const { user, calls } = await openPlanning({ "POST /api/v1/booking/cart/": { body: { cart: makeCart(), refused: [] } } });
    const matin = activity("Accueil du matin");
    await user.click(within(matin).getByRole("button", { name: "Modifier" }));
    await user.click(within(within(matin).getByRole("group", { name: "Soir" })).getByRole("button", { name: "Tout cocher" }));
    const table = grid(matin);
    expect(within(table).getByRole("checkbox", { name: "lundi 11 janvier – Soir" })).toBeChecked();
    expect(within(table).queryByRole("checkbox", { name: "lundi 4 janvier – Soir" })).not.toBeInTheDocument();
    expect(within(table).getByRole("checkbox", { name: "lundi 11 janvier – Matin" })).not.toBeChecked();
    await user.click(within(matin).getByRole("button", { name: "Valider" }));
    await within(matin).findByText(/5 modifications ajoutées au panier\./);
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({
      changes: [11, 12, 13, 14, 15].map((day) => ({ child: 21, opening: 2000 + day, action: "book" })),
    });
  });

  it("applies a semaine type through an accessible dialog", async () => {
    const { user, calls } = await openPlanning({
      "POST /api/v1/booking/weekly-template/": {
        body: {
          added: 8,
          skipped: [makeLine({ id: null, opening: 1022, date: "2027-01-22", ok: false, code: "closed", reason: "Fermé" })],
          cart: makeCart([makeLine()], "4.50"),
        },
      },
    });
    const matin = activity("Accueil du matin");
    const opener = within(matin).getByRole("button", { name: "Semaine type" });
    await user.click(opener);
    const dialog = screen.getByRole("dialog", { name: "Semaine type : Accueil du matin 2026/2027 (Léa)" });
    expect(dialog).toHaveAttribute("aria-modal", "true");
    expect(within(dialog).getByRole("checkbox", { name: "Lundi – Matin" })).toHaveFocus();
    expect(within(dialog).queryByRole("checkbox", { name: "Mercredi – Matin" })).not.toBeInTheDocument();
    const violations = await axeViolations(document.body);
    expect(violations, describeViolations(violations)).toEqual([]);

    await user.click(within(dialog).getByRole("button", { name: "Ajouter au panier" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("Jours : cochez au moins un jour.");
    await user.click(within(dialog).getByRole("checkbox", { name: "Lundi – Matin" }));
    await user.click(within(dialog).getByRole("checkbox", { name: "Jeudi – Soir" }));
    await user.selectOptions(within(dialog).getByRole("combobox", { name: "Semaines" }), "even");
    fireEvent.change(within(dialog).getByLabelText(/^Du/), { target: { value: "2027-01-04" } });
    fireEvent.change(within(dialog).getByLabelText(/^Au/), { target: { value: "2027-02-26" } });
    await user.click(within(dialog).getByRole("button", { name: "Ajouter au panier" }));

    expect(await within(dialog).findByText("8 réservations ajoutées au panier.")).toBeInTheDocument();
    expect(within(dialog).getByText("vendredi 22 janvier – Matin : Fermé")).toBeInTheDocument();
    expect(calls.find((c) => c.url === "/api/v1/booking/weekly-template/")!.body).toEqual({
      child: 21,
      activity: 3,
      start: "2027-01-04",
      end: "2027-02-26",
      parity: "even",
      slots: [
        [0, 5],
        [3, 6],
      ],
    });

    // Tab stays inside; Escape closes and gives the focus back.
    const close = within(dialog).getByRole("button", { name: "Fermer" });
    close.focus();
    await user.tab({ shift: true });
    expect(dialog.contains(document.activeElement)).toBe(true);
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(opener).toHaveFocus();
  });

  it("shows a refused request as refused, with its reason readable without hovering, and lets the family ask again", async () => {
    const block = makeBlock();
    const reason = "Plus d'animateur ce jour-là";
    block.rows[0].cells[10] = cell("2027-01-11", { status: "refused", actions: ["book"], reservation_id: 111, opening_id: 1011, reason });
    const { user, calls, container } = await openPlanning({
      [JANUARY_URL]: { body: makePlanning([block]) },
      "POST /api/v1/booking/cart/": { body: { cart: makeCart([makeLine()], "4.50"), refused: [] } },
    });
    const matin = activity("Accueil du matin");
    // The grid: the legend's code, the state and the reason for screen readers (not "Libre").
    const table = within(grid(matin)).getByRole("table");
    const refusedCell = within(table).getByText(`lundi 11 janvier – Matin : Refusé : ${reason}`).closest("td")!;
    expect(refusedCell).toHaveTextContent("Ref.");
    expect(refusedCell).toHaveStyle({ backgroundColor: "#b91c1c" });
    // Read without hovering: the month's refusals in words, and the day card on phones.
    expect(within(matin).getByText("1 demande refusée ce mois-ci :")).toBeInTheDocument();
    expect(within(matin).getByText(new RegExp(`^lundi 11 janvier – Matin : ${reason}`))).toBeInTheDocument();
    const days = within(matin).getByRole("list", { name: /^Jours/ });
    expect(within(days).getByText(`Refusé : ${reason}`)).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "Légende" })).toHaveTextContent("Refusé");

    // Asked again: the checkbox names the refusal, is not ticked, and books.
    await user.click(within(matin).getByRole("button", { name: "Modifier" }));
    const box = within(grid(matin)).getByRole("checkbox", { name: "lundi 11 janvier – Matin, demande refusée" });
    expect(box).not.toBeChecked();
    expect(box).toHaveAccessibleDescription(`Refusé : ${reason}`);
    expect(within(within(matin).getByRole("list", { name: /^Jours/ })).getByRole("checkbox", { name: "lundi 11 janvier – Matin, demande refusée" })).not.toBeChecked();
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
    await user.click(box);
    await user.click(within(matin).getByRole("button", { name: "Valider" }));
    await within(matin).findByText(/1 modification ajoutée au panier\./);
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ changes: [{ child: 21, opening: 1011, action: "book" }] });
  });

  it("declares an absence with a certificate", async () => {
    let sent: FormData | null = null;
    const { user, calls } = await openPlanning({
      "POST /api/v1/booking/absences/": (init: RequestInit) => {
        sent = init.body as FormData;
        return { body: { id: 104, child: 21, child_name: "Léa", unit: 5, unit_name: "Matin", date: "2027-01-04", state: "absent_excused" } };
      },
    });
    const matin = activity("Accueil du matin");
    await user.click(within(matin).getByRole("button", { name: "Modifier" }));
    await user.click(within(grid(matin)).getByRole("button", { name: "Signaler une absence : lundi 4 janvier – Matin" }));
    const dialog = screen.getByRole("dialog", { name: "Signaler une absence" });
    expect(within(dialog).getByText("Sans justificatif, l'absence est facturée.")).toBeInTheDocument();
    expect(within(dialog).getByText(/Taille maximum : 6 Mo/)).toBeInTheDocument();
    await user.type(within(dialog).getByRole("textbox", { name: "Motif" }), "Malade");
    await user.upload(within(dialog).getByLabelText("Justificatif (facultatif)"), new File(["%PDF-1.4"], "certificat.pdf", { type: "application/pdf" }));
    await user.click(within(dialog).getByRole("button", { name: "Signaler l'absence" }));

    expect(await within(matin).findByText("Absence enregistrée : elle est excusée.")).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    const form = sent as unknown as FormData;
    expect(form.get("reservation")).toBe("104");
    expect(form.get("reason")).toBe("Malade");
    expect((form.get("document") as File).name).toBe("certificat.pdf");
    await waitFor(() => expect(calls.filter((c) => c.url === "/api/v1/booking/planning/?month=2027-01")).toHaveLength(2));
  });
});

const DECEMBER = Array.from({ length: 31 }, (_, i) => `2026-12-${String(i + 1).padStart(2, "0")}`);

/** December 2026: the Matin open on weekdays (booked on the 28th), the Soir without service. */
function decemberPlanning(): Planning {
  const weekend = (date: string) => [0, 6].includes(new Date(`${date}T12:00:00`).getDay());
  const matin = DECEMBER.map((date, i) =>
    weekend(date)
      ? cell(date)
      : i + 1 === 28
        ? cell(date, { status: "confirmed", actions: ["cancel"], reservation_id: 928, opening_id: 928 })
        : cell(date, { status: "free", actions: ["book"], opening_id: 900 + i + 1 }),
  );
  return {
    month: "2026-12-01",
    days: DECEMBER.map((date) => ({ date, public_holiday: date === "2026-12-25" ? "Noël" : null, school_holiday: null, closure: null })),
    children: [{ child_id: 21, first_name: "Léa", activities: [{ ...makeBlock(), rows: [{ unit: MATIN, cells: matin }, { unit: SOIR, cells: DECEMBER.map((d) => cell(d)) }] }] }],
  };
}

const DECEMBER_URL = "GET /api/v1/booking/planning/?month=2026-12";

/** The column headers of an activity's grid (the visually hidden day names). */
function columns(region: HTMLElement): string[] {
  return within(within(grid(region)).getByRole("table"))
    .getAllByRole("columnheader")
    .slice(1)
    .map((th) => th.querySelector(".visually-hidden")!.textContent!);
}

describe("Planning views", () => {
  afterEach(() => vi.useRealTimers());

  it("merges a week across two months: both months' days, cells aligned, a missing day without service", () => {
    const days = periodDays("2026-12-28", 7);
    const merged = mergePlannings([decemberPlanning(), makePlanning()], days);
    expect(merged.days.map((d) => d.date)).toEqual(["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03"]);
    expect(merged.days[4].public_holiday).toBe("Jour de l'an");
    const [matin, soir] = merged.children[0].activities[0].rows;
    expect(matin.cells.map((c) => c.status)).toEqual(["confirmed", "free", "free", "free", "public_holiday", "none", "none"]);
    expect(soir.cells.every((c, i) => c.date === days[i])).toBe(true);
    // An activity only in one month: the other month's days have no service.
    const only = mergePlannings([makePlanning([], "2026-12-01"), makePlanning()], days);
    expect(only.children[0].activities[0].rows[0].cells.map((c) => c.status)).toEqual(["none", "none", "none", "none", "public_holiday", "none", "none"]);
  });

  it("shows a week's days with wider cells, moves by a week, and switches to the fortnight and the month", async () => {
    const calls = mockFetch({ ...PARENT, ...EMPTY_CART, [JANUARY_URL]: { body: makePlanning() } });
    const { router, container } = renderApp("/planning?vue=semaine&du=2027-01-13");
    await screen.findByRole("heading", { level: 4, name: /Accueil du matin/ });
    const user = userEvent.setup();
    expect(screen.getByRole("radio", { name: "Semaine" })).toBeChecked();
    expect(screen.getByRole("group", { name: "Affichage" })).toBeInTheDocument();
    // From its Monday.
    expect(screen.getByRole("heading", { level: 2, name: "Semaine du lundi 11 janvier au dimanche 17 janvier 2027" })).toBeInTheDocument();
    const matin = activity("Accueil du matin");
    expect(columns(matin)).toEqual(["lundi 11 janvier", "mardi 12 janvier", "mercredi 13 janvier", "jeudi 14 janvier", "vendredi 15 janvier", "samedi 16 janvier", "dimanche 17 janvier"]);
    expect(grid(matin)).toHaveClass("planning-grid--wide");
    // The state's label in words, not only the legend's code.
    const full = within(grid(matin)).getByRole("button", { name: /^mercredi 13 janvier – Matin :/ });
    expect(full).toHaveTextContent("Complet");
    expect(within(grid(matin)).getAllByText("Libre").length).toBeGreaterThan(0);
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);

    await user.click(screen.getByRole("button", { name: "Semaine suivante" }));
    expect(await screen.findByRole("heading", { level: 2, name: "Semaine du lundi 18 janvier au dimanche 24 janvier 2027" })).toBeInTheDocument();
    expect(currentPath(router)).toBe("/planning?vue=semaine&du=2027-01-18");
    expect(columns(activity("Accueil du matin"))[0]).toBe("lundi 18 janvier");

    await user.click(screen.getByRole("radio", { name: "Quinzaine" }));
    expect(await screen.findByRole("heading", { level: 2, name: "Quinzaine du lundi 18 janvier au dimanche 31 janvier 2027" })).toBeInTheDocument();
    expect(columns(activity("Accueil du matin"))).toHaveLength(14);
    await user.click(screen.getByRole("button", { name: "Quinzaine précédente" }));
    expect(currentPath(router)).toBe("/planning?vue=quinzaine&du=2027-01-04");

    await user.click(screen.getByRole("radio", { name: "Mois" }));
    expect(await screen.findByRole("heading", { level: 2, name: "janvier 2027" })).toBeInTheDocument();
    expect(currentPath(router)).toBe("/planning?mois=2027-01");
    expect(columns(activity("Accueil du matin"))).toHaveLength(31);
    // One month: one request, whatever the view.
    expect(calls.filter((c) => c.url.startsWith("/api/v1/booking/planning/")).map((c) => c.url)).toEqual(["/api/v1/booking/planning/?month=2027-01"]);
  });

  it("reads both months for a week across them, from the month's first week", async () => {
    // Today is elsewhere: the week view opens on the shown month's first week.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-06-15T10:00:00"));
    const calls = mockFetch({ ...PARENT, ...EMPTY_CART, [JANUARY_URL]: { body: makePlanning() }, [DECEMBER_URL]: { body: decemberPlanning() } });
    const { router } = renderApp("/planning?mois=2027-01");
    await screen.findByRole("heading", { level: 4, name: /Accueil du matin/ });
    const user = userEvent.setup();
    await user.click(screen.getByRole("radio", { name: "Semaine" }));
    expect(await screen.findByRole("heading", { level: 2, name: "Semaine du lundi 28 décembre au dimanche 3 janvier 2027" })).toBeInTheDocument();
    expect(currentPath(router)).toBe("/planning?vue=semaine&du=2026-12-28");
    const matin = activity("Accueil du matin");
    await waitFor(() => expect(within(grid(matin)).getByRole("button", { name: /^lundi 28 décembre – Matin : Réservé/ })).toBeInTheDocument());
    expect(within(grid(matin)).getByRole("button", { name: /^vendredi 1 janvier – Matin : Jour férié/ })).toBeInTheDocument();
    expect(calls.some((c) => c.url === "/api/v1/booking/planning/?month=2026-12")).toBe(true);
    expect(calls.some((c) => c.url === "/api/v1/booking/planning/?month=2027-01")).toBe(true);
  });

  it("moves between days and units with the arrow keys, one tab stop in the grid", async () => {
    const { user } = await openPlanning();
    const table = within(grid(activity("Accueil du matin")));
    const button = (name: string) => table.getByRole("button", { name: new RegExp(`^${name} :`) });
    const stops = table.getAllByRole("button").filter((b) => b.tabIndex === 0);
    expect(stops).toEqual([button("vendredi 1 janvier – Matin")]);
    stops[0].focus();
    // The weekend has no service: skipped.
    await user.keyboard("{ArrowRight}");
    expect(button("lundi 4 janvier – Matin")).toHaveFocus();
    expect(button("lundi 4 janvier – Matin")).toHaveAttribute("tabindex", "0");
    expect(button("vendredi 1 janvier – Matin")).toHaveAttribute("tabindex", "-1");
    await user.keyboard("{ArrowDown}");
    expect(button("lundi 4 janvier – Soir")).toHaveFocus();
    await user.keyboard("{End}");
    expect(button("vendredi 15 janvier – Soir")).toHaveFocus();
    await user.keyboard("{ArrowUp}");
    expect(button("vendredi 15 janvier – Matin")).toHaveFocus();
    await user.keyboard("{Home}");
    expect(button("vendredi 1 janvier – Matin")).toHaveFocus();
    await user.keyboard("{ArrowLeft}");
    expect(button("vendredi 1 janvier – Matin")).toHaveFocus();
    await user.keyboard("{End}");
    expect(button("vendredi 29 janvier – Matin")).toHaveFocus();
  });

  it("moves between the week's checkboxes with the arrows in « Modifier »", async () => {
    mockFetch({ ...PARENT, ...EMPTY_CART, [JANUARY_URL]: { body: makePlanning() } });
    renderApp("/planning?vue=semaine&du=2027-01-11");
    await screen.findByRole("heading", { level: 4, name: /Accueil du matin/ });
    const user = userEvent.setup();
    const matin = activity("Accueil du matin");
    await user.click(within(matin).getByRole("button", { name: "Modifier" }));
    const table = within(grid(matin));
    const box = (name: string) => table.getByRole("checkbox", { name });
    box("lundi 11 janvier – Matin").focus();
    await user.keyboard("{ArrowRight}");
    expect(box("mardi 12 janvier – Matin")).toHaveFocus();
    await user.keyboard("{ArrowDown}");
    expect(box("mardi 12 janvier – Soir")).toHaveFocus();
    await user.keyboard("{End}");
    expect(box("vendredi 15 janvier – Soir")).toHaveFocus();
    expect(table.getAllByRole("checkbox").filter((b) => b.tabIndex === 0)).toEqual([box("vendredi 15 janvier – Soir")]);
  });
});
