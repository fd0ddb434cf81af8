import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { makeStructure, makeUser, sessionBody } from "../../test/fixtures";
import { currentPath, mockFetch, renderApp } from "../../test/render";
import { makeDocument, makeRequest, makeSummary, page, STAFF_SESSION } from "./staffFixtures";

const REQUESTS_URL = "GET /api/v1/staff/change-requests/?status=pending";
const REASON_400 = { status: 400, body: { reason: ["Indiquez le motif du refus."] } };

describe("back office home", () => {
  it("shows the counters, each linking to its queue", async () => {
    mockFetch({
      ...STAFF_SESSION,
      "GET /api/v1/staff/dossier/counters/": { body: { accounts_pending: 2, requests_pending: 5, documents_pending: 1, families: 120 } },
    });
    renderApp("/gestion");
    const region = await screen.findByRole("region", { name: "À traiter" });
    const link = await within(region).findByRole("link", { name: "Comptes à valider" });
    expect(link).toHaveAttribute("href", "/gestion/comptes");
    expect(within(region).getByRole("link", { name: "Demandes de modification" })).toHaveAttribute("href", "/gestion/demandes");
    expect(within(region).getByRole("link", { name: "Documents à vérifier" })).toHaveAttribute("href", "/gestion/documents");
    expect(region).toHaveTextContent("5demandes à traiter");
    expect(region).toHaveTextContent("1document à vérifier");
  });

  it("lists the back office pages in the menu", async () => {
    mockFetch({ ...STAFF_SESSION, "GET /api/v1/staff/dossier/counters/": { status: 403, body: { detail: "Vous n'avez pas la permission." } } });
    renderApp("/gestion");
    const nav = await screen.findByRole("navigation", { name: "Navigation principale" });
    expect(within(nav).getByRole("link", { name: "Demandes" })).toHaveAttribute("href", "/gestion/demandes");
    expect(within(nav).getByRole("link", { name: "Configuration" })).toHaveAttribute("href", "/gestion/configuration");
    // No permission for the counters: said in French, the rest of the page stays.
    expect(await screen.findByText("Vous n'avez pas accès à cette fonction.")).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "Vos rôles" })).toBeInTheDocument();
  });

  it("sends a parent away from the back office", async () => {
    mockFetch({ "GET /api/v1/structure/": { body: makeStructure() }, "GET /api/v1/auth/session": { body: sessionBody(makeUser()) } });
    const { router } = renderApp("/gestion/demandes");
    await screen.findByRole("heading", { level: 1, name: "Bonjour Claire" });
    expect(currentPath(router)).toBe("/");
  });
});

describe("accounts awaiting validation", () => {
  it("validates an account and announces it", async () => {
    let validated = false;
    const calls = mockFetch({
      ...STAFF_SESSION,
      "GET /api/v1/staff/accounts/pending/": () => ({ body: page(validated ? [] : [makeSummary()]) }),
      "POST /api/v1/staff/families/7/validate/": () => {
        validated = true;
        return { body: makeSummary({ status: "active" }) };
      },
    });
    renderApp("/gestion/comptes");
    await userEvent.setup().click(await screen.findByRole("button", { name: "Valider le compte de la famille Martin" }));
    expect(await screen.findByText(/Le compte de la famille Martin \(n° 1042\) est validé/)).toBeInTheDocument();
    expect(calls.some((c) => c.method === "POST" && c.url === "/api/v1/staff/families/7/validate/")).toBe(true);
    expect(await screen.findByText("Aucun compte n'attend de validation.")).toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe("Comptes à valider — Mairie de Saint-Alban"));
  });

  it("refuses without a reason: French error, no call; then sends the reason", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      "GET /api/v1/staff/accounts/pending/": { body: page([makeSummary()]) },
      "POST /api/v1/staff/families/7/refuse/": { body: makeSummary({ status: "refused" }) },
    });
    renderApp("/gestion/comptes");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Refuser le compte de la famille Martin" }));
    const reason = screen.getByLabelText("Motif du refus");
    expect(reason).toHaveFocus();
    await user.click(screen.getByRole("button", { name: "Confirmer le refus" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Indiquez le motif du refus.");
    expect(reason).toHaveAttribute("aria-invalid", "true");
    expect(reason).toHaveAccessibleDescription(expect.stringContaining("Erreur : Indiquez le motif du refus."));
    expect(calls.some((c) => c.method === "POST")).toBe(false);

    await user.type(reason, "Famille hors commune");
    await user.click(screen.getByRole("button", { name: "Confirmer le refus" }));
    await screen.findByText(/est refusé/);
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ reason: "Famille hors commune" });
  });

  it("cancelling the refusal gives the focus back to its button", async () => {
    mockFetch({ ...STAFF_SESSION, "GET /api/v1/staff/accounts/pending/": { body: page([makeSummary()]) } });
    renderApp("/gestion/comptes");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Refuser le compte de la famille Martin" }));
    await user.click(screen.getByRole("button", { name: "Annuler" }));
    expect(screen.getByRole("button", { name: "Refuser le compte de la famille Martin" })).toHaveFocus();
  });

  it("says when the role lacks the permission (403)", async () => {
    mockFetch({ ...STAFF_SESSION, "GET /api/v1/staff/accounts/pending/": { status: 403, body: { detail: "Vous n'avez pas la permission d'effectuer cette action." } } });
    renderApp("/gestion/comptes");
    expect(await screen.findByText("Vous n'avez pas accès à cette fonction.")).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1, name: "Comptes à valider" })).toBeInTheDocument();
  });
});

