import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { BookingRequest } from "../../api/bookingRequests";
import { axeViolations, describeViolations } from "../../test/axe";
import { NO_PENDING_CONSENTS } from "../../test/familyFixtures";
import { makeStructure, makeUser, sessionBody } from "../../test/fixtures";
import { currentPath, mockFetch, renderApp } from "../../test/render";

const PARENT = {
  "GET /api/v1/structure/": { body: makeStructure() },
  "GET /api/v1/auth/session": { body: sessionBody(makeUser()) },
  ...NO_PENDING_CONSENTS,
  "GET /api/v1/family/requests/": { body: [] },
};

function bookingRequest(extra: Partial<BookingRequest> = {}): BookingRequest {
  return {
    id: "booking-12",
    kind: "booking",
    kind_label: "Réservation",
    requested_at: "2026-11-02T08:30:00Z",
    status: "refused",
    status_label: "Refusée",
    answer: "Réservation refusée",
    decided_at: "2026-11-03T09:00:00Z",
    reason: "Effectif complet ce jour",
    reservation: 12,
    date: "2026-11-16",
    child: 3,
    child_name: "Léa",
    unit_name: "Matin",
    activity_name: "ALAE Matin",
    ...extra,
  };
}

const page = (results: BookingRequest[], count = results.length, next: string | null = null) => ({
  body: { count, next, previous: null, results },
});

describe("Mes demandes — réservations", () => {
  it("shows a refused booking request with its reason, its day, child and unit", async () => {
    mockFetch({ ...PARENT, "GET /api/v1/booking/requests/": page([bookingRequest()]) });
    const { container } = renderApp("/mes-demandes");
    const section = await screen.findByRole("region", { name: "Réservations, annulations et absences" });
    const table = await within(section).findByRole("table", { name: "Réservations, annulations et absences, les plus récentes d'abord" });
    const [row] = within(table).getAllByRole("row").slice(1);
    expect(within(row).getByRole("rowheader")).toHaveTextContent("Réservation");
    expect(row).toHaveTextContent("16/11/2026");
    expect(row).toHaveTextContent("Léa");
    expect(row).toHaveTextContent("ALAE Matin — Matin");
    expect(row).toHaveTextContent("Refusée : Réservation refusée");
    expect(within(row).getByText("Effectif complet ce jour")).toBeVisible();
    expect(row).toHaveTextContent("Motif du refus : Effectif complet ce jour");
    // The family file's modifications are listed too under « Toutes ».
    expect(screen.getByRole("region", { name: "Modifications du dossier" })).toBeInTheDocument();
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it("filters by type through the URL", async () => {
    const calls = mockFetch({
      ...PARENT,
      "GET /api/v1/booking/requests/": page([bookingRequest()]),
      "GET /api/v1/booking/requests/?type=absence": page([
        bookingRequest({
          id: "absence-14",
          kind: "absence",
          kind_label: "Absence",
          status: "accepted",
          status_label: "Acceptée",
          answer: "Absence facturée (sans justificatif)",
          reason: "Malade",
          reservation: 14,
        }),
      ]),
      "GET /api/v1/booking/requests/?type=cancellation": page([]),
    });
    const { router } = renderApp("/mes-demandes");
    const user = userEvent.setup();
    await screen.findByRole("table", { name: /Réservations, annulations et absences/ });
    const types = screen.getByRole("group", { name: "Type de demande" });
    expect(within(types).getAllByRole("button").map((b) => b.textContent)).toEqual([
      "Toutes",
      "Modifications du dossier",
      "Réservations",
      "Annulations",
      "Absences",
    ]);

    await user.click(within(types).getByRole("button", { name: "Absences" }));
    expect(currentPath(router)).toBe("/mes-demandes?type=absences");
    expect(within(types).getByRole("button", { name: "Absences" })).toHaveAttribute("aria-pressed", "true");
    const absences = await screen.findByRole("region", { name: "Absences" });
    expect(await within(absences).findByText("Malade")).toBeInTheDocument();
    expect(within(absences).getByRole("row", { name: /Absence/ })).toHaveTextContent("Motif de l'absence : Malade");
    expect(screen.queryByRole("region", { name: "Modifications du dossier" })).not.toBeInTheDocument();

    await user.click(within(types).getByRole("button", { name: "Annulations" }));
    expect(await screen.findByText("Aucune demande d'annulation.")).toBeInTheDocument();

    await user.click(within(types).getByRole("button", { name: "Modifications du dossier" }));
    expect(await screen.findByRole("region", { name: "Modifications du dossier" })).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: /Réservations/ })).not.toBeInTheDocument();
    expect(calls.filter((c) => c.url.startsWith("/api/v1/booking/requests/")).map((c) => c.url)).toEqual([
      "/api/v1/booking/requests/",
      "/api/v1/booking/requests/?type=absence",
      "/api/v1/booking/requests/?type=cancellation",
    ]);
  });

  it("pages through the requests", async () => {
    const calls = mockFetch({
      ...PARENT,
      "GET /api/v1/booking/requests/?type=booking": page([bookingRequest()], 60, "/api/v1/booking/requests/?type=booking&page=2"),
      "GET /api/v1/booking/requests/?type=booking&page=2": page([bookingRequest({ id: "booking-13", reservation: 13 })], 60),
    });
    const { router } = renderApp("/mes-demandes?type=reservations");
    const user = userEvent.setup();
    const pages = await screen.findByRole("navigation", { name: "Pages : réservations" });
    await user.click(within(pages).getByRole("button", { name: "Page suivante" }));
    await waitFor(() => expect(currentPath(router)).toBe("/mes-demandes?type=reservations&page=2"));
    await waitFor(() => expect(calls.some((c) => c.url.endsWith("page=2"))).toBe(true));
  });
});
