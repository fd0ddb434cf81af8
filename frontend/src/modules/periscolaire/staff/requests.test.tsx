import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ACTIVITIES, B, makeEnrolment, makeReservation } from "../../../pages/staff/booking/bookingFixtures";
import { page, STAFF_SESSION } from "../../../pages/staff/staffFixtures";
import { currentPath, mockFetch, renderApp } from "../../../test/render";

/** Text of every alert region (the filters and the queue each have one). */
const alerts = () => screen.getAllByRole("alert").map((a) => a.textContent).join(" ");

const ENROLMENTS = `GET ${B}/enrolments/?status=requested`;
const enrolments = [
  makeEnrolment({ id: 1 }),
  makeEnrolment({ id: 2, child: 12, child_name: "Emma", child_last_name: "Durand", family_id: 8, family_name: "Durand", group_name: "Maternelles" }),
  makeEnrolment({ id: 3, child: 13, child_name: "Noé", child_last_name: "Petit", family_id: 9, family_name: "Petit" }),
];

describe("enrolment requests", () => {
  it("lists the requests with a link to the family file", async () => {
    mockFetch({ ...STAFF_SESSION, ...ACTIVITIES, [ENROLMENTS]: { body: page(enrolments) } });
    renderApp("/gestion/inscriptions");
    const table = await screen.findByRole("table", { name: "Demandes d'inscription en attente (3)" });
    expect(within(table).getByRole("link", { name: "Famille Durand" })).toHaveAttribute("href", "/gestion/familles/8");
    expect(within(table).getAllByRole("row")[2]).toHaveTextContent("Maternelles");
    await waitFor(() => expect(document.title).toBe("Demandes d'inscription — Mairie de Saint-Alban"));
  });

  it("accepts the selected requests at once", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...ACTIVITIES,
      [ENROLMENTS]: { body: page(enrolments) },
      [`POST ${B}/enrolments/decide/`]: { body: [enrolments[0], enrolments[2]] },
    });
    renderApp("/gestion/inscriptions");
    const user = userEvent.setup();
    await user.click(await screen.findByLabelText("Sélectionner l'inscription de Léo Martin à « Accueil périscolaire (2025/2026) »"));
    await user.click(screen.getByLabelText(/Sélectionner l'inscription de Noé Petit/));
    expect(screen.getByText("2 demandes sélectionnées")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Accepter" }));
    expect(await screen.findByText(/2 inscriptions acceptées/)).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ ids: [1, 3], decision: "accept", reason: "", book_past_deadlines: false });
  });

  it("books the days past their deadline only when asked", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...ACTIVITIES,
      [ENROLMENTS]: { body: page(enrolments) },
      [`POST ${B}/enrolments/decide/`]: { body: [{ ...enrolments[0], booked_past_deadlines: true }] },
    });
    renderApp("/gestion/inscriptions");
    const user = userEvent.setup();
    await user.click(await screen.findByLabelText("Sélectionner l'inscription de Léo Martin à « Accueil périscolaire (2025/2026) »"));
    const option = screen.getByRole("checkbox", { name: "Réserver aussi les jours dont le délai est passé" });
    expect(option).not.toBeChecked();
    await user.click(option);
    await user.click(screen.getByRole("button", { name: "Accepter" }));
    expect(await screen.findByText(/1 inscription acceptée/)).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ ids: [1], decision: "accept", reason: "", book_past_deadlines: true });
  });

  it("refuses with a reason only, then gives the focus back", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...ACTIVITIES,
      [ENROLMENTS]: { body: page(enrolments) },
      [`POST ${B}/enrolments/decide/`]: { body: enrolments.map((e) => ({ ...e, status: "refused" })) },
    });
    renderApp("/gestion/inscriptions");
    const user = userEvent.setup();
    await user.click(await screen.findByLabelText("Tout sélectionner"));
    await user.click(screen.getByRole("button", { name: "Refuser" }));
    expect(screen.getByLabelText("Motif du refus")).toHaveFocus();
    await user.click(screen.getByRole("button", { name: "Confirmer le refus" }));
    expect(alerts()).toContain("Indiquez le motif du refus.");
    expect(calls.some((c) => c.method === "POST")).toBe(false);

    await user.type(screen.getByLabelText("Motif du refus"), "Plus de place");
    await user.click(screen.getByRole("button", { name: "Confirmer le refus" }));
    expect(await screen.findByText(/3 inscriptions refusées/)).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ ids: [1, 2, 3], decision: "refuse", reason: "Plus de place", book_past_deadlines: false });
    expect(screen.getByRole("button", { name: "Refuser" })).toHaveFocus();
  });

  it("puts on the waiting list, and asks to select something first", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...ACTIVITIES,
      [ENROLMENTS]: { body: page(enrolments) },
      [`POST ${B}/enrolments/decide/`]: { body: [enrolments[1]] },
    });
    renderApp("/gestion/inscriptions");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Liste d'attente" }));
    expect(alerts()).toContain("Sélectionnez au moins une demande.");
    await user.click(screen.getByLabelText(/Sélectionner l'inscription d'Emma Durand/));
    await user.click(screen.getByRole("button", { name: "Liste d'attente" }));
    expect(await screen.findByText(/1 inscription mise en liste d'attente/)).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ ids: [2], decision: "waitlist", reason: "", book_past_deadlines: false });
  });

  it("filters by activity through the URL", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...ACTIVITIES,
      [ENROLMENTS]: { body: page(enrolments) },
      [`${ENROLMENTS}&activity=4`]: { body: page([]) },
    });
    const { router } = renderApp("/gestion/inscriptions");
    const user = userEvent.setup();
    await screen.findByRole("table");
    await user.selectOptions(screen.getByLabelText("Activité"), "4");
    await user.click(screen.getByRole("button", { name: "Filtrer" }));
    expect(await screen.findByText("Aucune demande d'inscription en attente.")).toBeInTheDocument();
    expect(currentPath(router)).toBe("/gestion/inscriptions?activite=4");
    expect(calls.some((c) => c.url === `${B}/enrolments/?status=requested&activity=4`)).toBe(true);
  });
});