describe("change requests", () => {
  const requests = [
    makeRequest({ id: 11 }),
    makeRequest({ id: 12, family_id: 8, family_name: "Durand", family_number: 1043, target_label: "Foyer Durand" }),
    makeRequest({ id: 13, category: "sante", category_label: "Santé", target_label: "Léo Martin", changes: [{ field: "allergies", label: "Allergies", before: "", after: "Arachide" }] }),
  ];

  it("shows each change as before → after", async () => {
    mockFetch({ ...STAFF_SESSION, [REQUESTS_URL]: { body: page(requests) } });
    renderApp("/gestion/demandes");
    const table = await screen.findByRole("table", { name: /Demandes en attente/ });
    const rows = within(table).getAllByRole("row");
    expect(rows[1]).toHaveTextContent("Ville : avantLyon → aprèsSaint-Alban");
    expect(rows[3]).toHaveTextContent("Allergies : avant(vide) → aprèsArachide");
  });

  it("accepts the selected requests at once", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      [REQUESTS_URL]: { body: page(requests) },
      "POST /api/v1/staff/change-requests/decide/": { body: [requests[0], requests[2]] },
    });
    renderApp("/gestion/demandes");
    const user = userEvent.setup();
    await user.click(await screen.findByLabelText(/Sélectionner la demande « Foyer » de la famille Martin/));
    await user.click(screen.getByLabelText(/Sélectionner la demande « Santé »/));
    expect(screen.getByText("2 demandes sélectionnées")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Accepter la sélection" }));
    expect(await screen.findByText(/2 demandes acceptées/)).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ ids: [11, 13], decision: "accept", reason: "" });
  });

  it("selects all, then refuses with a reason (required)", async () => {
    let answer = REASON_400 as { status?: number; body: unknown };
    const calls = mockFetch({
      ...STAFF_SESSION,
      [REQUESTS_URL]: { body: page(requests) },
      "POST /api/v1/staff/change-requests/decide/": () => answer,
    });
    renderApp("/gestion/demandes");
    const user = userEvent.setup();
    await user.click(await screen.findByLabelText("Tout sélectionner"));
    expect(screen.getByText("3 demandes sélectionnées")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Refuser la sélection" }));
    await user.click(screen.getByRole("button", { name: "Confirmer le refus" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Indiquez le motif du refus.");
    expect(calls.some((c) => c.method === "POST")).toBe(false);

    // A blank reason the server refuses (400) is shown next to the field too.
    await user.type(screen.getByLabelText("Motif du refus"), "   x");
    await user.click(screen.getByRole("button", { name: "Confirmer le refus" }));
    await waitFor(() => expect(screen.getByLabelText("Motif du refus")).toHaveAttribute("aria-invalid", "true"));

    answer = { body: requests.map((r) => ({ ...r, status: "refused" })) };
    await user.clear(screen.getByLabelText("Motif du refus"));
    await user.type(screen.getByLabelText("Motif du refus"), "Justificatif manquant");
    await user.click(screen.getByRole("button", { name: "Confirmer le refus" }));
    expect(await screen.findByText(/3 demandes refusées/)).toBeInTheDocument();
    const posts = calls.filter((c) => c.method === "POST");
    expect(posts.at(-1)!.body).toEqual({ ids: [11, 12, 13], decision: "refuse", reason: "Justificatif manquant" });
    expect(screen.getByRole("button", { name: "Refuser la sélection" })).toHaveFocus();
  });

  it("asks to select something first", async () => {
    const calls = mockFetch({ ...STAFF_SESSION, [REQUESTS_URL]: { body: page(requests) } });
    renderApp("/gestion/demandes");
    await userEvent.setup().click(await screen.findByRole("button", { name: "Accepter la sélection" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Sélectionnez au moins une demande.");
    expect(calls.some((c) => c.method === "POST")).toBe(false);
  });

  it("filters by status and type through the URL", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      [REQUESTS_URL]: { body: page(requests) },
      "GET /api/v1/staff/change-requests/?status=refused&category=sante": {
        body: page([makeRequest({ id: 20, status: "refused", status_label: "Refusée", reason: "Certificat illisible", decided_at: "2026-11-22T08:00:00Z" })]),
      },
    });
    const { router } = renderApp("/gestion/demandes");
    const user = userEvent.setup();
    await screen.findByRole("table");
    await user.selectOptions(screen.getByLabelText("État"), "refused");
    await user.selectOptions(screen.getByLabelText("Type de demande"), "sante");
    await user.click(screen.getByRole("button", { name: "Filtrer" }));
    expect(await screen.findByText("Certificat illisible")).toBeInTheDocument();
    expect(currentPath(router)).toBe("/gestion/demandes?statut=refused&type=sante");
    expect(calls.some((c) => c.url === "/api/v1/staff/change-requests/?status=refused&category=sante")).toBe(true);
    expect(screen.queryByRole("button", { name: "Accepter la sélection" })).not.toBeInTheDocument();
  });

  it("handles a 403 on the decision", async () => {
    mockFetch({
      ...STAFF_SESSION,
      [REQUESTS_URL]: { body: page(requests) },
      "POST /api/v1/staff/change-requests/decide/": { status: 403, body: { detail: "Vous n'avez pas la permission d'effectuer cette action." } },
    });
    renderApp("/gestion/demandes");
    const user = userEvent.setup();
    await user.click(await screen.findByLabelText("Tout sélectionner"));
    await user.click(screen.getByRole("button", { name: "Accepter la sélection" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Vous n'avez pas accès à cette fonction.");
  });
});

describe("documents awaiting review", () => {
  const DOCS_URL = "GET /api/v1/staff/documents/?status=awaiting_review";

  it("opens the file in a new tab and accepts", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      [DOCS_URL]: { body: page([makeDocument()]) },
      "POST /api/v1/staff/documents/5b0c6f7e-0000-4000-8000-000000000001/review": { body: makeDocument({ status: "accepted" }) },
    });
    renderApp("/gestion/documents");
    const link = await screen.findByRole("link", { name: "Ouvrir attestation.pdf (nouvelle fenêtre)" });
    expect(link).toHaveAttribute("href", "/api/v1/staff/documents/5b0c6f7e-0000-4000-8000-000000000001/file");
    expect(link).toHaveAttribute("target", "_blank");
    await userEvent.setup().click(screen.getByRole("button", { name: /^Accepter : Attestation d'assurance de Léo/ }));
    expect(await screen.findByText(/document accepté/)).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ decision: "accept" });
  });

  it("rejects with a reason only", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      [DOCS_URL]: { body: page([makeDocument()]) },
      "POST /api/v1/staff/documents/5b0c6f7e-0000-4000-8000-000000000001/review": { body: makeDocument({ status: "rejected" }) },
    });
    renderApp("/gestion/documents");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: /^Refuser : Attestation/ }));
    await user.click(screen.getByRole("button", { name: "Confirmer le refus" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Indiquez le motif du refus.");
    expect(calls.some((c) => c.method === "POST")).toBe(false);
    await user.type(screen.getByLabelText("Motif du refus"), "Document expiré");
    await user.click(screen.getByRole("button", { name: "Confirmer le refus" }));
    expect(await screen.findByText(/document refusé/)).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ decision: "reject", reason: "Document expiré" });
  });
});
