import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter } from "react-router";
import { RouterProvider } from "react-router/dom";
import { describe, expect, it } from "vitest";
import { createQueryClient } from "../../../api/queryClient";
import { axeViolations, describeViolations } from "../../../test/axe";
import { mockFetch } from "../../../test/render";
import type { Contract, ContractOptions, ContractSummary, Simulation } from "./api";
import { CrecheHomePage, MyContractPage } from "./contractsParentPages";
import { ContractFormPage, StaffContractPage, StaffContractsPage } from "./contractsStaffPages";

const API = "/api/v1/creche";
const STEPS = [
  "Ressources annuelles 36 000,00 € ÷ 12 = 3 000,00 € par mois.",
  "Ressources retenues entre le plancher et le plafond : 3 000,00 €.",
  "Taux d'effort accueil collectif, 1 enfant à charge : 0,0619 %.",
  "Tarif horaire : 3 000,00 € × 0,0619 % = 1,857 € → 1,86 €.",
  "Mensualité : 202,5 h × 1,86 € = 376,65 €.",
];

function makeSummary(overrides: Partial<ContractSummary> = {}): ContractSummary {
  return {
    id: 7,
    state: "proposed",
    state_label: "À signer par la famille",
    child: { id: 5, first_name: "Nina", last_name: "Martin", birth_date: "2025-09-01" },
    family: { id: 3, name: "MARTIN" },
    establishment: { id: 2, name: "Les Petits Pas" },
    section: { id: 4, name: "Bébés" },
    start_date: "2027-03-01",
    end_date: "2027-12-31",
    months_billed: 10,
    hourly_rate: "1.86",
    monthly_fee: "376.65",
    ...overrides,
  };
}

function makeContract(overrides: Partial<Contract> = {}): Contract {
  return {
    ...makeSummary(),
    signature: "",
    signature_label: "",
    signed_at: null,
    signed_by_name: "",
    signed_document: null,
    filoue_consent: false,
    filoue_consent_at: null,
    filoue_consent_by_name: "",
    request: null,
    pdf_url: `${API}/contracts/7/contract.pdf`,
    terms: [
      {
        id: 11,
        number: 0,
        effective_from: "2027-03-01",
        reason: "",
        schedule: [{ week: "A", weekday: 0, arrival: "08:00", departure: "17:00" }],
        alternating: false,
        weeks_per_year: "45.0",
        leave_weeks: "0.0",
        annual_resources: "36000.00",
        resources_year: 2025,
        missing_resources: "ceiling",
        children: 1,
        aeeh_children: 0,
        hours_per_week: "45.00",
        hourly_rate: "1.86",
        monthly_hours: "202.50",
        monthly_fee: "376.65",
        rate_steps: STEPS,
        created_at: "2027-03-01T10:00:00+01:00",
      },
    ],
    ...overrides,
  };
}

const OPTIONS: ContractOptions = {
  establishments: [{ id: 2, name: "Les Petits Pas", sections: [{ id: 4, name: "Bébés" }] }],
};

function renderAt(path: string, routes: { path: string; element: React.ReactNode }[]) {
  const client = createQueryClient({ retry: false });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  return render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
}

