import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ACTIVITIES, B, cell, line, makeOccupancyRow, makeSheet } from "../../../pages/staff/booking/bookingFixtures";
import { STAFF_SESSION } from "../../../pages/staff/staffFixtures";
import { currentPath, mockFetch, renderApp } from "../../../test/render";

const OCCUPANCY = `GET ${B}/occupancy/?from=2026-03-02&to=2026-03-04`;
const rows = [
  makeOccupancyRow(),
  makeOccupancyRow({ unit_id: 22, unit_name: "Restauration", cells: [cell({ opening: 601, booked: 30, capacity: 60 })] }),
];

afterEach(() => {
  vi.useRealTimers();
});

describe("occupancy", () => {
  it("shows places taken, waiting lists, pending requests and closed days", async () => {
    mockFetch({ ...STAFF_SESSION, ...ACTIVITIES, [OCCUPANCY]: { body: rows } });
    renderApp("/gestion/occupation?du=2026-03-02&au=2026-03-04");
    const table = await screen.findByRole("table", { name: "Accueil périscolaire (2025/2026)" });
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Prestation", "lun. 02/03", "mar. 03/03", "mer. 04/03"]);
    const [, morning, lunch] = within(table).getAllByRole("row");
    expect(within(morning).getByRole("link", { name: "12/20 places prises — feuille de présence : Accueil du matin, lundi 2 mars" })).toHaveAttribute(
      "href",
      "/gestion/presences/501",
    );
    const tuesday = within(morning).getAllByRole("cell")[1];
    expect(tuesday).toHaveTextContent("20/20");
    expect(tuesday).toHaveTextContent("Complet");
    expect(tuesday).toHaveTextContent("3 en attente");
    expect(tuesday).toHaveTextContent("2 à valider");
    expect(within(morning).getAllByRole("cell")[2]).toHaveTextContent("Fermé");
    expect(within(lunch).getAllByRole("cell")[1]).toHaveTextContent("Pas d'ouverture");
    await waitFor(() => expect(document.title).toBe("Occupation — Mairie de Saint-Alban"));
  });

  it("opens the attendance sheet of a cell", async () => {
    mockFetch({ ...STAFF_SESSION, ...ACTIVITIES, [OCCUPANCY]: { body: rows }, [`GET ${B}/attendance/501/`]: { body: makeSheet() } });
    const { router } = renderApp("/gestion/occupation?du=2026-03-02&au=2026-03-04");
    await userEvent.setup().click(await screen.findByRole("link", { name: /^12\/20 places prises/ }));
    expect(await screen.findByRole("heading", { level: 1, name: "Feuille de présence" })).toBeInTheDocument();
    expect(await screen.findByRole("heading", { name: "Accueil du matin — Lundi 2 mars 2026" })).toBeInTheDocument();
    expect(currentPath(router)).toBe("/gestion/presences/501");
  });

  it("changes an opening's capacity, showing the server's refusal", async () => {
    let answer: { status?: number; body: unknown } = { status: 400, body: { capacity: ["20 places sont déjà réservées : capacité trop basse."] } };
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...ACTIVITIES,
      [OCCUPANCY]: { body: rows },
      [`PATCH ${B}/openings/502/`]: () => answer,
    });
    renderApp("/gestion/occupation?du=2026-03-02&au=2026-03-04");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Modifier l'ouverture : Accueil du matin, mardi 3 mars" }));
    expect(screen.getByRole("heading", { name: "Modifier l'ouverture : Accueil du matin, mardi 3 mars" })).toHaveFocus();
    const capacity = screen.getByLabelText("Nombre de places");
    await user.clear(capacity);
    await user.type(capacity, "15");
    await user.click(screen.getByRole("button", { name: "Enregistrer l'ouverture" }));
    await waitFor(() => expect(capacity).toHaveAttribute("aria-invalid", "true"));
    expect(capacity).toHaveAccessibleDescription(expect.stringContaining("20 places sont déjà réservées : capacité trop basse."));

    answer = { body: { id: 502, unit: 21, unit_name: "Accueil du matin", group: null, date: "2026-03-03", capacity: 25, booked: 20, closed: false, note: "" } };
    await user.clear(capacity);
    await user.type(capacity, "25");
    await user.click(screen.getByRole("button", { name: "Enregistrer l'ouverture" }));
    expect(await screen.findByText("Ouverture enregistrée (Accueil du matin, mardi 3 mars) : 25 places.")).toBeInTheDocument();
    expect(calls.filter((c) => c.method === "PATCH").map((c) => c.body)).toEqual([
      { capacity: 15, closed: false },
      { capacity: 25, closed: false },
    ]);
    await waitFor(() => expect(screen.getByRole("button", { name: "Modifier l'ouverture : Accueil du matin, mardi 3 mars" })).toHaveFocus());
  });

  it("shows this week and the next by default", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-03-04T10:00:00"));
    const calls = mockFetch({ ...STAFF_SESSION, ...ACTIVITIES, [`GET ${B}/occupancy/?from=2026-03-02&to=2026-03-15`]: { body: [] } });
    renderApp("/gestion/occupation");
    expect(await screen.findByText(/Aucune ouverture sur cette période/)).toBeInTheDocument();
    expect(screen.getByLabelText("Du")).toHaveValue("2026-03-02");
    expect(screen.getByLabelText("Au")).toHaveValue("2026-03-15");
    expect(calls.some((c) => c.url === `${B}/occupancy/?from=2026-03-02&to=2026-03-15`)).toBe(true);
  });
});