describe("reservation and cancellation requests", () => {
  const REQUESTS = `GET ${B}/reservations/?state=requested`;
  const CANCELS = `GET ${B}/reservations/?state=cancel_requested`;
  const requests = [
    makeReservation({ id: 100 }),
    makeReservation({ id: 101, child_name: "Emma", child_last_name: "Durand", family_name: "Durand" }),
    makeReservation({ id: 102, date: "2026-03-03", unit_name: "Restauration" }),
  ];

  it("groups the requests by day and accepts several at once", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...ACTIVITIES,
      [REQUESTS]: { body: page(requests) },
      [`POST ${B}/reservations/decide/`]: { body: requests.slice(0, 2) },
    });
    renderApp("/gestion/reservations");
    const user = userEvent.setup();
    const monday = await screen.findByRole("region", { name: "lundi 2 mars 2026" });
    expect(within(monday).getAllByRole("row")).toHaveLength(3);
    expect(screen.getByRole("region", { name: "mardi 3 mars 2026" })).toHaveTextContent("Restauration");
    expect(screen.getByRole("tab", { name: "Demandes de réservation" })).toHaveAttribute("aria-selected", "true");

    await user.click(within(monday).getByLabelText("Sélectionner les demandes du lundi 2 mars 2026"));
    expect(screen.getByText("2 demandes sélectionnées")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Accepter" }));
    expect(await screen.findByText(/2 réservations acceptées/)).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ ids: [100, 101], decision: "accept", reason: "" });
  });

  it("refuses booking requests with a reason (required)", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...ACTIVITIES,
      [REQUESTS]: { body: page(requests) },
      [`POST ${B}/reservations/decide/`]: { body: [requests[2]] },
    });
    renderApp("/gestion/reservations");
    const user = userEvent.setup();
    await user.click(await screen.findByLabelText("Sélectionner la réservation de Léo Martin : Restauration, mardi 3 mars 2026"));
    await user.click(screen.getByRole("button", { name: "Refuser" }));
    await user.click(screen.getByRole("button", { name: "Confirmer le refus" }));
    expect(alerts()).toContain("Indiquez le motif du refus.");
    await user.type(screen.getByLabelText("Motif du refus"), "Complet");
    await user.click(screen.getByRole("button", { name: "Confirmer le refus" }));
    expect(await screen.findByText(/1 réservation refusée/)).toBeInTheDocument();
    expect(calls.filter((c) => c.method === "POST")).toHaveLength(1);
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ ids: [102], decision: "refuse", reason: "Complet" });
  });

  it("answers cancellation requests: excused or billed", async () => {
    const cancels = [
      makeReservation({ id: 200, state: "cancel_requested", absence_reason: "Malade", has_document: true }),
      makeReservation({ id: 201, state: "cancel_requested", child_name: "Emma", child_last_name: "Durand", family_name: "Durand" }),
    ];
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...ACTIVITIES,
      [REQUESTS]: { body: page(requests) },
      [CANCELS]: { body: page(cancels) },
      [`POST ${B}/reservations/decide/`]: (init) => {
        const body = JSON.parse(String(init.body)) as { ids: number[] };
        return { body: cancels.filter((c) => body.ids.includes(c.id)) };
      },
    });
    const { router } = renderApp("/gestion/reservations");
    const user = userEvent.setup();
    const requestsTab = await screen.findByRole("tab", { name: "Demandes de réservation" });
    await screen.findByRole("region", { name: "lundi 2 mars 2026" });
    requestsTab.focus();
    await user.keyboard("{ArrowRight}");
    expect(screen.getByRole("tab", { name: "Demandes d'annulation" })).toHaveFocus();
    expect(currentPath(router)).toBe("/gestion/reservations?onglet=annulations");
    const panel = screen.getByRole("tabpanel", { name: "Demandes d'annulation" });
    const row = (await within(panel).findByText("Malade")).closest("tr")!;
    expect(row).toHaveTextContent("Fourni");

    await user.click(within(panel).getByLabelText(/Sélectionner l'annulation de Léo Martin/));
    await user.click(within(panel).getByRole("button", { name: "Excusée" }));
    expect(await screen.findByText(/1 annulation excusée/)).toBeInTheDocument();
    await user.click(within(panel).getByLabelText(/Sélectionner l'annulation d'Emma Durand/));
    await user.click(within(panel).getByRole("button", { name: "Facturée" }));
    expect(await screen.findByText(/1 annulation facturée/)).toBeInTheDocument();
    const posts = calls.filter((c) => c.method === "POST").map((c) => c.body);
    expect(posts).toEqual([
      { ids: [200], decision: "excused", reason: "" },
      { ids: [201], decision: "billed", reason: "" },
    ]);
    expect(within(panel).queryByRole("button", { name: "Accepter" })).not.toBeInTheDocument();
  });

  it("filters by activity and period", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...ACTIVITIES,
      [REQUESTS]: { body: page(requests) },
      [`${REQUESTS}&activity=3&from=2026-03-01&to=2026-03-31`]: { body: page([]) },
    });
    const { router } = renderApp("/gestion/reservations");
    const user = userEvent.setup();
    await screen.findByRole("region", { name: "lundi 2 mars 2026" });
    await user.selectOptions(screen.getByLabelText("Activité"), "3");
    await user.type(screen.getByLabelText("Jours du"), "2026-03-31");
    await user.type(screen.getByLabelText("Au"), "2026-03-01");
    await user.click(screen.getByRole("button", { name: "Filtrer" }));
    expect(alerts()).toContain("La fin de la période doit suivre son début.");
    await user.clear(screen.getByLabelText("Jours du"));
    await user.type(screen.getByLabelText("Jours du"), "2026-03-01");
    await user.clear(screen.getByLabelText("Au"));
    await user.type(screen.getByLabelText("Au"), "2026-03-31");
    await user.click(screen.getByRole("button", { name: "Filtrer" }));
    expect(await screen.findByText("Aucune demande de réservation en attente.")).toBeInTheDocument();
    expect(currentPath(router)).toBe("/gestion/reservations?activite=3&du=2026-03-01&au=2026-03-31");
    expect(calls.some((c) => c.url === `${B}/reservations/?state=requested&activity=3&from=2026-03-01&to=2026-03-31`)).toBe(true);
  });
});
