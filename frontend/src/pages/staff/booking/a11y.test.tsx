import { screen } from "@testing-library/react";
import userEvent, { type UserEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { axeViolations, describeViolations } from "../../../test/axe";
import { mockFetch, renderApp, type MockResponse } from "../../../test/render";
import { page, STAFF_SESSION } from "../staffFixtures";
import { ACTIVITIES, B, makeActivity, makeLegend, makePolicy, makeTariff, makeUnit, PRICING_METHODS } from "./bookingFixtures";

const TOUSSAINT = {
  id: 1,
  label: "Toussaint",
  opens_at: "2026-09-01T08:00:00+02:00",
  closes_at: "2026-10-01T18:00:00+02:00",
  first_date: "2026-10-19",
  last_date: "2026-10-30",
};

const CONFIG = {
  ...ACTIVITIES,
  ...PRICING_METHODS,
  [`GET ${B}/policies/`]: { body: page([makePolicy(), makePolicy({ id: 2, name: "Vacances", kind: "fixed_windows", windows: [TOUSSAINT] })]) },
  [`GET ${B}/units/`]: { body: page([makeUnit()]) },
  [`GET ${B}/units/?activity=3`]: { body: page([makeUnit(), makeUnit({ id: 22, name: "Restauration" })]) },
  [`GET ${B}/groups/`]: { body: page([{ id: 1, activity: 3, name: "Maternelles", capacity: 12, order: 0 }]) },
  [`GET ${B}/tariffs/`]: { body: page([makeTariff(), makeTariff({ id: 2, name: "Cantine", method: "quotient", brackets: [{ id: 1, qf_min: "0", qf_max: "700", amount: "2.10", amount_exterior: null }] }), makeTariff({ id: 3, name: "Garderie", method: "per_hour", parameters: { rounding_minutes: 15 } })]) },
  [`GET ${B}/billing-settings/`]: { body: { resident_postal_codes: ["38000"] } },
  [`GET ${B}/closures/`]: { body: page([{ id: 1, label: "Pont", start_date: "2026-05-15", end_date: "2026-05-15", activity: null }]) },
  [`GET ${B}/legend/`]: { body: [makeLegend(), makeLegend({ id: 2, code: "cancelled", label: "Annulé", short_label: "A", color: "#fde047" })] },
};

type Step = (user: UserEvent) => Promise<void>;

const SCREENS: Array<[string, string, string, Record<string, MockResponse>, Step?]> = [
  [
    "activities with units and groups",
    "/gestion/configuration/activites",
    "Configuration",
    CONFIG,
    async (user) => {
      await user.click(await screen.findByRole("button", { name: "Modifier « Accueil périscolaire »" }));
      await screen.findByRole("table", { name: "Prestations (2)" });
      await screen.findByRole("table", { name: "Groupes (1)" });
    },
  ],
  [
    "policies with windows",
    "/gestion/configuration/delais",
    "Configuration",
    CONFIG,
    async (user) => {
      await user.click(await screen.findByRole("button", { name: "Modifier « Vacances »" }));
      await screen.findByRole("group", { name: "Fenêtre 1 : Toussaint" });
    },
  ],
  ["closures", "/gestion/configuration/fermetures", "Configuration", CONFIG],
  [
    "tariffs with brackets and simulator",
    "/gestion/configuration/tarifs",
    "Configuration",
    CONFIG,
    async (user) => {
      await user.click(await screen.findByRole("button", { name: "Modifier « Cantine »" }));
      await screen.findByLabelText("Tranche 1 : QF jusqu'à (exclu)");
    },
  ],
  [
    "tariffs with a method's parameters",
    "/gestion/configuration/tarifs",
    "Configuration",
    CONFIG,
    async (user) => {
      await user.click(await screen.findByRole("button", { name: "Modifier « Garderie »" }));
      expect(await screen.findByLabelText("Arrondi (minutes) *")).toHaveValue("15");
    },
  ],
  [
    "legend with a low contrast warning",
    "/gestion/configuration/legende",
    "Configuration",
    CONFIG,
    async (user) => {
      await user.click(await screen.findByRole("button", { name: "Modifier « Annulé »" }));
      await screen.findByText(/Contraste insuffisant/);
    },
  ],
];

describe("booking configuration accessibility (axe)", () => {
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
