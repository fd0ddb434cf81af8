import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter } from "react-router";
import { RouterProvider } from "react-router/dom";
import { describe, expect, it } from "vitest";
import { createQueryClient } from "../../../api/queryClient";
import { axeViolations, describeViolations } from "../../../test/axe";
import { mockFetch } from "../../../test/render";
import type { PlaceRequest, RequestOptions } from "./api";
import { MyPlaceRequests } from "./MyPlaceRequests";
import { MyRequestsPage } from "./MyRequestsPage";
import { NewRequestPage } from "./NewRequestPage";
import { RequestPage } from "./RequestPage";

function makeRequest(overrides: Partial<PlaceRequest> = {}): PlaceRequest {
  return {
    id: 12,
    state: "submitted",
    state_label: "Reçue",
    child_id: 5,
    child_name: "Nina",
    expected_first_name: "",
    due_date: null,
    desired_start: "2027-09-01",
    care: "regular",
    care_label: "Accueil régulier",
    schedule: [
      { week: "A", weekday: 0, arrival: "08:00", departure: "17:00" },
      { week: "A", weekday: 1, arrival: "08:30", departure: "16:30" },
    ],
    alternating: false,
    hours_per_week: "17.00",
    comment: "",
    created_at: "2027-03-01T10:00:00+01:00",
    renewed_at: "2027-03-01T10:00:00+01:00",
    renewal_asked_at: null,
    renewal_due: null,
    reason: "",
    choices: [
      { rank: 1, establishment_id: 3, establishment_name: "Les Petits Pas" },
      { rank: 2, establishment_id: 4, establishment_name: "Les Lucioles" },
    ],
    offer: null,
    answered_at: null,
    can_withdraw: true,
    can_renew: false,
    can_answer: false,
    ...overrides,
  };
}

const OFFERED = makeRequest({
  state: "offered",
  state_label: "Place proposée",
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
  can_answer: true,
});

const OPTIONS: RequestOptions = {
  today: "2027-03-01",
  children: [{ id: 5, first_name: "Nina", last_name: "Martin", birth_date: "2026-09-01" }],
  establishments: [
    { id: 3, name: "Les Petits Pas", kind_label: "Multi-accueil", min_age_months: 2, max_age_months: 48, active: true, rank: null, sections: [] },
    { id: 4, name: "Les Lucioles", kind_label: "Micro-crèche", min_age_months: 2, max_age_months: 36, active: true, rank: null, sections: [] },
  ],
  max_choices: 3,
};

