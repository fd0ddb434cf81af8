import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter } from "react-router";
import { RouterProvider } from "react-router/dom";
import { describe, expect, it } from "vitest";
import { createQueryClient } from "../../../api/queryClient";
import { axeViolations, describeViolations } from "../../../test/axe";
import { mockFetch } from "../../../test/render";
import { MyStaysPage } from "./MyStaysPage";
import { PlacePage } from "./PlacePage";
import type { MyStays, Place, PlaceAccount } from "./placesApi";

function makePlace(overrides: Partial<Place> = {}): Place {
  return {
    id: 41,
    child_id: 21,
    child_first_name: "Léa",
    campaign_id: 3,
    stay: {
      id: 7,
      name: "Aventure au Vercors",
      theme: "Montagne",
      destination: "Autrans (Isère)",
      start_date: "2027-07-10",
      end_date: "2027-07-16",
      status: "open",
    },
    rank: 1,
    status: "offered",
    status_label: "Place attribuée, à confirmer",
    waitlist_position: null,
    reason: "",
    offered_at: "2027-03-01T10:00:00+01:00",
    accept_by: "2027-03-09",
    accepted_at: null,
    transport_city: "Lyon",
    price: null,
    deposit_invoice: null,
    balance_invoice: null,
    can_answer: true,
    contract_url: "/api/v1/sejours/places/41/contract.pdf",
    convocation_url: null,
    ...overrides,
  };
}

const ACCEPTED = makePlace({
  status: "accepted",
  status_label: "Place confirmée",
  accepted_at: "2027-03-02T10:00:00+01:00",
  price: "510.00",
  can_answer: false,
  deposit_invoice: { id: 90, number: "F2027-000012", status: "issued", status_label: "À payer", total: "100.00", settled_amount: "0.00" },
  convocation_url: "/api/v1/sejours/places/41/convocation.pdf",
});

const ACCOUNT: PlaceAccount = {
  price: "510.00",
  lines: ["Prix du séjour : 480,00 €", "Transport depuis Lyon : 30,00 €"],
  deposit: { amount: "100.00", invoice_id: 90, number: "F2027-000012", status: "issued" },
  balance: { amount: "290.00", due_on: "2027-06-10", invoice_id: null },
  aids: [{ label: "VACAF (AVE)", amount: "120.00" }],
  left_to_pay: "390.00",
  cancellation: { can_cancel: true, preview_kept: "100.00", preview_refund: "0.00" },
};

function renderPage(path: string) {
  const queryClient = createQueryClient({ retry: false });
  const router = createMemoryRouter(
    [
      { path: "/mes-sejours", element: <MyStaysPage /> },
      { path: "/mes-sejours/places/:wishId", element: <PlacePage /> },
    ],
    { initialEntries: [path] },
  );
  return render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
}

const STAYS: MyStays = {
  campaign: {
    id: 3,
    label: "Été 2027",
    season: "2027",
    opens_at: "2027-01-10T09:00:00+01:00",
    closes_at: "2027-02-10T18:00:00+01:00",
    status: "published",
    status_label: "Décisions publiées",
    is_open: false,
  },
  children: [
    {
      id: 21,
      first_name: "Léa",
      last_name: "Martin",
      places: [
        makePlace(),
        makePlace({ id: 42, rank: 2, status: "waitlisted", status_label: "Liste d'attente", waitlist_position: 3, can_answer: false, contract_url: null, stay: { ...makePlace().stay, id: 8, name: "Cap sur la mer" } }),
      ],
    },
    {
      id: 22,
      first_name: "Tom",
      last_name: "Martin",
      places: [makePlace({ id: 43, child_id: 22, child_first_name: "Tom", status: "refused", status_label: "Refusée", reason: "Âge hors tranche", can_answer: false, contract_url: null, stay: { ...makePlace().stay, id: 9, name: "Mini-camp" } })],
    },
  ],
};

