import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { axeViolations, describeViolations } from "../../../test/axe";
import { makeChild, NO_PENDING_CONSENTS } from "../../../test/familyFixtures";
import { ANONYMOUS_BODY, makeStructure, makeUser, sessionBody } from "../../../test/fixtures";
import { mockFetch, renderApp } from "../../../test/render";
import type { StayDetail, StaySummary } from "./api";

const STRUCTURE = makeStructure({
  modules: [{ id: "sejours", label: "Séjours", description: "Séjours de vacances.", activity_kinds: [] }],
  navigation: [{ id: "sejours", label: "Séjours", path: "/sejours", icon: "sun", audience: "all", module: "sejours", order: 30 }],
});

const CAMPAIGN = {
  id: 1,
  label: "Été 2027",
  season: "2027",
  opens_at: "2027-02-01T09:00:00+01:00",
  closes_at: "2099-03-31T18:00:00+02:00",
  max_wishes: 3,
  status: "preparing" as const,
  is_open: true,
};

function makeStay(overrides: Partial<StaySummary> = {}): StaySummary {
  return {
    id: 12,
    title: "Montagne et lacs",
    theme: "Montagne",
    destination: "Autrans (Isère)",
    place: "Chalet des Écrins",
    country: "France",
    abroad: false,
    nautical: false,
    start_date: "2027-07-03",
    end_date: "2027-07-09",
    days: 7,
    min_age: 6,
    max_age: 12,
    school_levels: [],
    capacity: 24,
    places_left: 0,
    availability: "waitlist",
    availability_label: "Liste d'attente",
    price: { method: "quotient", min: "250.00", max: "480.00", label: "de 250,00 € à 480,00 € selon votre quotient" },
    transports: [
      { id: 1, city: "Grenoble", supplement: "0.00", meeting_place: "Gare de Grenoble", meeting_at: "2027-07-03T08:00:00+02:00", return_at: null },
      { id: 2, city: "Lyon", supplement: "30.00", meeting_place: "Gare de Lyon Part-Dieu", meeting_at: "2027-07-03T07:00:00+02:00", return_at: null },
    ],
    photo: null,
    campaign: CAMPAIGN,
    ...overrides,
  };
}

function makeDetail(overrides: Partial<StayDetail> = {}): StayDetail {
  return {
    ...makeStay(),
    description: "Randonnées, lac et veillées.",
    media: [{ id: 4, kind: "brochure", caption: "", content_type: "application/pdf", url: "/api/v1/sejours/stays/12/media/4" }],
    documents: [{ id: 3, name: "Attestation d'assurance", description: "", scope: "family" }],
    quote: null,
    children: [],
    ...overrides,
  };
}

const ANONYMOUS = {
  "GET /api/v1/structure/": { body: STRUCTURE },
  "GET /api/v1/auth/session": { status: 401, body: ANONYMOUS_BODY },
};

const PARENT = {
  "GET /api/v1/structure/": { body: STRUCTURE },
  "GET /api/v1/auth/session": { body: sessionBody(makeUser()) },
  ...NO_PENDING_CONSENTS,
  "GET /api/v1/family/children/": { body: [makeChild(), makeChild({ id: 22, first_name: "Tom", age: 13 })] },
};