function renderPage(path: string) {
  const queryClient = createQueryClient({ retry: false });
  const router = createMemoryRouter(
    [
      { path: "/creche", element: <MyPlaceRequests headingLevel={2} /> },
      { path: "/creche/demandes", element: <MyRequestsPage /> },
      { path: "/creche/demandes/nouvelle", element: <NewRequestPage /> },
      { path: "/creche/demandes/:requestId", element: <RequestPage /> },
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

describe("MyPlaceRequests", () => {
  it("lists the family's requests with their state, next step and link", async () => {
    mockFetch({
      "GET /api/v1/creche/requests/": {
        body: [OFFERED, makeRequest({ id: 13, child_name: "Jade", state: "refused", state_label: "Refusée", reason: "Pas de place le mercredi", can_withdraw: false })],
      },
    });
    const { container } = renderPage("/creche");

    const offered = await screen.findByRole("article", { name: /Nina · entrée souhaitée le 01\/09\/2027/ });
    expect(within(offered).getByText("Place proposée : à accepter ou décliner")).toBeInTheDocument();
    expect(within(offered).getByText(/répondez au plus tard le 16\/03\/2027/)).toBeInTheDocument();
    expect(within(offered).getByRole("link")).toHaveAttribute("href", "/creche/demandes/12");
    expect(screen.getByText("Motif : Pas de place le mercredi")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Demander une place en crèche" })).toHaveAttribute("href", "/creche/demandes/nouvelle");
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it("says when there is no request", async () => {
    mockFetch({ "GET /api/v1/creche/requests/": { body: [] } });
    renderPage("/creche/demandes");

    expect(await screen.findByText("Aucune demande de place en crèche.")).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1, name: "Mes demandes de place en crèche" })).toBeInTheDocument();
  });
});

describe("Nouvelle demande", () => {
  it("checks the required fields before sending", async () => {
    const calls = mockFetch({ "GET /api/v1/creche/requests/options": { body: OPTIONS } });
    renderPage("/creche/demandes/nouvelle");
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "Envoyer la demande" }));

    const summary = await screen.findByRole("alert");
    expect(within(summary).getByText(/Choisissez l'enfant/)).toBeInTheDocument();
    expect(within(summary).getByText(/Entrée souhaitée le : Ce champ est obligatoire/)).toBeInTheDocument();
    expect(within(summary).getByText(/Choisissez au moins un établissement/)).toBeInTheDocument();
    expect(within(summary).getByText(/Indiquez au moins un jour d'accueil/)).toBeInTheDocument();
    expect(calls.filter((c) => c.method === "POST")).toEqual([]);
  });

  it("sends the request for an expected child, its ranked establishments and schedule", async () => {
    const calls = mockFetch({
      "GET /api/v1/creche/requests/options": { body: OPTIONS },
      "POST /api/v1/creche/requests/": { status: 201, body: makeRequest({ id: 14, child_id: null, child_name: "Jade", due_date: "2027-05-10" }) },
      "GET /api/v1/creche/requests/14/": { body: makeRequest({ id: 14, child_id: null, child_name: "Jade", due_date: "2027-05-10" }) },
    });
    const { container, router } = renderPage("/creche/demandes/nouvelle");
    const user = userEvent.setup();

    await user.click(await screen.findByRole("radio", { name: "Un enfant à naître" }));
    await user.type(screen.getByLabelText("Prénom prévu"), "Jade");
    await user.type(screen.getByLabelText(/Naissance prévue le/), "2027-05-10");
    await user.type(screen.getByLabelText(/Entrée souhaitée le/), "2027-09-01");
    await user.selectOptions(screen.getByLabelText(/Premier choix/), "4");
    await user.selectOptions(screen.getByLabelText("Choix n° 2 (facultatif)"), "3");
    await user.click(screen.getByRole("checkbox", { name: "Lundi" }));
    await user.selectOptions(screen.getByLabelText("Départ Lundi"), "12:00");
    await user.click(screen.getByRole("checkbox", { name: "Jeudi" }));
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Envoyer la demande" }));

    expect(await screen.findByText(/Votre demande de place est envoyée/)).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/creche/demandes/14");
    const post = calls.find((c) => c.method === "POST");
    expect(post?.body).toEqual({
      child: null,
      expected_first_name: "Jade",
      due_date: "2027-05-10",
      desired_start: "2027-09-01",
      care: "regular",
      schedule: [
        { week: "A", weekday: 0, arrival: "08:30", departure: "12:00" },
        { week: "A", weekday: 3, arrival: "08:30", departure: "17:30" },
      ],
      alternating: false,
      establishments: [4, 3],
      comment: "",
    });
  });

  it("shows the server's refusal next to its field", async () => {
    mockFetch({
      "GET /api/v1/creche/requests/options": { body: OPTIONS },
      "POST /api/v1/creche/requests/": {
        status: 400,
        body: { establishments: ["Les Lucioles accueille les enfants jusqu'à 36 mois : à la date d'entrée souhaitée, l'enfant en aura 40."], code: "request_refused" },
      },
    });
    renderPage("/creche/demandes/nouvelle");
    const user = userEvent.setup();

    await user.click(await screen.findByRole("radio", { name: /Nina Martin/ }));
    await user.type(screen.getByLabelText(/Entrée souhaitée le/), "2030-01-07");
    await user.selectOptions(screen.getByLabelText(/Premier choix/), "4");
    await user.click(screen.getByRole("checkbox", { name: "Mardi" }));
    await user.click(screen.getByRole("button", { name: "Envoyer la demande" }));

    const summary = await screen.findByRole("alert");
    expect(within(summary).getByText(/Établissements : Les Lucioles accueille les enfants jusqu'à 36 mois/)).toBeInTheDocument();
  });
});

describe("Une demande", () => {
  it("accepts the place offered after confirmation", async () => {
    let accepted = false;
    const calls = mockFetch({
      "GET /api/v1/creche/requests/12/": () => ({ body: accepted ? { ...OFFERED, state: "accepted", state_label: "Place acceptée", can_answer: false, can_withdraw: false } : OFFERED }),
      "POST /api/v1/creche/requests/12/accept": () => {
        accepted = true;
        return { body: OFFERED };
      },
    });
    const { container } = renderPage("/creche/demandes/12");
    const user = userEvent.setup();

    expect(await screen.findByText(/Les Petits Pas, section Bébés, à partir du 06\/09\/2027/)).toBeInTheDocument();
    expect(screen.getByText("16/03/2027")).toBeInTheDocument();
    let violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Accepter la place" }));
    expect(screen.getByRole("heading", { name: "Accepter la place proposée ?" })).toHaveFocus();
    await user.click(screen.getByRole("button", { name: "Oui, j'accepte la place" }));

    expect(await screen.findByText(/Vous avez accepté la place/)).toBeInTheDocument();
    expect(await screen.findByText("Place acceptée")).toBeInTheDocument();
    expect(calls.filter((c) => c.method === "POST").map((c) => c.url)).toEqual(["/api/v1/creche/requests/12/accept"]);
    violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it("says why a late answer is refused", async () => {
    mockFetch({
      "GET /api/v1/creche/requests/12/": { body: OFFERED },
      "POST /api/v1/creche/requests/12/decline": { status: 409, body: { detail: ["Le délai de réponse est dépassé : il fallait répondre au plus tard le 16/03/2027."], code: "offer_expired" } },
    });
    renderPage("/creche/demandes/12");
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "Décliner la place" }));
    await user.click(screen.getByRole("button", { name: "Oui, je décline la place" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("Le délai de réponse est dépassé");
  });

  it("renews the request when the structure asks", async () => {
    const asked = makeRequest({ state: "waitlisted", state_label: "En liste d'attente", renewal_asked_at: "2027-05-17T06:30:00+02:00", renewal_due: "2027-06-01", can_renew: true });
    const calls = mockFetch({
      "GET /api/v1/creche/requests/12/": { body: asked },
      "POST /api/v1/creche/requests/12/renew": { body: { ...asked, can_renew: false, renewal_asked_at: null, renewal_due: null } },
    });
    renderPage("/creche/demandes/12");
    const user = userEvent.setup();

    expect(await screen.findByText(/Confirmez votre demande au plus tard le 01\/06\/2027/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Je confirme ma demande" }));

    expect(await screen.findByText("Merci : votre demande est confirmée.")).toBeInTheDocument();
    expect(calls.filter((c) => c.method === "POST").map((c) => c.url)).toEqual(["/api/v1/creche/requests/12/renew"]);
  });
});