describe("crèche de la famille", () => {
  it("lists the contracts, the requests and the links", async () => {
    mockFetch({
      [`GET ${API}/contracts/`]: { body: [makeSummary()] },
      [`GET ${API}/requests/`]: { body: [] },
    });
    const { container } = renderAt("/creche", [{ path: "/creche", element: <CrecheHomePage /> }]);
    expect(await screen.findByRole("link", { name: "Nina — Les Petits Pas" })).toHaveAttribute("href", "/creche/contrats/7");
    expect(screen.getByText("À signer par la famille")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Déclarer une absence" })).toHaveAttribute("href", "/creche/absences/nouvelle");
    expect(screen.getByRole("link", { name: "Accueil occasionnel" })).toHaveAttribute("href", "/creche/occasionnel");
    expect(screen.getByRole("link", { name: "Demander une place" })).toHaveAttribute("href", "/creche/demandes/nouvelle");
    expect(await screen.findByText("Aucune demande de place en crèche.")).toBeInTheDocument();
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});

describe("contrat de la famille", () => {
  it("shows the steps and signs online once the box is ticked", async () => {
    const calls = mockFetch({
      [`GET ${API}/contracts/7/`]: { body: makeContract() },
      [`POST ${API}/contracts/7/accept`]: {
        body: makeContract({ state: "signed", state_label: "Signé", signature: "online", signature_label: "Acceptation en ligne", signed_at: "2027-03-01T10:05:00+01:00" }),
      },
    });
    const { container } = renderAt("/creche/contrats/7", [{ path: "/creche/contrats/:contractId", element: <MyContractPage /> }]);
    expect(await screen.findByRole("heading", { level: 1, name: "Contrat d'accueil de Nina — Les Petits Pas" })).toBeInTheDocument();
    expect(screen.getByText(STEPS[3])).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Télécharger le contrat pré-rempli (PDF)" })).toHaveAttribute("href", `${API}/contracts/7/contract.pdf`);
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);

    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Signer en ligne" }));
    expect(await screen.findAllByText("Cochez « J'ai lu et j'accepte le contrat » pour le signer.")).not.toHaveLength(0);
    expect(calls.filter((c) => c.method === "POST")).toHaveLength(0);

    await user.click(screen.getByLabelText("J'ai lu et j'accepte le contrat"));
    await user.click(screen.getByRole("button", { name: "Signer en ligne" }));
    expect(await screen.findByText(/Signé le .* : acceptation en ligne\./)).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({ accepted: true, filoue_consent: false });
    expect(screen.queryByRole("button", { name: "Signer en ligne" })).not.toBeInTheDocument();
  });
});

describe("accord FILOUÉ", () => {
  it("is given with the online signature", async () => {
    const calls = mockFetch({
      [`GET ${API}/contracts/7/`]: { body: makeContract() },
      [`POST ${API}/contracts/7/accept`]: {
        body: makeContract({ state: "signed", state_label: "Signé", signature: "online", signature_label: "Acceptation en ligne", signed_at: "2027-03-01T10:05:00+01:00", filoue_consent: true }),
      },
    });
    renderAt("/creche/contrats/7", [{ path: "/creche/contrats/:contractId", element: <MyContractPage /> }]);
    const user = userEvent.setup();
    const box = await screen.findByLabelText("Accord pour la transmission FILOUÉ à la Caf");
    expect(screen.getByText("Données anonymisées transmises chaque année à la Caf pour ses statistiques (FILOUÉ). Facultatif.")).toBeInTheDocument();
    await user.click(box);
    await user.click(screen.getByLabelText("J'ai lu et j'accepte le contrat"));
    await user.click(screen.getByRole("button", { name: "Signer en ligne" }));
    expect(await screen.findByText(/Signé le/)).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({ accepted: true, filoue_consent: true });
    // Signed: the accord stays changeable on the page.
    expect(screen.getByLabelText("Accord pour la transmission FILOUÉ à la Caf")).toBeChecked();
  });

  it("is withdrawn later on a signed contract", async () => {
    const signed = { state: "signed" as const, state_label: "Signé", signature: "paper" as const, signature_label: "Contrat signé remis à la structure", signed_at: "2027-03-01T10:05:00+01:00" };
    const calls = mockFetch({
      [`GET ${API}/contracts/7/`]: { body: makeContract({ ...signed, filoue_consent: true }) },
      [`POST ${API}/contracts/7/filoue-consent`]: { body: makeContract({ ...signed, filoue_consent: false }) },
    });
    const { container } = renderAt("/creche/contrats/7", [{ path: "/creche/contrats/:contractId", element: <MyContractPage /> }]);
    const user = userEvent.setup();
    const box = await screen.findByLabelText("Accord pour la transmission FILOUÉ à la Caf");
    expect(box).toBeChecked();
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
    await user.click(box);
    await user.click(screen.getByRole("button", { name: "Enregistrer mon choix" }));
    expect(await screen.findByText("Accord retiré.")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({ filoue_consent: false });
  });
});

describe("contrats (staff)", () => {
  it("lists and filters the contracts", async () => {
    const calls = mockFetch({
      [`GET ${API}/staff/contracts/options`]: { body: OPTIONS },
      [`GET ${API}/staff/contracts/`]: { body: [makeSummary()] },
      [`GET ${API}/staff/contracts/?state=signed`]: { body: [] },
    });
    const { container } = renderAt("/gestion/creche/contrats", [{ path: "/gestion/creche/contrats", element: <StaffContractsPage /> }]);
    expect(await screen.findByRole("link", { name: "Nina Martin" })).toHaveAttribute("href", "/gestion/creche/contrats/7");
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
    await userEvent.setup().selectOptions(screen.getByLabelText("État"), "signed");
    expect(await screen.findByText("Aucun contrat ne correspond.")).toBeInTheDocument();
    expect(calls.some((c) => c.url === `${API}/staff/contracts/?state=signed`)).toBe(true);
  });

  it("prefills from an accepted request, shows the simulation and saves a draft", async () => {
    const simulation: Simulation = {
      on: "2027-04-05",
      parameters_from: "2026-01-01",
      monthly_resources: "3000.00",
      retained_resources: "3000.00",
      floor: "814.62",
      ceiling: "8500.00",
      effort_rate: "0.000619",
      rate_children: 1,
      hourly_rate: "1.86",
      hours_per_week: "45.00",
      care_weeks: "45.0",
      months_billed: 9,
      monthly_hours: "225.00",
      monthly_fee: "418.50",
      steps: STEPS,
    };
    const calls = mockFetch({
      [`GET ${API}/staff/contracts/options`]: { body: OPTIONS },
      [`GET ${API}/staff/contracts/prefill?request=12`]: {
        body: {
          child: 5,
          child_first_name: "Nina",
          child_last_name: "Martin",
          family_name: "MARTIN",
          establishment: 2,
          section: 4,
          request: 12,
          start_date: "2027-04-05",
          schedule: [{ week: "A", weekday: 0, arrival: "08:00", departure: "17:00" }],
          alternating: false,
          annual_resources: "36000.00",
          resources_year: 2025,
          missing_resources: "ceiling",
          children: 2,
          aeeh_children: 0,
        },
      },
      [`POST ${API}/staff/contracts/simulation`]: { body: simulation },
      [`POST ${API}/staff/contracts/`]: { status: 201, body: makeContract({ state: "draft", state_label: "En préparation" }) },
      [`GET ${API}/staff/contracts/7/`]: { body: makeContract({ state: "draft", state_label: "En préparation" }) },
    });
    renderAt("/gestion/creche/contrats/nouveau?demande=12", [
      { path: "/gestion/creche/contrats/nouveau", element: <ContractFormPage /> },
      { path: "/gestion/creche/contrats/:contractId", element: <StaffContractPage /> },
    ]);
    expect(await screen.findByText(/demande de place n° 12/)).toBeInTheDocument();
    expect(await screen.findByText("Nina Martin")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByLabelText(/Ressources annuelles N-2/)).toHaveValue("36000.00"));
    expect(screen.getByLabelText(/Enfants à charge/)).toHaveValue("2");
    expect(screen.getByLabelText(/Début/)).toHaveValue("2027-04-05");
    const panel = screen.getByRole("region", { name: "Calcul du tarif (PSU)" });
    expect(await within(panel).findByText(STEPS[3], {}, { timeout: 3000 })).toBeInTheDocument();
    await userEvent.setup().type(screen.getByLabelText(/^Fin/), "2027-12-31");
    await userEvent.setup().click(screen.getByRole("button", { name: "Enregistrer le brouillon" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Contrat n° 7 — Nina Martin" })).toBeInTheDocument();
    const created = calls.find((c) => c.method === "POST" && c.url === `${API}/staff/contracts/`);
    expect(created?.body).toMatchObject({ child: 5, establishment: 2, section: 4, request: 12, start_date: "2027-04-05", end_date: "2027-12-31", children: 2 });
  });

  it("shows the family's FILOUÉ accord", async () => {
    mockFetch({
      [`GET ${API}/staff/contracts/7/`]: {
        body: makeContract({ state: "signed", state_label: "Signé", filoue_consent: true, filoue_consent_at: "2027-03-01T10:05:00+01:00", filoue_consent_by_name: "Camille Martin" }),
      },
    });
    renderAt("/gestion/creche/contrats/7", [{ path: "/gestion/creche/contrats/:contractId", element: <StaffContractPage /> }]);
    expect(await screen.findByText("accord de la famille")).toBeInTheDocument();
    expect(screen.getByText(/Camille Martin\)/)).toBeInTheDocument();
  });

  it("proposes a draft and shows the full half-hour refusal", async () => {
    mockFetch({
      [`GET ${API}/staff/contracts/7/`]: { body: makeContract({ state: "draft", state_label: "En préparation" }) },
      [`POST ${API}/staff/contracts/7/propose`]: {
        status: 409,
        body: { detail: ["Plus de place le 02/03/2027 de 08:00 à 08:30 : rien n'a été réservé."], code: "slot_full" },
      },
    });
    const { container } = renderAt("/gestion/creche/contrats/7", [{ path: "/gestion/creche/contrats/:contractId", element: <StaffContractPage /> }]);
    expect(await screen.findByText(STEPS[0])).toBeInTheDocument();
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
    await userEvent.setup().click(screen.getByRole("button", { name: "Proposer à la famille" }));
    expect(await screen.findAllByText(/Plus de place le 02\/03\/2027 de 08:00 à 08:30/)).not.toHaveLength(0);
  });

  it("adds an avenant from the last terms", async () => {
    const amended = makeContract({
      state: "signed",
      state_label: "Signé",
      terms: [
        ...makeContract().terms,
        { ...makeContract().terms[0], id: 12, number: 1, effective_from: "2027-06-15", reason: "Reprise du travail", hourly_rate: "2.48" },
      ],
    });
    const calls = mockFetch({
      [`GET ${API}/staff/contracts/7/`]: { body: makeContract({ state: "signed", state_label: "Signé" }) },
      [`POST ${API}/staff/contracts/simulation`]: { status: 400, body: { detail: ["Date"] } },
      [`POST ${API}/staff/contracts/7/amendments`]: { status: 201, body: amended },
    });
    renderAt("/gestion/creche/contrats/7", [{ path: "/gestion/creche/contrats/:contractId", element: <StaffContractPage /> }]);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Ajouter un avenant" }));
    await user.type(screen.getByLabelText(/En vigueur à partir du/), "2027-06-15");
    await user.type(screen.getByLabelText(/^Motif/), "Reprise du travail");
    await user.click(screen.getByRole("button", { name: "Enregistrer l'avenant" }));
    expect(await screen.findByRole("heading", { name: "Avenant n° 1 — à partir du 15/06/2027" })).toBeInTheDocument();
    const body = calls.find((c) => c.url.endsWith("/amendments"))?.body as Record<string, unknown>;
    expect(body).toMatchObject({ effective_from: "2027-06-15", reason: "Reprise du travail", annual_resources: "36000.00", children: 1 });
  });
});
