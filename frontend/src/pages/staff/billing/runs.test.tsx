import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeAll, describe, expect, it } from "vitest";
import { formatMoney } from "../../../format/money";
import { currentPath, mockFetch, renderApp } from "../../../test/render";
import { ACTIVITIES } from "../booking/bookingFixtures";
import { page, STAFF_SESSION } from "../staffFixtures";
import { BB, makeLine, makeRun, makeRunFamily } from "./billingFixtures";
import { runPolling } from "./labels";

/** The amount as the DOM text reads once whitespace is normalized. */
const money = (value: string) => formatMoney(value).replace(/\s/g, " ");

beforeAll(() => {
  runPolling.interval = 20;
});

const RULES = {
  [`GET ${BB}/rules/`]: {
    body: [
      { state: "present", label: "Présent", billed: true },
      { state: "excused", label: "Absence excusée", billed: false },
    ],
  },
};

const FAMILIES = [
  makeRunFamily({ id: 102, family: 9, family_name: "Petit", family_number: 1050, total: "0.00", line_count: 3, error: "Quotient familial manquant : tarif non déterminé." }),
  makeRunFamily(),
];

describe("billing runs", () => {
  it("creates a run, shows the progress, then the draft's totals and the family in error", async () => {
    let reads = 0;
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...ACTIVITIES,
      ...RULES,
      [`GET ${BB}/runs/`]: { body: page([]) },
      [`POST ${BB}/runs/`]: { status: 201, body: makeRun({ status: "computing", status_label: "Calcul en cours", family_count: 0, error_count: 0, total: "0.00", computed_at: null }) },
      [`GET ${BB}/runs/12/`]: () => {
        reads += 1;
        return { body: reads < 2 ? makeRun({ status: "computing", status_label: "Calcul en cours", computed_at: null }) : makeRun() };
      },
      [`GET ${BB}/runs/12/families/`]: { body: page(FAMILIES) },
      [`GET ${BB}/runs/12/families/101/lines/`]: { body: [makeLine(), makeLine({ id: 2, date: "2026-03-03", kind: "correction", label: "Régularisation février", amount: "-2.10" })] },
    });
    const { router } = renderApp("/gestion/facturation");
    const user = userEvent.setup();
    expect(await screen.findByText("Aucune facturation pour l'instant.")).toBeInTheDocument();
    await user.type(screen.getByLabelText("Libellé"), "Mars 2026");
    await user.click(screen.getByRole("button", { name: "Calculer le brouillon" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Indiquez le début de la période.");
    await user.type(screen.getByLabelText("Période du"), "2026-03-01");
    await user.type(screen.getByLabelText("Au"), "2026-03-31");
    await user.click(screen.getByLabelText(/Mercredis/));
    await user.click(screen.getByRole("button", { name: "Calculer le brouillon" }));

    expect(await screen.findByText(/Calcul du brouillon en cours/)).toBeInTheDocument();
    expect(currentPath(router)).toBe("/gestion/facturation/runs/12");
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ label: "Mars 2026", period_start: "2026-03-01", period_end: "2026-03-31", activity_ids: [4] });

    const table = await screen.findByRole("table", { name: "Familles de la facturation (2)" }, { timeout: 3000 });
    expect(screen.queryByText(/Calcul du brouillon en cours/)).not.toBeInTheDocument();
    expect(screen.getByText(money("1250.50"))).toBeInTheDocument();
    const rows = within(table).getAllByRole("row");
    expect(rows[1]).toHaveTextContent("Famille Petit");
    expect(rows[1]).toHaveTextContent("Quotient familial manquant : tarif non déterminé.");
    expect(within(rows[1]).getByRole("link", { name: "Famille Petit" })).toHaveAttribute("href", "/gestion/familles/9");

    const toggle = within(table).getByRole("button", { name: "Voir les lignes de la famille Martin" });
    await user.click(toggle);
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    const lines = await screen.findByRole("table", { name: "Lignes de la famille Martin" });
    expect(within(lines).getAllByRole("row")).toHaveLength(3);
    expect(lines).toHaveTextContent("Régularisation février (régularisation)");
    expect(screen.getByRole("table", { name: "Règles de facturation" })).toHaveTextContent("Absence excuséeNon");
  });

  it("searches the families and keeps only those in error", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...RULES,
      [`GET ${BB}/runs/12/`]: { body: makeRun() },
      [`GET ${BB}/runs/12/families/`]: { body: page(FAMILIES) },
      [`GET ${BB}/runs/12/families/?errors=1&search=Petit`]: { body: page([FAMILIES[0]]) },
    });
    renderApp("/gestion/facturation/runs/12");
    const user = userEvent.setup();
    await screen.findByRole("table", { name: "Familles de la facturation (2)" });
    await user.type(screen.getByLabelText("Rechercher une famille"), "Petit");
    await user.click(screen.getByLabelText("Seulement les familles en erreur"));
    await user.click(screen.getByRole("button", { name: "Filtrer" }));
    expect(await screen.findByRole("table", { name: "Familles de la facturation (1)" })).toBeInTheDocument();
    expect(calls.some((c) => c.url === `${BB}/runs/12/families/?errors=1&search=Petit`)).toBe(true);
  });

  it("asks for confirmation before issuing, posts the dates, then follows the publication", async () => {
    let published = false;
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...RULES,
      [`GET ${BB}/runs/12/`]: () => ({
        body: published
          ? makeRun({ status: "published", status_label: "Émise", invoice_count: 2, issue_date: "2026-04-02", due_date: "2026-04-30" })
          : makeRun(),
      }),
      [`GET ${BB}/runs/12/families/`]: { body: page(FAMILIES) },
      [`POST ${BB}/runs/12/publish/`]: () => {
        published = true;
        return { body: makeRun({ status: "publishing", status_label: "Émission en cours", issue_date: "2026-04-02", due_date: "2026-04-30" }) };
      },
    });
    renderApp("/gestion/facturation/runs/12");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Émettre…" }));
    const issue = screen.getByLabelText("Date d'émission");
    await user.clear(issue);
    await user.type(issue, "2026-04-02");
    await user.type(screen.getByLabelText(/Date d'échéance/), "2026-04-30");
    await user.click(screen.getByRole("button", { name: "Émettre les factures" }));

    const dialog = screen.getByRole("alertdialog", { name: "Confirmer l'émission" });
    expect(dialog).toHaveTextContent(`Émettre 2 factures pour un total de ${money("1250.50")} ? Les factures émises ne pourront plus être modifiées.`);
    expect(within(dialog).getByRole("button", { name: "Annuler" })).toHaveFocus();
    expect(calls.some((c) => c.method === "POST")).toBe(false);

    await user.keyboard("{Escape}");
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Émettre les factures" }));
    await user.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Émettre" }));

    await waitFor(() => expect(calls.filter((c) => c.method === "POST")).toHaveLength(1));
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ issue_date: "2026-04-02", due_date: "2026-04-30" });
    expect(await screen.findByText(/2 documents émis le 02\/04\/2026/, {}, { timeout: 3000 })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Voir les factures et avoirs de cette facturation" })).toHaveAttribute(
      "href",
      "/gestion/facturation/factures?facturation=12",
    );
    expect(screen.queryByRole("button", { name: "Recalculer" })).not.toBeInTheDocument();
  });

  it("shows why a publication was refused, and deletes the draft after confirmation", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...RULES,
      [`GET ${BB}/runs/`]: { body: page([]) },
      [`GET ${BB}/runs/12/`]: { body: makeRun({ failure: "Rien à facturer dans ce brouillon." }) },
      [`GET ${BB}/runs/12/families/`]: { body: page([]) },
      [`DELETE ${BB}/runs/12/`]: { status: 204 },
    });
    const { router } = renderApp("/gestion/facturation/runs/12");
    const user = userEvent.setup();
    expect(await screen.findByText("Rien à facturer dans ce brouillon.", { exact: false })).toBeInTheDocument();
    expect(await screen.findByText("Aucune famille à facturer sur cette période.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Supprimer le brouillon" }));
    const dialog = screen.getByRole("alertdialog", { name: "Supprimer le brouillon ?" });
    await user.click(within(dialog).getByRole("button", { name: "Supprimer le brouillon" }));
    await waitFor(() => expect(currentPath(router)).toBe("/gestion/facturation"));
    expect(calls.some((c) => c.method === "DELETE" && c.url === `${BB}/runs/12/`)).toBe(true);
  });

  it("recomputes a draft and polls until it is computed again", async () => {
    let recomputed = false;
    let reads = 0;
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...RULES,
      [`GET ${BB}/runs/12/`]: () => {
        if (recomputed) reads += 1;
        if (!recomputed) return { body: makeRun() };
        return { body: reads > 1 ? makeRun({ total: "1300.00", computed_at: "2026-04-01T09:00:00Z" }) : makeRun({ status: "computing", status_label: "Calcul en cours" }) };
      },
      [`GET ${BB}/runs/12/families/`]: { body: page(FAMILIES) },
      [`POST ${BB}/runs/12/recompute/`]: () => {
        recomputed = true;
        return { body: makeRun({ status: "computing", status_label: "Calcul en cours" }) };
      },
    });
    renderApp("/gestion/facturation/runs/12");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Recalculer" }));
    expect(await screen.findByText(/Calcul du brouillon en cours/)).toBeInTheDocument();
    expect(await screen.findByText(money("1300.00"), {}, { timeout: 3000 })).toBeInTheDocument();
    expect(calls.filter((c) => c.method === "POST")).toHaveLength(1);
  });
});