describe("Catalogue des séjours", () => {
  it("shows the stays to anyone, with places, price and departures", async () => {
    mockFetch({
      ...ANONYMOUS,
      "GET /api/v1/sejours/stays/": { body: { themes: ["Mer", "Montagne"], results: [makeStay(), makeStay({ id: 13, title: "Mer", theme: "Mer", availability: "full", availability_label: "Complet" })] } },
    });
    const { container } = renderApp("/sejours");

    const card = await screen.findByRole("article", { name: "Montagne et lacs" });
    expect(within(card).getByText("Liste d'attente")).toBeInTheDocument();
    expect(within(card).getByText("de 250,00 € à 480,00 € selon votre quotient")).toBeInTheDocument();
    expect(within(card).getByText(/Grenoble, Lyon \(\+30,00\s€\)/)).toBeInTheDocument();
    expect(within(card).getByText("de 6 à 12 ans")).toBeInTheDocument();
    expect(within(screen.getByRole("article", { name: "Mer" })).getByText("Complet")).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("2 séjours");
    expect(screen.getByRole("link", { name: "Se connecter" })).toBeInTheDocument();
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it("filters by age and theme through the address", async () => {
    const calls = mockFetch({
      ...ANONYMOUS,
      "GET /api/v1/sejours/stays/": { body: { themes: ["Mer", "Montagne"], results: [makeStay()] } },
      "GET /api/v1/sejours/stays/?age=8": { body: { themes: ["Mer", "Montagne"], results: [makeStay()] } },
      "GET /api/v1/sejours/stays/?age=8&theme=Mer": { body: { themes: ["Mer", "Montagne"], results: [] } },
    });
    const { router } = renderApp("/sejours");
    const user = userEvent.setup();
    await screen.findByRole("article", { name: "Montagne et lacs" });

    await user.selectOptions(screen.getByRole("combobox", { name: "Âge de l'enfant" }), "8");
    await user.selectOptions(screen.getByRole("combobox", { name: "Thème" }), "Mer");

    expect(await screen.findByText("Aucun séjour ne correspond à ces critères.")).toBeInTheDocument();
    expect(router.state.location.search).toBe("?age=8&theme=Mer");
    expect(calls.some((c) => c.url === "/api/v1/sejours/stays/?age=8&theme=Mer")).toBe(true);
    await user.click(screen.getByRole("button", { name: "Effacer les filtres" }));
    await waitFor(() => expect(router.state.location.search).toBe(""));
  });

  it("sends an anonymous visitor to sign in, then back to the stay", async () => {
    mockFetch({ ...ANONYMOUS, "GET /api/v1/sejours/stays/12/": { body: makeDetail() } });
    const { container } = renderApp("/sejours/12");

    expect(await screen.findByRole("heading", { level: 1, name: "Montagne et lacs" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "S'inscrire" })).toHaveAttribute("href", "/connexion?suivant=%2Fsejours%2F12");
    expect(screen.getByRole("link", { name: "Pas encore de compte ? Créer un compte" })).toHaveAttribute("href", "/inscription?suivant=%2Fsejours%2F12");
    expect(screen.getByRole("link", { name: /Télécharger la brochure/ })).toHaveAttribute("href", "/api/v1/sejours/stays/12/media/4");
    expect(screen.getByText("Attestation d'assurance")).toBeInTheDocument();
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it("lets a signed-in parent choose the stay for a child it suits", async () => {
    mockFetch({
      ...PARENT,
      "GET /api/v1/sejours/stays/12/": {
        body: makeDetail({
          quote: "320.00",
          children: [
            { id: 21, first_name: "Léa", eligible: true, reason: "", wish_rank: null, wish_status: "" },
            { id: 22, first_name: "Tom", eligible: false, reason: "Tom aura 13 ans au départ de « Montagne et lacs », séjour pour les enfants de 6 à 12 ans.", wish_rank: null, wish_status: "" },
          ],
        }),
      },
    });
    renderApp("/sejours/12");

    const choose = await screen.findByRole("link", { name: "Choisir ce séjour pour Léa" });
    expect(choose).toHaveAttribute("href", "/mes-sejours/voeux/21?sejour=12");
    expect(screen.getByText(/Tom aura 13 ans/)).toBeInTheDocument();
    expect(screen.getByText(/pour votre famille : 320,00/)).toBeInTheDocument();
  });

  it("books a stay without wishes for the chosen child and city, after a confirmation", async () => {
    const calls = mockFetch({
      ...PARENT,
      "GET /api/v1/sejours/stays/12/": {
        body: makeDetail({
          campaign: null,
          places_left: 3,
          availability: "available",
          availability_label: "3 places disponibles",
          children: [{ id: 21, first_name: "Léa", eligible: true, reason: "", wish_rank: null, wish_status: "" }],
        }),
      },
      "POST /api/v1/sejours/stays/12/book": { status: 409, body: { detail: ["Plus de place sur « Montagne et lacs »."], code: "stay_full" } },
    });
    const { container } = renderApp("/sejours/12");
    const user = userEvent.setup();

    const form = await screen.findByRole("form", { name: "Réserver ce séjour" });
    await user.selectOptions(within(form).getByLabelText(/Ville de départ/), "2");
    await user.click(within(form).getByRole("button", { name: "Réserver le séjour" }));
    expect(screen.getByText(/toutes les journées du séjour sont réservées/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Oui, je réserve" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("Plus de place sur « Montagne et lacs ».");
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({ child: 21, transport: 2 });
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it("says when the stay is not found", async () => {
    mockFetch({ ...ANONYMOUS, "GET /api/v1/sejours/stays/99/": { status: 404, body: { detail: "Introuvable." } } });
    renderApp("/sejours/99");
    expect(await screen.findByText("Cette page n'existe pas ou n'est plus disponible.")).toBeInTheDocument();
  });
});
