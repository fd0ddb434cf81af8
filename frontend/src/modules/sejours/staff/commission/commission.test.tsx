import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { describe, expect, it } from "vitest";
import { createQueryClient } from "../../../../api/queryClient";
import { axeViolations, describeViolations } from "../../../../test/axe";
import { mockFetch } from "../../../../test/render";
import type { CampaignItem, Commission, FollowUp } from "./api";
import { CommissionPage, StayFollowUpPage } from "./pages";

const BASE = "/api/v1/sejours/staff";

const campaign: CampaignItem = {
  id: 3,
  label: "Été 2027",
  season: "2027",
  status: "preparing",
  opens_at: "2027-01-10T08:00:00+01:00",
  closes_at: "2027-02-10T08:00:00+01:00",
  published_at: null,
  stays: 1,
  wishes: 2,
  runs: 1,
};

function makeCommission(): Commission {
  return {
    campaign,
    criteria: [{ code: "quotient_band", label: "tranche de quotient familial (la plus basse d'abord)" }],
    max_stays_per_child: 1,
    keep_on_better_waitlists: true,
    stays: [
      {
        id: 4,
        name: "Séjour Mer",
        start_date: "2027-07-10",
        end_date: "2027-07-16",
        min_age: 6,
        max_age: 12,
        capacity: 1,
        places_left: 1,
        wishes_by_rank: { "1": 2, "2": 0, "3": 0 },
        wishes_total: 2,
        demand_ratio: 2,
        cancelled: false,
      },
    ],
    runs: [
      {
        id: 8,
        seed: "12345",
        criteria: ["quotient_band"],
        created_at: "2027-02-12T10:00:00+01:00",
        created_by: "Claire Coordinatrice",
        published_at: null,
        counts: { placed: 1, waitlisted: 1, refused: 0, no_wish: 0 },
        move_count: 0,
      },
    ],
    run: {
      id: 8,
      seed: "12345",
      criteria: ["quotient_band"],
      created_at: "2027-02-12T10:00:00+01:00",
      created_by: "Claire Coordinatrice",
      published_at: null,
      counts: { placed: 1, waitlisted: 1, refused: 0, no_wish: 0 },
      move_count: 0,
      stays: [{ stay_id: 4, placed: [21], waitlist: [22] }],
      children: [
        {
          id: 21,
          name: "Léa Martin",
          family_id: 7,
          family_name: "MARTIN",
          age: 9,
          status: "placed",
          manual: false,
          placements: [{ stay_id: 4, wish_rank: 1 }],
          waitlists: [],
          refusals: [],
          trail: ["Vœu 1 (Séjour Mer) : place attribuée."],
          wishes: [{ id: 31, rank: 1, stay_id: 4, status: "pending" }],
        },
        {
          id: 22,
          name: "Tom Durand",
          family_id: 9,
          family_name: "DURAND",
          age: 10,
          status: "waitlisted",
          manual: false,
          placements: [],
          waitlists: [{ stay_id: 4, wish_rank: 1, position: 1 }],
          refusals: [],
          trail: ["Vœu 1 (Séjour Mer) : complet, 1 enfant prioritaire ; liste d'attente, rang 1."],
          wishes: [{ id: 32, rank: 1, stay_id: 4, status: "pending" }],
        },
      ],
      moves: [],
    },
  };
}

function renderPage(path: string, pattern: string, element: React.ReactNode) {
  const client = createQueryClient({ retry: false });
  const router = createMemoryRouter([{ path: pattern, element }], { initialEntries: [path] });
  return render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
}

