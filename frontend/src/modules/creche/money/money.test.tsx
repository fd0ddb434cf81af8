import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { createMemoryRouter } from "react-router";
import { RouterProvider } from "react-router/dom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createQueryClient } from "../../../api/queryClient";
import { axeViolations, describeViolations } from "../../../test/axe";
import { mockFetch } from "../../../test/render";
import type { Absence, CafReport, CrecheSettings, Prebilling, StaffAbsence } from "./api";
import { MyAbsencesPage, NewAbsencePage } from "./parent/AbsencesPages";
import { CafReportsPage } from "./staff/CafReportsPage";
import { CrecheSettingsPage } from "./staff/CrecheSettingsPage";
import { PrebillingPage } from "./staff/PrebillingPage";
import { StaffAbsencesPage } from "./staff/StaffAbsencesPage";

const BASE = "/api/v1/creche";
const STAFF = `${BASE}/staff`;
const SIGNED = {
  [`GET ${STAFF}/contracts/?state=signed`]: {
    body: [{ id: 9, child: { id: 5, first_name: "Nina", last_name: "Martin" }, establishment: { id: 1, name: "Les Petits Pas" }, start_date: "2027-01-04", end_date: "2027-07-30" }],
  },
};

function renderAt(path: string, routes: { path: string; element: ReactNode }[]) {
  const client = createQueryClient({ retry: false });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  return render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
}

function makeAbsence(overrides: Partial<StaffAbsence> = {}): StaffAbsence {
  return {
    id: 4,
    child: 5,
    child_name: "Nina Martin",
    contract: 9,
    establishment_name: "Les Petits Pas",
    start_date: "2027-03-02",
    end_date: "2027-03-04",
    declared_kind: "illness",
    declared_kind_label: "Maladie (certificat médical)",
    kind: "illness",
    kind_label: "Maladie (certificat médical)",
    state: "declared",
    state_label: "À qualifier",
    comment: "Otite",
    staff_note: "",
    has_proof: true,
    proof_name: "certificat.pdf",
    declared_at: "2027-03-01T09:00:00+01:00",
    qualified_at: null,
    family_name: "Martin",
    ...overrides,
  };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2027-03-15T10:00:00+01:00"));
});
afterEach(() => {
  vi.useRealTimers();
});

