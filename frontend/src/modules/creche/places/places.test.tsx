import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { describe, expect, it } from "vitest";
import { createQueryClient } from "../../../api/queryClient";
import { axeViolations, describeViolations } from "../../../test/axe";
import { mockFetch } from "../../../test/render";
import type { Availability, Board, Door, Establishment, OccasionalDay } from "./api";
import { DoorPage, OccasionalPage } from "./placesParentPages";
import { BoardPage, EstablishmentPage, OccasionalStaffPage, PointagePage } from "./placesStaffPages";

const BASE = "/api/v1/creche";

function renderPage(path: string, pattern: string, element: ReactNode) {
  const client = createQueryClient({ retry: false });
  const router = createMemoryRouter(
    [
      { path: pattern, element },
      { path: "*", element: <p>Autre page</p> },
    ],
    { initialEntries: [path] },
  );
  return { router, ...render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  ) };
}

const slot = (start: string, label: string, free: number) => ({ start, label, capacity: 12, booked: 12 - free, free, closed: false });

function makeBoard(overrides: Partial<Board> = {}): Board {
  return {
    establishment: { id: 1, name: "Les Petits Pas" },
    establishments: [
      { id: 1, name: "Les Petits Pas" },
      { id: 2, name: "Les Lucioles" },
    ],
    date: "2027-03-01",
    today: "2027-03-01",
    rows: [
      {
        child: { id: 10, first_name: "Ana", last_name: "Martin" },
        kind: "contract",
        planned_arrival: "08:00",
        planned_departure: "17:00",
        requested: false,
        status: "expected",
        presence: null,
        absence_kind: "",
      },
      {
        child: { id: 11, first_name: "Bob", last_name: "Roux" },
        kind: "occasional",
        planned_arrival: "13:30",
        planned_departure: "17:30",
        requested: false,
        status: "present",
        presence: { id: 5, arrival: "13:25", departure: null, source: "staff", corrected: false, correction_reason: "" },
        absence_kind: "",
      },
    ],
    counts: { expected: 1, present: 1, gone: 0, absent: 0 },
    slots: [slot("07:30", "07:30–08:00", 12), slot("08:00", "08:00–08:30", 0)],
    ...overrides,
  };
}

