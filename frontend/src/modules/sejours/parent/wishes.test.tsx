import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { axeViolations, describeViolations } from "../../../test/axe";
import { makeChild, NO_PENDING_CONSENTS } from "../../../test/familyFixtures";
import { makeStructure, makeUser, sessionBody } from "../../../test/fixtures";
import { mockFetch, renderApp } from "../../../test/render";
import type { StaySummary } from "../public/api";
import type { ChildFile, ChildWishes, Wish } from "./wishesApi";

const STRUCTURE = makeStructure({
  modules: [{ id: "sejours", label: "Séjours", description: "Séjours de vacances.", activity_kinds: [] }],
  navigation: [{ id: "mes-sejours", label: "Mes séjours", path: "/mes-sejours", icon: "list", audience: "parent", module: "sejours", order: 31 }],
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

function stay(id: number, title: string, overrides: Partial<StaySummary> = {}): StaySummary {
  return {
    id,
    title,
    theme: "Montagne",
    destination: "Autrans",
    place: "",
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
    places_left: 24,
    availability: "available",
    availability_label: "24 places disponibles",
    price: { method: "flat", min: "400.00", max: "400.00", label: "400,00 €" },
    transports: [
      { id: id * 10 + 1, city: "Grenoble", supplement: "0.00", meeting_place: "Gare", meeting_at: "2027-07-03T08:00:00+02:00", return_at: null },
      { id: id * 10 + 2, city: "Lyon", supplement: "30.00", meeting_place: "Gare", meeting_at: "2027-07-03T07:00:00+02:00", return_at: null },
    ],
    photo: null,
    campaign: CAMPAIGN,
    ...overrides,
  };
}

const STAYS = [stay(12, "Montagne"), stay(13, "Mer"), stay(14, "Ferme")];

function wish(overrides: Partial<Wish>): Wish {
  return {
    id: 100,
    rank: 1,
    stay: 12,
    stay_title: "Montagne",
    start_date: "2027-07-03",
    end_date: "2027-07-09",
    transport: 121,
    transport_city: "Grenoble",
    together_with: null,
    friend_name: "",
    comment: "",
    status: "pending",
    status_label: "En attente de la commission",
    waitlist_position: null,
    accept_by: null,
    ...overrides,
  };
}

function wishes(overrides: Partial<ChildWishes> = {}): ChildWishes {
  return {
    child: { id: 21, first_name: "Léa", last_name: "Martin" },
    campaign: CAMPAIGN,
    can_edit: true,
    siblings: [{ id: 22, first_name: "Tom", last_name: "Martin" }],
    stays: STAYS,
    wishes: [wish({})],
    ...overrides,
  };
}

const MISSING: ChildFile = {
  complete: false,
  message: "",
  items: [{ kind: "module", code: "sejours:document:7:child:21", label: "Autorisation de sortie du territoire", link: "/mes-documents#document-7-21", child_id: 21, child_name: "Léa Martin" }],
};

const PARENT = {
  "GET /api/v1/structure/": { body: STRUCTURE },
  "GET /api/v1/auth/session": { body: sessionBody(makeUser()) },
  ...NO_PENDING_CONSENTS,
  "GET /api/v1/family/children/": { body: [makeChild()] },
};

describe("Vœux de séjours", () => {
  it("ranks the wishes, then saves them in one call", async () => {
    const calls = mockFetch({
      ...PARENT,
      "GET /api/v1/sejours/children/21/wishes/": { body: wishes() },
      "GET /api/v1/sejours/children/21/file": { body: MISSING },
      "PUT /api/v1/sejours/children/21/wishes/": {
        body: wishes({ wishes: [wish({ id: 101, stay: 13, stay_title: "Mer", transport: 132 }), wish({ rank: 2 })] }),
      },
    });
    const { container } = renderApp("/mes-sejours/voeux/21");
    const user = userEvent.setup();

    expect(await screen.findByRole("heading", { level: 1, name: "Vœux de séjours de Léa" })).toBeInTheDocument();
    expect(await screen.findByRole("link", { name: "Autorisation de sortie du territoire" })).toHaveAttribute("href", "/mes-documents#document-7-21");

    await user.selectOptions(screen.getByRole("combobox", { name: /Ajouter un séjour/ }), "13");
    await user.click(screen.getByRole("button", { name: "Ajouter" }));
    const mer = screen.getByRole("region", { name: "Vœu 2 Mer" });
    expect(within(mer).getByRole("heading")).toHaveFocus();
    await user.selectOptions(within(mer).getByRole("combobox", { name: /Ville de départ/ }), "132");
    await user.click(within(mer).getByRole("button", { name: "Monter « Mer »" }));
    expect(screen.getByRole("region", { name: "Vœu 1 Mer" })).toBeInTheDocument();
    expect(screen.getByText("« Mer » est maintenant le vœu 1.")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Enregistrer mes vœux" }));

    const put = calls.find((c) => c.method === "PUT");
    expect(put?.body).toEqual({
      wishes: [
        { stay: 13, transport: 132, together_with: null, friend_name: "", comment: "" },
        { stay: 12, transport: 121, together_with: null, friend_name: "", comment: "" },
      ],
    });
    expect(await screen.findByText("Vos vœux sont enregistrés.")).toBeInTheDocument();
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it("asks for the departure city before sending, and shows the server's refusal", async () => {
    const calls = mockFetch({
      ...PARENT,
      "GET /api/v1/sejours/children/21/wishes/": { body: wishes({ wishes: [] }) },
      "GET /api/v1/sejours/children/21/file": { body: MISSING },
      "PUT /api/v1/sejours/children/21/wishes/": {
        status: 400,
        body: { wishes: ["Vœu 1 : Léa aura 13 ans au départ de « Ferme », séjour pour les enfants de 6 à 12 ans."], code: "not_eligible" },
      },
    });
    renderApp("/mes-sejours/voeux/21?sejour=14");
    const user = userEvent.setup();

    const ferme = await screen.findByRole("region", { name: "Vœu 1 Ferme" });
    // Announced by an effect after the form mounts: wait for it rather than race it.
    expect(await screen.findByText("« Ferme » ajouté en vœu 1 : vérifiez puis enregistrez.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Enregistrer mes vœux" }));
    expect(await screen.findByRole("link", { name: "Vœu 1 (Ferme) : Choisissez la ville de départ." })).toBeInTheDocument();
    expect(calls.some((c) => c.method === "PUT")).toBe(false);

    await user.selectOptions(within(ferme).getByRole("combobox", { name: /Ville de départ/ }), "141");
    await user.click(screen.getByRole("button", { name: "Enregistrer mes vœux" }));
    expect(await screen.findByText(/Léa aura 13 ans au départ/)).toBeInTheDocument();
  });

  it("shows the decisions read-only once the campaign is closed, and the complete file", async () => {
    mockFetch({
      ...PARENT,
      "GET /api/v1/sejours/children/21/wishes/": {
        body: wishes({
          can_edit: false,
          campaign: { ...CAMPAIGN, is_open: false, status: "published" },
          wishes: [wish({ status: "waitlisted", status_label: "Liste d'attente", waitlist_position: 3 })],
        }),
      },
      "GET /api/v1/sejours/children/21/file": {
        body: { complete: true, message: "Votre demande est complète. Le coordinateur séjours reviendra vers vous.", items: [] },
      },
    });
    renderApp("/mes-sejours/voeux/21");

    expect(await screen.findByText("Liste d'attente")).toBeInTheDocument();
    expect(screen.getByText(/rang 3/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Enregistrer mes vœux" })).not.toBeInTheDocument();
    expect(await screen.findByText("Votre demande est complète. Le coordinateur séjours reviendra vers vous.")).toBeInTheDocument();
  });
});
