import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { describe, expect, it } from "vitest";
import { createQueryClient } from "../../../../api/queryClient";
import { axeViolations, describeViolations } from "../../../../test/axe";
import { mockFetch } from "../../../../test/render";
import type { Campaign, Stay, StaySummary } from "./api";
import { moveCriterion } from "./CampaignsPage";
import { CampaignsPage, SejoursSettingsPage, StayEditPage, StaysPage } from "./pages";
import { toForm, toInput } from "./stayForm";

const S = "/api/v1/sejours/staff";

/** The stays part's pages alone (the other parts' pages are theirs to test). */
function renderApp(path: string) {
  const queryClient = createQueryClient({ retry: false });
  const router = createMemoryRouter(
    [
      { path: "/gestion/sejours", element: <StaysPage /> },
      { path: "/gestion/sejours/nouveau", element: <StayEditPage /> },
      { path: "/gestion/sejours/campagnes", element: <CampaignsPage /> },
      { path: "/gestion/sejours/reglages", element: <SejoursSettingsPage /> },
      { path: "/gestion/sejours/:stayId", element: <StayEditPage /> },
      { path: "*", element: <p>Autre page</p> },
    ],
    { initialEntries: [path] },
  );
  const result = render(
    <QueryClientProvider client={queryClient}>
      <main>
        <RouterProvider router={router} />
      </main>
    </QueryClientProvider>,
  );
  return { ...result, router };
}

const CAMPAIGN: Campaign = {
  id: 3,
  label: "Colos de l'été 2027",
  season: "Été 2027",
  opens_at: "2027-02-22T10:00:00+01:00",
  closes_at: "2027-04-05T10:00:00+02:00",
  max_wishes: 3,
  max_stays_per_child: 1,
  criteria: ["first_stay_this_year", "quotient_band", "wish_date"],
  keep_on_better_waitlists: true,
  status: "preparing",
  published_at: null,
  stays_count: 6,
  wishes_count: 14,
  is_open: true,
};

function makeSummary(overrides: Partial<StaySummary> = {}): StaySummary {
  return {
    id: 11,
    name: "Poneys au ranch",
    season: "Été 2027",
    theme: "Équitation",
    destination: "Villard-de-Lans",
    country: "France",
    start_date: "2027-08-03",
    end_date: "2027-08-08",
    min_age: 6,
    max_age: 8,
    capacity: 7,
    places_left: 0,
    wishes_count: 8,
    campaign: 3,
    campaign_label: "Colos de l'été 2027",
    status: "open",
    ...overrides,
  };
}

const STAY: Stay = {
  ...makeSummary(),
  description: "",
  place: "Ranch",
  published: true,
  school_levels: [],
  nautical: false,
  price_method: "quotient",
  price_amount: null,
  price_amount_exterior: null,
  price_brackets: [
    { qf_min: "0", qf_max: "600", amount: "390", amount_exterior: null },
    { qf_min: "600", qf_max: null, amount: "490", amount_exterior: null },
  ],
  deposit_amount: "100.00",
  deposit_percent: null,
  balance_days_before: 30,
  cancellation_scale: [{ days_min: 31, deposit: true }],
  document_types: [5],
  trousseau: "",
  practical_info: "",
  transports: [],
  media: [],
  copied_from: null,
};

describe("séjours staff: stays", () => {
  it("lists the stays with places left and copies one to a new date", async () => {
    const calls = mockFetch({
      [`GET ${S}/stays/`]: { body: [makeSummary(), makeSummary({ id: 12, name: "Voile à Quiberon", places_left: 9, wishes_count: 3 })] },
      [`GET ${S}/campaigns/`]: { body: [CAMPAIGN] },
      [`POST ${S}/stays/11/copy/`]: { status: 201, body: { ...STAY, id: 40 } },
      [`GET ${S}/stays/40/`]: { body: { ...STAY, id: 40 } },
      "GET /api/v1/staff/document-types/": { body: { count: 0, next: null, previous: null, results: [] } },
    });
    const { container, router } = renderApp("/gestion/sejours");
    const user = userEvent.setup();
    const table = await screen.findByRole("table", { name: "Séjours (2)" });
    const ranch = within(table).getByRole("row", { name: /Poneys au ranch/ });
    expect(within(ranch).getByText("Complet")).toBeInTheDocument();
    expect(within(ranch).getByRole("link", { name: "Suivi de « Poneys au ranch »" })).toHaveAttribute("href", "/gestion/sejours/11/suivi");
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);

    await user.click(within(ranch).getByRole("button", { name: "Copier « Poneys au ranch »" }));
    await user.click(screen.getByRole("button", { name: "Copier le séjour" }));
    expect(await screen.findByText("Indiquez la date de départ de la copie.", { selector: "a" })).toBeInTheDocument();
    await user.type(screen.getByLabelText(/Nouvelle date de départ/), "2028-08-01");
    await user.click(screen.getByRole("button", { name: "Copier le séjour" }));
    expect(await screen.findByText("Séjour copié : vérifiez-le avant de le proposer.")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ start_date: "2028-08-01" });
    expect(router.state.location.pathname).toBe("/gestion/sejours/40");
  });

  it("shows the server's French refusal next to the capacity", async () => {
    mockFetch({
      [`GET ${S}/stays/11/`]: { body: STAY },
      [`GET ${S}/campaigns/`]: { body: [CAMPAIGN] },
      "GET /api/v1/staff/document-types/": {
        body: { count: 1, next: null, previous: null, results: [{ id: 5, name: "Test d'aisance aquatique", scope: "child" }] },
      },
      [`PATCH ${S}/stays/11/`]: { status: 409, body: { capacity: ["5 places sont déjà attribuées : la capacité ne peut pas descendre en dessous."], code: "stay_places_held" } },
    });
    const { container } = renderApp("/gestion/sejours/11");
    const user = userEvent.setup();
    expect(await screen.findByRole("heading", { level: 1, name: "Poneys au ranch" })).toBeInTheDocument();
    expect(await screen.findByRole("checkbox", { name: "Test d'aisance aquatique" })).toBeChecked();
    expect(screen.getByRole("group", { name: "Tranche 2" })).toBeInTheDocument();
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);

    const capacity = screen.getByLabelText(/^Places/);
    await user.clear(capacity);
    await user.type(capacity, "3");
    await user.click(screen.getByRole("button", { name: "Enregistrer" }));
    expect(await screen.findByRole("link", { name: /ne peut pas descendre en dessous/ })).toHaveAttribute("href", "#sejour-places");
  });
});

describe("stay form conversion", () => {
  it("sends the deposit as an amount or a percent, never both, and brackets only for QF", () => {
    const input = toInput(toForm(STAY));
    expect(input.deposit_amount).toBe("100.00");
    expect(input.deposit_percent).toBeNull();
    expect(input.price_brackets).toHaveLength(2);
    expect(input.price_amount).toBeNull();
    const flat = toInput({ ...toForm(STAY), price_method: "flat", price_amount: "420,50", deposit_kind: "percent", deposit_value: "30" });
    expect(flat.price_brackets).toEqual([]);
    expect(flat.price_amount).toBe("420.50");
    expect([flat.deposit_amount, flat.deposit_percent]).toEqual([null, "30"]);
  });

  it("moves a criterion up and down within bounds", () => {
    const order = CAMPAIGN.criteria;
    expect(moveCriterion(order, 1, -1)).toEqual(["quotient_band", "first_stay_this_year", "wish_date"]);
    expect(moveCriterion(order, 2, 1)).toBe(order);
  });
});