describe("tableau du jour (staff)", () => {
  it("shows the children by status and the free places per half-hour", async () => {
    mockFetch({ [`GET ${BASE}/staff/board/`]: { body: makeBoard() } });
    const { container } = renderPage("/gestion/creche", "/gestion/creche", <BoardPage />);
    expect(await screen.findByRole("heading", { name: /Les Petits Pas — 01\/03\/2027/ })).toBeInTheDocument();
    expect(screen.getByRole("list", { name: "Effectifs" })).toHaveTextContent("Présent : 1");
    const children = screen.getByRole("table", { name: "Enfants du jour" });
    expect(within(children).getByRole("row", { name: /Bob Roux/ })).toHaveTextContent("occasionnel");
    const places = screen.getByRole("table", { name: /Places libres/ });
    expect(within(places).getByRole("row", { name: /08:00–08:30/ })).toHaveTextContent("Complet");
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});

describe("pointage (staff)", () => {
  it("records an arrival now and shows the server's refusal in French", async () => {
    const calls = mockFetch({
      [`GET ${BASE}/staff/board/`]: { body: makeBoard() },
      [`POST ${BASE}/staff/pointage/`]: (init) => {
        const body = JSON.parse(String(init.body));
        return body.action === "arrival"
          ? { body: { id: 6, arrival: "10:00", departure: null, source: "staff", corrected: false, correction_reason: "" } }
          : { status: 409, body: { detail: ["Le départ (13:00) doit suivre l'arrivée (13:25)."], code: "pointage_refused" } };
      },
    });
    const { container } = renderPage("/gestion/creche/pointage", "/gestion/creche/pointage", <PointagePage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Arrivée de Ana Martin" }));
    expect(await screen.findByText("Arrivée de Ana à 10:00.")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ child: 10, establishment: 1, action: "arrival", time: null });

    await user.type(screen.getByLabelText("Heure pour Bob Roux (vide : maintenant)"), "13:00");
    await user.click(screen.getByRole("button", { name: "Départ de Bob Roux" }));
    expect(await screen.findAllByText("Le départ (13:00) doit suivre l'arrivée (13:25).")).not.toHaveLength(0);
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it("asks a reason to correct a past day, then shows the history", async () => {
    const past = makeBoard({ date: "2027-02-26" });
    const calls = mockFetch({
      [`GET ${BASE}/staff/board/`]: { body: past },
      [`GET ${BASE}/staff/board/?date=2027-02-26`]: { body: past },
      [`PUT ${BASE}/staff/presences/correct/`]: { body: { id: 5, arrival: "13:00", departure: "17:00", source: "staff", corrected: true, correction_reason: "Oubli" } },
      [`GET ${BASE}/staff/presences/5/history/`]: {
        body: [{ at: "2027-02-26T13:25:00+01:00", label: "Pointage", arrival: "13:25", departure: null, source: "staff", corrected: false, correction_reason: "", author: "Claire Dubois" }],
      },
    });
    renderPage("/gestion/creche/pointage", "/gestion/creche/pointage", <PointagePage />);
    const user = userEvent.setup();
    expect(await screen.findByText(/Jour passé ou à venir/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Arrivée de Ana Martin" })).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Corriger les horaires de Bob Roux" }));
    const form = screen.getByRole("form", { name: "Correction pour Bob Roux" });
    await user.click(within(form).getByRole("button", { name: "Enregistrer la correction" }));
    expect(within(form).getAllByText("Indiquez le motif de la correction d'un jour passé.").length).toBeGreaterThan(0);
    expect(calls.some((c) => c.method === "PUT")).toBe(false);
    await user.type(within(form).getByLabelText(/Motif de la correction/), "Oubli");
    await user.click(within(form).getByRole("button", { name: "Enregistrer la correction" }));
    expect(calls.find((c) => c.method === "PUT")!.body).toMatchObject({ child: 11, date: "2027-02-26", arrival: "13:25", reason: "Oubli" });

    await user.click(screen.getByRole("button", { name: "Historique de Bob Roux" }));
    expect(await screen.findByRole("table", { name: "Historique du pointage" })).toHaveTextContent("Claire Dubois");
  });
});

function makeEstablishment(): Establishment {
  return {
    id: 3,
    name: "Les Lucioles",
    kind: "micro_creche",
    kind_label: "Micro-crèche",
    address: "",
    phone: "",
    order: 100,
    agrement: 12,
    min_age_months: 2,
    max_age_months: 48,
    occasional_care: true,
    active: true,
    hours: [{ weekday: 0, opens: "07:30", closes: "18:30" }],
    bands: [],
    sections: [],
    closures: [{ id: 8, label: "Été", start_date: "2027-08-01", end_date: "2027-08-21", deducted: false }],
  };
}

describe("établissement (staff)", () => {
  it("creates an establishment with its hours and opens its page", async () => {
    const calls = mockFetch({
      [`POST ${BASE}/staff/establishments/`]: { status: 201, body: { establishment: makeEstablishment(), openings_created: 5720, message: "" } },
      [`GET ${BASE}/staff/establishments/3/`]: { body: makeEstablishment() },
    });
    const { router, container } = renderPage("/gestion/creche/etablissements/nouveau", "/gestion/creche/etablissements/:id", <EstablishmentPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Enregistrer" }));
    expect(screen.getAllByText("Indiquez le nom de l'établissement.").length).toBeGreaterThan(0);
    await user.type(screen.getByLabelText(/^Nom/), "Les Lucioles");
    await user.click(screen.getByLabelText("Samedi : ouvert"));
    await user.click(screen.getByRole("button", { name: "Ajouter une tranche" }));
    await user.click(screen.getByRole("button", { name: "Enregistrer" }));
    const body = calls.find((c) => c.method === "POST")!.body as { name: string; hours: unknown[]; bands: unknown[] };
    expect(body.name).toBe("Les Lucioles");
    expect(body.hours).toHaveLength(6);
    expect(body.bands).toEqual([{ start: "07:30", end: "08:30", places: 12 }]);
    expect(router.state.location.pathname).toBe("/gestion/creche/etablissements/3");
    expect(await screen.findByText(/prévue \(hors contrat\)/)).toBeInTheDocument();
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it("tells the direction when a half-hour keeps the places already taken", async () => {
    mockFetch({
      [`GET ${BASE}/staff/establishments/3/`]: { body: makeEstablishment() },
      [`PATCH ${BASE}/staff/establishments/3/`]: {
        body: { establishment: makeEstablishment(), openings_created: 0, message: "2 demi-heure(s) déjà réservée(s) au-delà de la nouvelle capacité gardent leurs places." },
      },
    });
    renderPage("/gestion/creche/etablissements/3", "/gestion/creche/etablissements/:id", <EstablishmentPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Enregistrer" }));
    expect(await screen.findByText(/gardent leurs places/)).toBeInTheDocument();
  });
});

const request: OccasionalDay = {
  key: "11-1-2027-03-08",
  child: { id: 11, first_name: "Bob", last_name: "Roux" },
  family_name: "Roux",
  establishment: { id: 1, name: "Les Petits Pas" },
  day: "2027-03-08",
  arrival: "08:00",
  departure: "12:00",
  state: "requested",
  state_label: "Demandée",
  can_cancel: true,
  cancel_reason: "",
};

describe("accueil occasionnel (staff)", () => {
  it("refuses only with a reason and accepts the whole day", async () => {
    const calls = mockFetch({
      [`GET ${BASE}/staff/occasional/`]: { body: [request] },
      [`POST ${BASE}/staff/occasional/decide/`]: { body: { detail: "Accueil accepté.", count: 8 } },
    });
    renderPage("/gestion/creche/occasionnel", "/gestion/creche/occasionnel", <OccasionalStaffPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Refuser la journée de Bob Roux" }));
    expect(screen.getAllByText("Indiquez le motif du refus.").length).toBeGreaterThan(0);
    expect(calls.some((c) => c.method === "POST")).toBe(false);
    await user.click(screen.getByRole("button", { name: "Accepter la journée de Bob Roux" }));
    expect(await screen.findByText(/Accueil accepté/)).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ child: 11, establishment: 1, date: "2027-03-08", decision: "accept", reason: "" });
  });
});

describe("annulation d'un accueil occasionnel (staff)", () => {
  it("frees the places of a day the family cancels", async () => {
    const calls = mockFetch({
      [`GET ${BASE}/staff/occasional/`]: { body: [{ ...request, state: "cancel_requested", state_label: "Annulation demandée" }] },
      [`POST ${BASE}/staff/occasional/decide/`]: { body: { detail: "Annulation acceptée : les places sont libérées.", count: 8 } },
    });
    renderPage("/gestion/creche/occasionnel", "/gestion/creche/occasionnel", <OccasionalStaffPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Accepter l'annulation de Bob Roux" }));
    expect(await screen.findByText(/les places sont libérées/)).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")!.body).toMatchObject({ decision: "excused" });
  });
});

function makeAvailability(): Availability {
  const establishment = { id: 1, name: "Les Petits Pas", address: "", min_age_months: 2, max_age_months: 48 };
  return {
    establishments: [establishment],
    establishment,
    date: "2027-03-08",
    today: "2027-03-01",
    slots: [slot("08:00", "08:00–08:30", 3), slot("08:30", "08:30–09:00", 0)],
    presets: [
      { label: "Matin", arrival: "08:00", departure: "12:00" },
      { label: "Après-midi", arrival: "13:30", departure: "17:30" },
    ],
    children: [
      { id: 11, first_name: "Bob", last_name: "Roux", eligible: true, reason: "" },
      { id: 12, first_name: "Léa", last_name: "Roux", eligible: false, reason: "Léa aura 96 mois" },
    ],
    validation: true,
  };
}

describe("accueil occasionnel (famille)", () => {
  it("books a morning for the eligible child and lists the bookings", async () => {
    const calls = mockFetch({
      [`GET ${BASE}/occasional/`]: { body: makeAvailability() },
      [`GET ${BASE}/occasional/bookings/`]: { body: [request] },
      [`POST ${BASE}/occasional/bookings/`]: { status: 201, body: { detail: "Demande envoyée : la crèche vous confirmera l'accueil.", count: 8 } },
      [`POST ${BASE}/occasional/bookings/cancel/`]: { body: { detail: "Accueil annulé.", count: 8 } },
    });
    const { container } = renderPage("/creche/occasionnel", "/creche/occasionnel", <OccasionalPage />);
    const user = userEvent.setup();
    expect(await screen.findByRole("table", { name: /Places libres le 08\/03\/2027/ })).toHaveTextContent("Complet");
    expect(screen.getByRole("option", { name: /Léa \(Léa aura 96 mois\)/ })).toBeDisabled();
    await user.click(screen.getByRole("button", { name: "Réserver" }));
    expect(await screen.findByText(/Demande envoyée/)).toBeInTheDocument();
    expect(calls.find((c) => c.url.endsWith("/bookings/") && c.method === "POST")!.body).toEqual({
      child: 11,
      establishment: 1,
      date: "2027-03-08",
      arrival: "08:00",
      departure: "12:00",
    });
    await user.click(screen.getByRole("button", { name: "Annuler l'accueil du 08/03/2027 (Bob)" }));
    expect(await screen.findByText("Accueil annulé.")).toBeInTheDocument();
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it("books custom hours", async () => {
    const calls = mockFetch({
      [`GET ${BASE}/occasional/`]: { body: makeAvailability() },
      [`GET ${BASE}/occasional/bookings/`]: { body: [] },
      [`POST ${BASE}/occasional/bookings/`]: { status: 201, body: { detail: "Accueil réservé.", count: 2 } },
    });
    renderPage("/creche/occasionnel", "/creche/occasionnel", <OccasionalPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByLabelText("Horaires au choix"));
    await user.selectOptions(screen.getByLabelText("Arrivée"), "08:00");
    await user.selectOptions(screen.getByLabelText("Départ"), "09:00");
    await user.click(screen.getByRole("button", { name: "Réserver" }));
    expect(await screen.findByText("Accueil réservé.")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")!.body).toMatchObject({ arrival: "08:00", departure: "09:00" });
  });
});

describe("pointage à la porte (famille)", () => {
  it("explains when parents do not clock", async () => {
    mockFetch({ [`GET ${BASE}/pointage/`]: { body: { enabled: false, today: "2027-03-01", children: [] } satisfies Door } });
    renderPage("/creche/pointage", "/creche/pointage", <DoorPage />);
    expect(await screen.findByText(/fait par l'équipe/)).toBeInTheDocument();
  });

  it("clocks the child in", async () => {
    const door: Door = {
      enabled: true,
      today: "2027-03-01",
      children: [{ child: { id: 11, first_name: "Bob", last_name: "Roux" }, establishment: { id: 1, name: "Les Petits Pas" }, presence: null }],
    };
    const calls = mockFetch({
      [`GET ${BASE}/pointage/`]: { body: door },
      [`POST ${BASE}/pointage/`]: { body: { id: 6, arrival: "08:05", departure: null, source: "parent", corrected: false, correction_reason: "" } },
    });
    const { container } = renderPage("/creche/pointage", "/creche/pointage", <DoorPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Arrivée de Bob Roux" }));
    expect(await screen.findByText("Arrivée enregistrée à 08:05.")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ child: 11, action: "arrival" });
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});