describe("Mes séjours", () => {
  it("shows each child's answers and calls to action", async () => {
    mockFetch({ "GET /api/v1/sejours/places/": { body: STAYS } });
    const { container } = renderPage("/mes-sejours");

    const offered = await screen.findByRole("article", { name: "Vœu n° 1 · Aventure au Vercors" });
    expect(screen.getByRole("heading", { level: 1, name: "Mes séjours" })).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Une place vous est proposée : confirmez au plus tard le 09/03/2027.");
    expect(within(offered).getByText(/Confirmez la place au plus tard le 09\/03\/2027/)).toBeInTheDocument();
    expect(within(offered).getByRole("link", { name: "Répondre à la proposition de place" })).toHaveAttribute("href", "/mes-sejours/places/41");
    const waiting = screen.getByRole("article", { name: "Vœu n° 2 · Cap sur la mer" });
    expect(within(waiting).getByText(/Rang 3 sur la liste d'attente/)).toBeInTheDocument();
    const tom = screen.getByRole("region", { name: "Tom Martin" });
    expect(within(tom).getByText("Motif : Âge hors tranche")).toBeInTheDocument();
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it("links to the wishes page while the campaign is open", async () => {
    mockFetch({
      "GET /api/v1/sejours/places/": { body: { ...STAYS, campaign: { ...STAYS.campaign!, status: "preparing", is_open: true }, children: [{ ...STAYS.children[0], places: [] }] } },
    });
    renderPage("/mes-sejours");

    expect(await screen.findByRole("link", { name: "Choisir / modifier les vœux de Léa" })).toHaveAttribute("href", "/mes-sejours/voeux/21");
    expect(screen.getByText("Aucun vœu pour Léa.")).toBeInTheDocument();
  });
});

describe("Une place", () => {
  it("accepts an offered place after confirmation, then shows the steps", async () => {
    let accepted = false;
    const calls = mockFetch({
      "GET /api/v1/sejours/places/41/": () => ({ body: accepted ? ACCEPTED : makePlace() }),
      "POST /api/v1/sejours/places/41/accept": () => {
        accepted = true;
        return { body: ACCEPTED };
      },
      "GET /api/v1/sejours/places/41/account": { body: ACCOUNT },
    });
    const { container } = renderPage("/mes-sejours/places/41");
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "Accepter la place" }));
    expect(screen.getByRole("heading", { name: "Confirmer l'inscription au séjour ?" })).toHaveFocus();
    await user.click(screen.getByRole("button", { name: "Oui, je confirme la place" }));

    expect(await screen.findByText(/Place confirmée\. Suivez maintenant les étapes/)).toBeInTheDocument();
    expect(await screen.findByRole("link", { name: "Télécharger le contrat pré-rempli (PDF)" })).toHaveAttribute("href", "/api/v1/sejours/places/41/contract.pdf");
    expect(screen.getByRole("link", { name: "« Mes documents »" })).toHaveAttribute("href", "/mes-documents");
    expect(screen.getByRole("link", { name: "F2027-000012" })).toHaveAttribute("href", "/facturation/factures/90");
    expect(screen.getByRole("link", { name: "Payer en ligne" })).toHaveAttribute("href", "/facturation");
    expect(await screen.findByText("Reste à payer")).toBeInTheDocument();
    expect(screen.getByText("−120,00 €")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: /Télécharger la convocation/ })).toBeInTheDocument();
    expect(calls.filter((c) => c.method === "POST").map((c) => c.url)).toEqual(["/api/v1/sejours/places/41/accept"]);
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it("warns, before the family confirms, that a better place replaces the one already confirmed", async () => {
    mockFetch({
      "GET /api/v1/sejours/places/41/": { body: makePlace({ swaps: ["Cap sur la mer"] }) },
      "GET /api/v1/sejours/places/41/account": { body: ACCOUNT },
    });
    renderPage("/mes-sejours/places/41");
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "Accepter la place" }));

    expect(screen.getByText(/remplace celle déjà confirmée pour .* sur « Cap sur la mer »/)).toBeInTheDocument();
    expect(screen.getByText(/entièrement remboursé/)).toBeInTheDocument();
  });

  it("says why an answer is refused", async () => {
    mockFetch({
      "GET /api/v1/sejours/places/41/": { body: makePlace() },
      "POST /api/v1/sejours/places/41/decline": { status: 409, body: { detail: ["Cette place n'est plus à confirmer."], code: "wish_not_offered" } },
    });
    renderPage("/mes-sejours/places/41");
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "Refuser la place" }));
    await user.click(screen.getByRole("button", { name: "Oui, je refuse la place" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("Cette place n'est plus à confirmer.");
  });

  it("cancels a confirmed place with a reason", async () => {
    const calls = mockFetch({
      "GET /api/v1/sejours/places/41/": { body: ACCEPTED },
      "GET /api/v1/sejours/places/41/account": { body: ACCOUNT },
      "POST /api/v1/sejours/places/41/cancel": { body: {} },
    });
    renderPage("/mes-sejours/places/41");
    const user = userEvent.setup();

    await user.click(await screen.findByText("Annuler l'inscription"));
    await user.click(screen.getByRole("button", { name: "Confirmer l'annulation" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Indiquez le motif de l'annulation.");
    await user.type(screen.getByLabelText("Motif de l'annulation"), "Fracture du bras");
    await user.click(screen.getByLabelText(/raison médicale/));
    await user.click(screen.getByRole("button", { name: "Confirmer l'annulation" }));

    expect(await screen.findByText(/L'inscription est annulée/)).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ reason: "Fracture du bras", medical: true });
  });

  it("shows a clear error for a place that is not the family's", async () => {
    mockFetch({});
    renderPage("/mes-sejours/places/99");
    expect(await screen.findByRole("alert")).toHaveTextContent("Cette page n'existe pas ou n'est plus disponible.");
  });
});
