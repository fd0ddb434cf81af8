import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter } from "react-router";
import { RouterProvider } from "react-router/dom";
import { describe, expect, it } from "vitest";
import { createQueryClient } from "../../../../api/queryClient";
import { axeViolations, describeViolations } from "../../../../test/axe";
import { mockFetch } from "../../../../test/render";
import type { StaffPlaceRequest, StaffRequestList } from "../api";
import { StaffRequestPage } from "./StaffRequestPage";
import { StaffRequestsPage } from "./StaffRequestsPage";

const LIST: StaffRequestList = {
  establishments: [
    { id: 3, name: "Les Petits Pas" },
    { id: 4, name: "Les Lucioles" },
  ],
  requests: [
    {
      id: 12,
      state: "submitted",
      state_label: "Reçue",
      child_name: "Nina",
      child_birth_date: "2026-09-01",
      due_date: null,
      family_id: 7,
      family_name: "MARTIN",
      desired_start: "2027-09-01",
      created_at: "2027-03-01T10:00:00+01:00",
      care: "regular",
      care_label: "Accueil régulier",
      hours_per_week: "45.00",
      choices: ["Les Petits Pas", "Les Lucioles"],
      offer_establishment_name: "",
    },
  ],
};

function makeStaffRequest(overrides: Partial<StaffPlaceRequest> = {}): StaffPlaceRequest {
  return {
    id: 12,
    state: "submitted",
    state_label: "Reçue",
    child_id: 5,
    child_name: "Nina",
    expected_first_name: "",
    due_date: null,
    desired_start: "2099-09-01",
    care: "regular",
    care_label: "Accueil régulier",
    schedule: [{ week: "A", weekday: 0, arrival: "08:00", departure: "17:00" }],
    alternating: false,
    hours_per_week: "9.00",
    comment: "Deux parents à temps plein",
    created_at: "2027-03-01T10:00:00+01:00",
    renewed_at: "2027-03-01T10:00:00+01:00",
    renewal_asked_at: null,
    renewal_due: null,
    reason: "",
    choices: [{ rank: 1, establishment_id: 3, establishment_name: "Les Petits Pas" }],
    offer: null,
    answered_at: null,
    can_withdraw: true,
    can_renew: false,
    can_answer: false,
    family: { id: 7, number: 42, name: "MARTIN", email: "", phone: "" },
    child_birth_date: "2026-09-01",
    decided_at: null,
    decided_by: "",
    establishments: [
      {
        id: 3,
        name: "Les Petits Pas",
        kind_label: "Multi-accueil",
        min_age_months: 2,
        max_age_months: 48,
        active: true,
        rank: 1,
        sections: [
          { id: 8, name: "Bébés", min_age_months: 0, max_age_months: 18 },
          { id: 9, name: "Moyens", min_age_months: 18, max_age_months: 30 },
        ],
      },
      { id: 4, name: "Les Lucioles", kind_label: "Micro-crèche", min_age_months: 2, max_age_months: 36, active: true, rank: null, sections: [] },
    ],
    ...overrides,
  };
}

function renderPage(path: string) {
  const queryClient = createQueryClient({ retry: false });
  const router = createMemoryRouter(
    [
      { path: "/gestion/creche/demandes", element: <StaffRequestsPage /> },
      { path: "/gestion/creche/demandes/:requestId", element: <StaffRequestPage /> },
    ],
    { initialEntries: [path] },
  );
  const result = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { ...result, router };
}

describe("Demandes de place (gestion)", () => {
  it("lists the requests and filters them through the address", async () => {
    const calls = mockFetch({
      "GET /api/v1/creche/staff/requests/": { body: LIST },
      "GET /api/v1/creche/staff/requests/?establishment=4": { body: { ...LIST, requests: [] } },
    });
    const { container, router } = renderPage("/gestion/creche/demandes");
    const user = userEvent.setup();

    expect(await screen.findByRole("link", { name: "Nina" })).toHaveAttribute("href", "/gestion/creche/demandes/12");
    expect(screen.getByText("1. Les Petits Pas · 2. Les Lucioles")).toBeInTheDocument();
    expect(screen.getByText("45 h")).toBeInTheDocument();
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
    await user.selectOptions(screen.getByLabelText("Établissement (à tout rang)"), "4");

    expect(await screen.findByText("Aucune demande ne correspond à ces critères.")).toBeInTheDocument();
    expect(router.state.location.search).toBe("?establishment=4");
    expect(calls.map((c) => c.url)).toContain("/api/v1/creche/staff/requests/?establishment=4");
  });

  it("says when the role may not see the requests", async () => {
    mockFetch({ "GET /api/v1/creche/staff/requests/": { status: 403, body: { detail: "Vous n'avez pas la permission." } } });
    renderPage("/gestion/creche/demandes");

    expect(await screen.findByText("Vous n'avez pas accès à cette fonction.")).toBeInTheDocument();
  });
});