describe("commission d'attribution", () => {
  it("shows the demand, the proposal and its trail, and moves a child with a reason", async () => {
    const calls = mockFetch({
      [`GET ${BASE}/commission/campaigns`]: { body: [campaign] },
      [`GET ${BASE}/campaigns/3/commission`]: { body: makeCommission() },
      [`POST ${BASE}/runs/8/moves`]: {
        status: 201,
        body: {
          id: 1,
          child_id: 21,
          child_name: "Léa Martin",
          from_stay_id: 4,
          to_stay_id: 4,
          to_status: "waitlisted",
          reason: "Famille injoignable",
          effect: ["Léa Martin : liste d'attente de « Séjour Mer », rang 2.", "Une place se libère sur « Séjour Mer »."],
          created_by: "Claire",
          created_at: "2027-02-12T11:00:00+01:00",
        },
      },
    });
    const { container } = renderPage("/gestion/sejours/commission", "/gestion/sejours/commission", <CommissionPage />);
    const user = userEvent.setup();

    const table = await screen.findByRole("table", { name: "Places et vœux par séjour" });
    const row = within(table).getByRole("row", { name: /Séjour Mer/ });
    expect(within(row).getAllByRole("cell").map((c) => c.textContent)).toEqual(["1", "1", "2", "0", "0", "2", "Suivi"]);
    expect(screen.getByText(/graine/, { selector: "h2" })).toHaveTextContent("12345");
    expect(screen.getByText("Vœu 1 (Séjour Mer) : complet, 1 enfant prioritaire ; liste d'attente, rang 1.")).toBeInTheDocument();
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);

    await user.click(screen.getByRole("button", { name: "Déplacer Léa Martin" }));
    const dialog = screen.getByRole("dialog", { name: "Déplacer Léa Martin" });
    await user.click(within(dialog).getByLabelText("Le mettre en liste d'attente"));
    await user.click(within(dialog).getByRole("button", { name: "Enregistrer le changement" }));
    expect(within(dialog).getAllByText("Indiquez le motif du changement.").length).toBeGreaterThan(0);
    expect(calls.some((c) => c.method === "POST")).toBe(false);

    await user.type(within(dialog).getByLabelText(/^Motif/), "Famille injoignable");
    await user.click(within(dialog).getByRole("button", { name: "Enregistrer le changement" }));

    expect(await screen.findByText("Une place se libère sur « Séjour Mer ».")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({
      child: 21,
      to_stay: 4,
      to_status: "waitlisted",
      reason: "Famille injoignable",
    });
  });

  it("publishes after a confirmation that says how many e-mails go out", async () => {
    const calls = mockFetch({
      [`GET ${BASE}/commission/campaigns`]: { body: [campaign] },
      [`GET ${BASE}/campaigns/3/commission`]: { body: makeCommission() },
      [`POST ${BASE}/runs/8/publish`]: {
        body: { offered: 1, waitlisted: 1, refused: 0, not_examined: 0, families: 2, notes: [], wish_ids: [31, 32] },
      },
    });
    renderPage("/gestion/sejours/commission?campagne=3", "/gestion/sejours/commission", <CommissionPage />);
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "Publier les décisions" }));
    expect(screen.getByText(/envoyer 2 courriels/)).toBeInTheDocument();
    expect(calls.some((c) => c.method === "POST")).toBe(false);
    await user.click(screen.getByRole("button", { name: "Confirmer la publication" }));

    expect(await screen.findByText(/Décisions publiées : 1 place attribuée/)).toBeInTheDocument();
  });
});

describe("suivi d'un séjour", () => {
  it("lists the participants with their file, the waiting list and the exports", async () => {
    const followUp: FollowUp = {
      stay: { id: 4, name: "Séjour Mer", destination: "Sète", start_date: "2027-07-10", end_date: "2027-07-16", capacity: 12, campaign_id: 3 },
      participants: [
        {
          wish_id: 31,
          status: "accepted",
          status_label: "Place confirmée",
          child_id: 21,
          family_id: 7,
          family_name: "MARTIN",
          first_name: "Léa",
          last_name: "Martin",
          birth_date: "2018-05-04",
          age: 9,
          school_level: "CE2",
          transport_city: "Lyon",
          missing_documents: ["Fiche sanitaire de liaison signée"],
          documents_complete: false,
          contract: "awaiting_review",
          contract_signed: true,
          deposit_status: "paid",
          deposit_paid: true,
          complete: false,
        },
      ],
      waiting_list: [
        { wish_id: 32, position: 1, rank: 1, child_id: 22, family_id: 9, family_name: "DURAND", first_name: "Tom", last_name: "Durand", age: 10 },
      ],
      complete: 0,
      exports: [
        { kind: "health", label: "Informations de santé", csv: `${BASE}/stays/4/exports/health.csv`, pdf: `${BASE}/stays/4/exports/health.pdf` },
      ],
    };
    mockFetch({ [`GET ${BASE}/stays/4/follow-up`]: { body: followUp } });
    const { container } = renderPage("/gestion/sejours/4/suivi", "/gestion/sejours/:stayId/suivi", <StayFollowUpPage />);

    expect(await screen.findByRole("heading", { level: 1, name: "Suivi de « Séjour Mer »" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Léa Martin" })).toHaveAttribute("href", "/gestion/sejours/places/31");
    expect(screen.getByRole("link", { name: "MARTIN" })).toHaveAttribute("href", "/gestion/familles/7");
    expect(screen.getByText("Manque : Fiche sanitaire de liaison signée", { exact: false })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "CSV — Informations de santé" })).toHaveAttribute("href", `${BASE}/stays/4/exports/health.csv`);
    expect(screen.getByRole("link", { name: "Tom Durand" })).toHaveAttribute("href", "/gestion/sejours/places/32");
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});
