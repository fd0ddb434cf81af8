import { screen } from "@testing-library/react";
import userEvent, { type UserEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ACTIVITIES, B, makeActivity, makeEnrolment, makeOccupancyRow, makeReservation, makeSheet } from "../../../pages/staff/booking/bookingFixtures";
import { page, STAFF_SESSION } from "../../../pages/staff/staffFixtures";
import { axeViolations, describeViolations } from "../../../test/axe";
import { mockFetch, renderApp, type MockResponse } from "../../../test/render";

type Step = (user: UserEvent) => Promise<void>;

const SCREENS: Array<[string, string, string, Record<string, MockResponse>, Step?]> = [
  ["enrolment requests", "/gestion/inscriptions", "Demandes d'inscription", { [`GET ${B}/enrolments/?status=requested`]: { body: page([makeEnrolment()]) } }],
  [
    "refusing enrolments",
    "/gestion/inscriptions",
    "Demandes d'inscription",
    { [`GET ${B}/enrolments/?status=requested`]: { body: page([makeEnrolment()]) } },
    async (user) => {
      await user.click(await screen.findByLabelText("Tout sélectionner"));
      await user.click(screen.getByRole("button", { name: "Refuser" }));
      await screen.findByLabelText("Motif du refus");
    },
  ],
  ["reservation requests", "/gestion/reservations", "Demandes de réservation et d'annulation", { [`GET ${B}/reservations/?state=requested`]: { body: page([makeReservation()]) } }],
  [
    "cancellation requests",
    "/gestion/reservations?onglet=annulations",
    "Demandes de réservation et d'annulation",
    { [`GET ${B}/reservations/?state=cancel_requested`]: { body: page([makeReservation({ state: "cancel_requested", absence_reason: "Malade" })]) } },
  ],
  [
    "occupancy with the opening editor",
    "/gestion/occupation?du=2026-03-02&au=2026-03-04",
    "Occupation",
    { [`GET ${B}/occupancy/?from=2026-03-02&to=2026-03-04`]: { body: [makeOccupancyRow()] } },
    async (user) => {
      await user.click(await screen.findByRole("button", { name: "Modifier l'ouverture : Accueil du matin, lundi 2 mars" }));
      await screen.findByLabelText("Nombre de places");
    },
  ],
  ["attendance sheet", "/gestion/presences/501", "Feuille de présence", { [`GET ${B}/attendance/501/`]: { body: makeSheet() } }, async () => void (await screen.findByRole("button", { name: "Tout présent" }))],
  ["attendance picker", "/gestion/presences?date=2026-03-02", "Présences", { [`GET ${B}/occupancy/?from=2026-03-02&to=2026-03-02`]: { body: [makeOccupancyRow()] } }],
];

describe("périscolaire back office accessibility (axe)", () => {
  it.each(SCREENS)("%s has no axe violation", async (_, path, heading, handlers, step) => {
    mockFetch({ ...STAFF_SESSION, ...ACTIVITIES, [`GET ${B}/activities/`]: { body: page([makeActivity()]) }, ...handlers });
    const { container } = renderApp(path);
    await screen.findByRole("heading", { level: 1, name: heading });
    if (step) await step(userEvent.setup());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});