describe("attendance sheet", () => {
  const SHEET = `${B}/attendance/501/`;

  it("marks the children and posts only the changes", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      [`GET ${SHEET}`]: { body: makeSheet() },
      [`POST ${SHEET}`]: {
        body: makeSheet({
          lines: [
            line({ state: "present", has_pai: true, allergies: "Arachide" }),
            line({ reservation: 901, child_id: 12, first_name: "Emma", last_name: "Durand", state: "absent_billed" }),
            line({ reservation: 902, child_id: 13, first_name: "Noé", last_name: "Petit", state: "absent_excused", absence_reason: "Malade" }),
          ],
        }),
      },
    });
    renderApp("/gestion/presences/501");
    const user = userEvent.setup();
    const leo = await screen.findByRole("group", { name: "Présence de Léo Martin" });
    const leoItem = leo.closest("li")!;
    expect(leoItem).toHaveTextContent("PAI");
    expect(leoItem).toHaveTextContent("Allergies : Arachide");
    const noe = screen.getByRole("group", { name: "Présence de Noé Petit" });
    expect(within(noe).getByRole("button", { name: "Absent excusé" })).toHaveAttribute("aria-pressed", "true");
    expect(noe.closest("li")).toHaveTextContent("Motif : Malade");

    await user.click(screen.getByRole("button", { name: "Enregistrer" }));
    expect(await screen.findByText("Aucune modification à enregistrer.")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Tout présent" }));
    expect(within(leo).getByRole("button", { name: "Présent" })).toHaveAttribute("aria-pressed", "true");
    expect(within(noe).getByRole("button", { name: "Absent excusé" })).toHaveAttribute("aria-pressed", "true");
    const emma = screen.getByRole("group", { name: "Présence d'Emma Durand" });
    await user.click(within(emma).getByRole("button", { name: "Absent facturé" }));
    expect(within(emma).getByRole("button", { name: "Absent facturé" })).toHaveAttribute("aria-pressed", "true");
    expect(within(emma).getByRole("button", { name: "Présent" })).toHaveAttribute("aria-pressed", "false");
    expect(screen.getByText("2 modifications non enregistrées.")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Enregistrer" }));
    expect(await screen.findByText(/Présences enregistrées à \d\d:\d\d \(2 enfants\)\./)).toBeInTheDocument();
    expect(calls.filter((c) => c.method === "POST").map((c) => c.body)).toEqual([{ marks: { "900": "present", "901": "absent_billed" } }]);
    expect(screen.queryByText(/non enregistrée/)).not.toBeInTheDocument();
  });

  it("unmarks a child by pressing the same button again; a cancellation request is not markable", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      [`GET ${SHEET}`]: { body: makeSheet({ lines: [line({ state: "present" }), line({ reservation: 903, first_name: "Lou", last_name: "Blanc", state: "cancel_requested" })] }) },
      [`POST ${SHEET}`]: { body: makeSheet({ lines: [line()] }) },
    });
    renderApp("/gestion/presences/501");
    const user = userEvent.setup();
    const leo = await screen.findByRole("group", { name: "Présence de Léo Martin" });
    await user.click(within(leo).getByRole("button", { name: "Présent" }));
    expect(within(leo).getByRole("button", { name: "Présent" })).toHaveAttribute("aria-pressed", "false");
    expect(screen.queryByRole("group", { name: "Présence de Lou Blanc" })).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "à traiter dans les demandes d'annulation" })).toHaveAttribute("href", "/gestion/reservations?onglet=annulations");
    await user.click(screen.getByRole("button", { name: "Enregistrer" }));
    await screen.findByText(/Présences enregistrées/);
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ marks: { "900": "confirmed" } });
  });

  it("lists a day's units to open their sheet", async () => {
    mockFetch({ ...STAFF_SESSION, [`GET ${B}/occupancy/?from=2026-03-02&to=2026-03-02`]: { body: [makeOccupancyRow({ cells: [cell()] })] } });
    renderApp("/gestion/presences?date=2026-03-02");
    expect(await screen.findByRole("link", { name: "Accueil du matin" })).toHaveAttribute("href", "/gestion/presences/501");
    expect(screen.getByText(/12 enfants attendus/)).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Accueils du lundi 2 mars 2026" })).toBeInTheDocument();
  });
});