describe("Une demande (commission)", () => {
  it("shows the free places, then offers a place with the schedule prefilled", async () => {
    let offered = false;
    const calls = mockFetch({
      "GET /api/v1/creche/staff/requests/12/": () => ({ body: offered ? makeStaffRequest({ state: "offered", state_label: "Place proposée" }) : makeStaffRequest() }),
      "POST /api/v1/creche/staff/requests/12/availability": {
        body: { days: [{ date: "2099-09-07", arrival: "08:00", departure: "17:00", free: 3, open: true }], min_free: 3 },
      },
      "POST /api/v1/creche/staff/requests/12/offer": () => {
        offered = true;
        return { body: makeStaffRequest({ state: "offered" }) };
      },
    });
    const { container } = renderPage("/gestion/creche/demandes/12");
    const user = userEvent.setup();

    expect(await screen.findByRole("link", { name: "MARTIN (n° 42)" })).toHaveAttribute("href", "/gestion/familles/7");
    expect(screen.getByText(/La proposition ne réserve aucune place/)).toBeInTheDocument();
    expect(screen.getByRole("checkbox", { name: "Lundi" })).toBeChecked();
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
    await user.selectOptions(screen.getByLabelText(/^Section/), "8");
    await user.click(screen.getByRole("button", { name: "Voir les places libres" }));
    const table = await screen.findByRole("table", { name: /Places libres pendant les 4 premières semaines \(au plus juste : 3\)/ });
    expect(within(table).getByText("3")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Proposer la place" }));

    expect(await screen.findByText(/La place est proposée/)).toBeInTheDocument();
    const post = calls.find((c) => c.url.endsWith("/offer"));
    expect(post?.body).toEqual({
      establishment: 3,
      section: 8,
      start: "2099-09-01",
      schedule: [{ week: "A", weekday: 0, arrival: "08:00", departure: "17:00" }],
      alternating: false,
    });
  });

  it("asks for the reason of a refusal", async () => {
    const calls = mockFetch({
      "GET /api/v1/creche/staff/requests/12/": { body: makeStaffRequest() },
      "POST /api/v1/creche/staff/requests/12/refuse": { body: makeStaffRequest({ state: "refused" }) },
    });
    renderPage("/gestion/creche/demandes/12");
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "Refuser la demande" }));
    expect(await screen.findByText(/Indiquez le motif du refus/)).toBeInTheDocument();
    await user.type(screen.getByLabelText("Motif communiqué à la famille"), "Aucune place le lundi");
    await user.click(screen.getByRole("button", { name: "Refuser la demande" }));

    expect(await screen.findByText(/La demande est refusée/)).toBeInTheDocument();
    expect(calls.find((c) => c.url.endsWith("/refuse"))?.body).toEqual({ reason: "Aucune place le lundi" });
  });

  it("links an accepted request to the contract to establish", async () => {
    mockFetch({
      "GET /api/v1/creche/staff/requests/12/": {
        body: makeStaffRequest({
          state: "accepted",
          state_label: "Place acceptée",
          answered_at: "2027-03-05T10:00:00+01:00",
          offer: {
            establishment_id: 3,
            establishment_name: "Les Petits Pas",
            section_id: 8,
            section_name: "Bébés",
            start: "2027-09-06",
            schedule: [{ week: "A", weekday: 0, arrival: "08:00", departure: "17:00" }],
            hours_per_week: "9.00",
            answer_by: "2027-03-16",
          },
        }),
      },
    });
    renderPage("/gestion/creche/demandes/12");

    expect(await screen.findByRole("link", { name: "Établir le contrat" })).toHaveAttribute("href", "/gestion/creche/contrats/nouveau?demande=12");
    expect(screen.queryByRole("button", { name: "Proposer la place" })).not.toBeInTheDocument();
  });
});