describe("absences (famille)", () => {
  it("declares an absence with its proof and comes back to the list", async () => {
    const declared: Absence = makeAbsence();
    const calls = mockFetch({
      [`GET ${BASE}/absences/contracts`]: {
        body: [{ contract: 9, child: 5, child_name: "Nina Martin", establishment_name: "Les Petits Pas", start_date: "2027-01-04", end_date: "2027-07-30" }],
      },
      [`POST ${BASE}/absences/`]: { status: 201, body: declared },
      [`GET ${BASE}/absences/`]: { body: [declared] },
    });
    const { container } = renderAt("/creche/absences/nouvelle", [
      { path: "/creche/absences/nouvelle", element: <NewAbsencePage /> },
      { path: "/creche/absences", element: <MyAbsencesPage /> },
    ]);
    const user = userEvent.setup();

    expect(await screen.findByRole("heading", { level: 1, name: "Déclarer une absence" })).toBeInTheDocument();
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Déclarer l'absence" }));
    expect(await screen.findByText(/Choisissez le motif de l'absence/, { selector: ".error-summary *" })).toBeInTheDocument();

    await user.type(screen.getByLabelText(/^Du/), "2027-03-02");
    await user.type(screen.getByLabelText(/^Au/), "2027-03-04");
    await user.selectOptions(screen.getByLabelText(/^Motif/), "illness");
    await user.upload(screen.getByLabelText(/Justificatif/), new File(["%PDF-1.4"], "certificat.pdf", { type: "application/pdf" }));
    await user.click(screen.getByRole("button", { name: "Déclarer l'absence" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Absences à la crèche" })).toBeInTheDocument();
    expect(screen.getByText(/Votre absence est déclarée/)).toHaveAttribute("role", "status");
    expect(await screen.findByRole("link", { name: /Justificatif \(certificat.pdf\)/ })).toHaveAttribute("href", `${BASE}/absences/4/proof`);
    const post = calls.find((c) => c.method === "POST");
    expect(post?.url).toBe(`${BASE}/absences/`);
  });

  it("says when no contract is running", async () => {
    mockFetch({ [`GET ${BASE}/absences/contracts`]: { body: [] } });
    renderAt("/creche/absences/nouvelle", [{ path: "/creche/absences/nouvelle", element: <NewAbsencePage /> }]);
    expect(await screen.findByText(/Aucun contrat d'accueil en cours/)).toBeInTheDocument();
  });
});

describe("absences (équipe)", () => {
  it("qualifies an absence and shows the server's refusal next to the note", async () => {
    const calls = mockFetch({
      ...SIGNED,
      [`GET ${STAFF}/absences/?state=declared`]: { body: [makeAbsence({ has_proof: false, proof_name: "" })] },
      [`POST ${STAFF}/absences/4/qualify`]: {
        status: 400,
        body: { note: ["Sans justificatif joint, indiquez dans la note que le certificat a été remis."], code: "absence_refused" },
      },
    });
    const { container } = renderAt("/gestion/creche/absences", [{ path: "/gestion/creche/absences", element: <StaffAbsencesPage /> }]);
    const user = userEvent.setup();

    expect(await screen.findByRole("heading", { level: 3, name: /Nina Martin \(Martin\)/ })).toBeInTheDocument();
    expect(screen.getByText("Aucun justificatif joint.")).toBeInTheDocument();
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Qualifier" }));

    expect(await screen.findAllByText(/Sans justificatif joint/)).not.toHaveLength(0);
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({ kind: "illness", note: "" });
  });

  it("notes an éviction on a signed contract", async () => {
    const eviction = makeAbsence({ id: 8, declared_kind: "eviction", kind: "eviction", state: "qualified", kind_label: "Éviction par le médecin de la crèche" });
    const calls = mockFetch({
      ...SIGNED,
      [`GET ${STAFF}/absences/?state=declared`]: { body: [] },
      [`POST ${STAFF}/absences/`]: { status: 201, body: eviction },
    });
    renderAt("/gestion/creche/absences", [{ path: "/gestion/creche/absences", element: <StaffAbsencesPage /> }]);
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "Enregistrer l'éviction" }));
    expect(await screen.findAllByText("Choisissez le contrat de l'enfant évincé.")).not.toHaveLength(0);
    await screen.findByRole("option", { name: /Nina Martin — Les Petits Pas/ });
    await user.selectOptions(screen.getByLabelText(/^Contrat/), "9");
    await user.type(screen.getByLabelText(/^Du/), "2027-03-10");
    await user.type(screen.getByLabelText(/^Au/), "2027-03-12");
    await user.click(screen.getByRole("button", { name: "Enregistrer l'éviction" }));

    expect(await screen.findByText(/Éviction enregistrée/)).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({ contract: 9, start_date: "2027-03-10", end_date: "2027-03-12", note: "" });
  });

  it("links the proof for staff", async () => {
    mockFetch({ ...SIGNED, [`GET ${STAFF}/absences/?state=declared`]: { body: [makeAbsence()] } });
    renderAt("/gestion/creche/absences", [{ path: "/gestion/creche/absences", element: <StaffAbsencesPage /> }]);
    expect(await screen.findByRole("link", { name: /Voir le justificatif/ })).toHaveAttribute("href", `${STAFF}/absences/4/proof`);
  });
});

const PREBILLING: Prebilling = {
  establishment: 1,
  establishment_name: "Les Petits Pas",
  month: "2027-02",
  month_label: "février 2027",
  total: "342.41",
  warning_count: 1,
  children: [
    {
      child_id: 5,
      child_name: "Nina Martin",
      family_id: 7,
      family_name: "Martin",
      contract_id: 9,
      contract_state: "Signé",
      planned_hours: "180.00",
      attended_hours: "171.00",
      extra_hours: "0.50",
      deducted_hours: "0.00",
      amount: "342.41",
      lines: [{ reference: "fee:9:2027-02", label: "Mensualité de février 2027", quantity: "150.00", unit_price: "2.28", amount: "342.41", already_billed: false }],
      details: ["lun. 08/02/2027 : aucun pointage ni absence déclarée : 9,00 h facturées."],
      warnings: ["1 absence(s) à qualifier : elles ne sont pas déduites tant que l'équipe ne les a pas qualifiées."],
    },
  ],
};

describe("préfacturation", () => {
  it("shows the month per child with its warnings and links to the billing", async () => {
    mockFetch({
      [`GET ${STAFF}/establishments/`]: { body: [{ id: 1, name: "Les Petits Pas" }] },
      [`GET ${STAFF}/prebilling?establishment=1&month=2027-02`]: { body: PREBILLING },
    });
    const { container } = renderAt("/gestion/creche/prefacturation", [{ path: "/gestion/creche/prefacturation", element: <PrebillingPage /> }]);

    expect(await screen.findByRole("heading", { level: 2, name: "Les Petits Pas — février 2027" })).toBeInTheDocument();
    const warnings = screen.getByRole("list", { name: "Points à vérifier pour Nina Martin" });
    expect(within(warnings).getByText(/absence\(s\) à qualifier/)).toBeInTheDocument();
    expect(screen.getByRole("cell", { name: "Mensualité de février 2027" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "l'écran de facturation" })).toHaveAttribute("href", "/gestion/facturation");
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});

const REPORT: CafReport = {
  establishment: 1,
  establishment_name: "Les Petits Pas",
  period_label: "année 2027",
  attended_hours: "100.00",
  billed_hours: "120.00",
  billing_rate: "120.00",
  billing_rate_alert: true,
  participations: "250.00",
  children: 2,
  age_bands: [
    { code: "0", label: "Moins d'un an", children: 1, attended_hours: "40.00", billed_hours: "50.00" },
    { code: "1", label: "1 à 2 ans", children: 1, attended_hours: "60.00", billed_hours: "70.00" },
  ],
  months: [{ month: 2, label: "février 2027", attended_hours: "100.00", billed_hours: "120.00", participations: "250.00", children: 2 }],
};

describe("rapports Caf", () => {
  it("shows the figures, flags a billing rate above 117 % and links the exports", async () => {
    mockFetch({
      [`GET ${STAFF}/establishments/`]: { body: [{ id: 1, name: "Les Petits Pas" }] },
      [`GET ${STAFF}/caf-report?establishment=1&year=2027`]: { body: REPORT },
      [`GET ${STAFF}/filoue?establishment=1&year=2027`]: {
        body: { year: 2027, consenting_children: 1, excluded_children: 1, consent_label: "Crèche : transmission anonymisée à la Caf (FILOUÉ)" },
      },
    });
    const { container } = renderAt("/gestion/creche/rapports-caf", [{ path: "/gestion/creche/rapports-caf", element: <CafReportsPage /> }]);

    expect(await screen.findByText("120,00 %")).toHaveClass("creche-money__alert");
    expect(screen.getByText(/supérieur à 117 %/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Télécharger (CSV)" })).toHaveAttribute("href", `${STAFF}/caf-report.csv?establishment=1&year=2027`);
    expect(screen.getByRole("link", { name: "Télécharger (PDF)" })).toHaveAttribute("href", `${STAFF}/caf-report.pdf?establishment=1&year=2027`);
    expect(await screen.findByRole("link", { name: /fichier FILOUÉ 2027/ })).toHaveAttribute("href", `${STAFF}/filoue.csv?establishment=1&year=2027`);
    expect(screen.getByText(/1 enfant\(s\) exclu\(s\)/)).toBeInTheDocument();
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});

describe("réglages", () => {
  it("saves the settings", async () => {
    const settings: CrecheSettings = {
      rounding_minutes: 30,
      tolerance_minutes: 0,
      carence_days: 3,
      parents_may_clock: false,
      missing_resources: "ceiling",
      rate_rounding: "half_up",
      request_renewal_months: 3,
      offer_answer_days: 15,
      occasional_validation: true,
      contact_email: "",
    };
    const calls = mockFetch({
      [`GET ${STAFF}/settings`]: { body: settings },
      [`PUT ${STAFF}/settings`]: { body: { ...settings, rounding_minutes: 15 } },
    });
    const { container } = renderAt("/gestion/creche/reglages", [{ path: "/gestion/creche/reglages", element: <CrecheSettingsPage /> }]);
    const user = userEvent.setup();

    const rounding = await screen.findByLabelText(/Unité de facturation/);
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
    await user.clear(rounding);
    await user.type(rounding, "15");
    await user.click(screen.getByRole("button", { name: "Enregistrer" }));

    expect(await screen.findByText("Réglages enregistrés.")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "PUT")?.body).toMatchObject({ rounding_minutes: 15, carence_days: 3 });
  });
});
