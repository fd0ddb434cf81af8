import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { formatMoney } from "../../../format/money";
import { axeViolations, describeViolations } from "../../../test/axe";
import { mockFetch, renderApp } from "../../../test/render";
import { cell, EMPTY_CART, makeBlock, makeCart, makeLine, makePlanning, PARENT, readOnlyBlock } from "./bookingFixtures";

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
