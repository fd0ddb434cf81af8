import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { describe, expect, it } from "vitest";
import { createQueryClient } from "../../../../api/queryClient";
import { axeViolations, describeViolations } from "../../../../test/axe";
import { mockFetch } from "../../../../test/render";
import type { Campaign, SejoursSettings } from "./api";
import { CampaignsPage, SejoursSettingsPage } from "./pages";

const S = "/api/v1/sejours/staff";

function renderPage(path: string) {
  const router = createMemoryRouter(
    [
      { path: "/gestion/sejours/campagnes", element: <CampaignsPage /> },
      { path: "/gestion/sejours/reglages", element: <SejoursSettingsPage /> },
      { path: "*", element: <p>Autre page</p> },
    ],
    { initialEntries: [path] },
  );
  return render(
    <QueryClientProvider client={createQueryClient({ retry: false })}>
      <main>
        <RouterProvider router={router} />
      </main>
    </QueryClientProvider>,
  );
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

const SETTINGS: SejoursSettings = {
  accept_days: 8,
  vacaf_enabled: true,
  vacaf_bands: [
    ["400", "30.00"],
    ["600", "22.00"],
  ],
  vacaf_cap_days: 14,
  coordinator_email: "",
  criteria_labels: {} as SejoursSettings["criteria_labels"],
};

describe("séjours staff: campaigns and settings", () => {
  it("reorders the priority criteria with up and down buttons", async () => {
    const calls = mockFetch({
      [`GET ${S}/campaigns/`]: { body: [CAMPAIGN] },
      [`PATCH ${S}/campaigns/3/`]: { body: { ...CAMPAIGN, criteria: ["quotient_band", "first_stay_this_year", "wish_date"] } },
    });
    const { container } = renderPage("/gestion/sejours/campagnes");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Modifier « Colos de l'été 2027 »" }));
    expect(screen.getByRole("button", { name: /^Monter « Premier séjour/ })).toBeDisabled();
    await user.click(screen.getByRole("button", { name: /^Monter « Tranche de quotient/ }));
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Enregistrer la campagne" }));

    expect(await screen.findByText("La campagne est enregistrée.")).toBeInTheDocument();
    const body = calls.find((c) => c.method === "PATCH")!.body as Campaign;
    expect(body.criteria).toEqual(["quotient_band", "first_stay_this_year", "wish_date"]);
    expect(body.max_wishes).toBe(3);
  });

  it("refuses VACAF bands out of order before sending", async () => {
    const calls = mockFetch({ [`GET ${S}/settings/`]: { body: SETTINGS } });
    renderPage("/gestion/sejours/reglages");
    const user = userEvent.setup();
    const inputs = await screen.findAllByLabelText("Quotient jusqu'à");
    await user.clear(inputs[1]);
    await user.type(inputs[1], "300");
    await user.click(screen.getByRole("button", { name: "Enregistrer" }));

    expect(await screen.findByRole("link", { name: "Les tranches VACAF vont du plus petit quotient au plus grand." })).toBeInTheDocument();
    expect(calls.some((c) => c.method === "PATCH")).toBe(false);
  });
});
