import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeAll, describe, expect, it } from "vitest";
import { axeViolations, describeViolations } from "../../../test/axe";
import { currentPath, mockFetch, renderApp } from "../../../test/render";
import { page, STAFF_SESSION } from "../../staff/staffFixtures";
import { makeDetail, makeProgress, makeReceipt, makeStaffAnnouncement, SC, TARGET_OPTIONS } from "./announcementFixtures";
import { sendPolling, type Criterion } from "./api";

beforeAll(() => {
  sendPolling.interval = 20;
});

async function expectNoViolations(container: Element) {
  const violations = await axeViolations(container);
  expect(violations, describeViolations(violations)).toEqual([]);
}

const errorSummary = () => screen.getByRole("heading", { name: "Le formulaire contient des erreurs" }).closest(".error-summary") as HTMLElement;
const findErrorSummary = async () => (await screen.findByRole("heading", { name: "Le formulaire contient des erreurs" })).closest(".error-summary") as HTMLElement;

/** The preview answers 4 families (6 guardians) per criterion. */
const PREVIEW = {
  [`POST ${SC}/announcements/preview`]: (init: RequestInit) => {
    const { target } = JSON.parse(String(init.body)) as { target: Criterion[] };
    return { body: { families: 4 * target.length, guardians: 6 * target.length, families_without_login: target.length > 1 ? 1 : 0 } };
  },
};
const OPTIONS = { [`GET ${SC}/target-options/`]: { body: TARGET_OPTIONS } };

describe("Annonces (gestion) — liste", () => {
  it("lists the announcements with their state, counters and the progress of those being sent", async () => {
    mockFetch({
      ...STAFF_SESSION,
      [`GET ${SC}/announcements/`]: {
        body: page([
          makeStaffAnnouncement({ id: 7, title: "Sortie au musée", state: "sending", state_label: "Envoi en cours", sent_at: null, emailed_count: 9, read_families_count: 0, urgent: true }),
          makeStaffAnnouncement(),
          makeStaffAnnouncement({ id: 4, title: "Brouillon de rentrée", state: "draft", state_label: "Brouillon", sent_at: null }),
        ]),
      },
    });
    const { container } = renderApp("/gestion/annonces");
    const table = await screen.findByRole("table", { name: "Annonces (3)" });
    const rows = within(table).getAllByRole("row");
    expect(rows[1]).toHaveTextContent("Envoi en cours");
    expect(within(rows[1]).getByRole("progressbar", { name: "Avancement de l'envoi « Sortie au musée »" })).toHaveAttribute("value", "50");
    expect(rows[1]).toHaveTextContent("Urgente");
    expect(rows[2]).toHaveTextContent("Envoyée le 28/02/2027");
    expect(rows[2]).toHaveTextContent("7 / 12 familles");
    expect(within(rows[2]).getByRole("link", { name: "Fermeture exceptionnelle" })).toHaveAttribute("href", "/gestion/annonces/5");
    expect(rows[3]).toHaveTextContent("Brouillon");
    expect(screen.getByRole("link", { name: "Nouvelle annonce" })).toHaveAttribute("href", "/gestion/annonces/nouvelle");
    await expectNoViolations(container);
  });
});

describe("Annonces (gestion) — brouillon", () => {
  it("writes a new announcement, builds its recipients with a live count, and saves the draft", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...OPTIONS,
      ...PREVIEW,
      [`POST ${SC}/announcements/`]: { status: 201, body: makeDetail() },
      [`GET ${SC}/announcements/5/`]: { body: makeDetail() },
    });
    const { container, router } = renderApp("/gestion/annonces/nouvelle");
    const user = userEvent.setup();
    expect(await screen.findByRole("heading", { level: 1, name: "Nouvelle annonce" })).toBeInTheDocument();
    expect(screen.getByText("Ajoutez au moins un critère pour voir le nombre de destinataires.")).toBeInTheDocument();

    // Nothing typed: refused before the server.
    await user.click(screen.getByRole("button", { name: "Enregistrer le brouillon" }));
    expect(errorSummary()).toHaveTextContent("Indiquez le titre de l'annonce.");
    expect(calls.some((c) => c.method === "POST" && c.url === `${SC}/announcements/`)).toBe(false);

    await user.type(screen.getByLabelText(/^Titre/), "Fermeture exceptionnelle");
    const text = screen.getByLabelText(/^Texte/);
    await user.type(text, "L'accueil est fermé vendredi.");
    await user.click(screen.getByRole("button", { name: "Gras" }));
    await user.click(screen.getByText("Aperçu du texte"));
    expect(screen.getByText("texte en gras").tagName).toBe("STRONG");

    const type = screen.getByLabelText("Type de destinataires");
    await user.click(screen.getByRole("button", { name: "Ajouter ce critère" }));
    expect(screen.getByText("Choisissez le type de destinataires à ajouter.")).toBeInTheDocument();
    await user.selectOptions(type, "module");
    await user.click(screen.getByRole("button", { name: "Ajouter ce critère" }));
    expect(screen.getByText("Choisissez le module.")).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText("Module"), "periscolaire");
    await user.click(screen.getByRole("button", { name: "Ajouter ce critère" }));
    const criteria = screen.getByRole("list", { name: "Critères retenus" });
    expect(criteria).toHaveTextContent("Inscrits au module « Périscolaire »");
    expect(await screen.findByText("4 familles (6 responsables)")).toBeInTheDocument();

    await user.selectOptions(type, "reservation");
    await user.selectOptions(screen.getByLabelText("Activité (facultatif)"), "4");
    expect(within(screen.getByLabelText("Unité (facultatif)")).getAllByRole("option").map((o) => o.textContent)).toEqual(["Toutes les unités", "Matin"]);
    await user.selectOptions(screen.getByLabelText("Unité (facultatif)"), "21");
    await user.click(screen.getByRole("button", { name: "Ajouter ce critère" }));
    expect(screen.getByText("Indiquez le jour des réservations.")).toBeInTheDocument();
    await user.type(screen.getByLabelText("Jour"), "2027-03-12");
    await user.click(screen.getByRole("button", { name: "Ajouter ce critère" }));
    expect(criteria).toHaveTextContent("Réservation le 12/03/2027 (Matin)");
    expect(await screen.findByText("8 familles (12 responsables)")).toBeInTheDocument();
    expect(screen.getByText(/1 famille retenue n'a aucun responsable avec un compte/)).toBeInTheDocument();

    await user.selectOptions(type, "unpaid");
    await user.click(screen.getByRole("button", { name: "Ajouter ce critère" }));
    await user.click(screen.getByRole("button", { name: "Retirer le critère « Factures impayées »" }));
    await user.click(screen.getByLabelText("Annonce urgente (SMS)"));
    await expectNoViolations(container);

    await user.click(screen.getByRole("button", { name: "Enregistrer le brouillon" }));
    await waitFor(() => expect(currentPath(router)).toBe("/gestion/annonces/5"));
    expect(calls.find((c) => c.method === "POST" && c.url === `${SC}/announcements/`)!.body).toEqual({
      title: "Fermeture exceptionnelle",
      text: "<p>L&#39;accueil est fermé vendredi.<strong>texte en gras</strong></p>",
      target: [
        { kind: "module", module: "periscolaire" },
        { kind: "reservation", date: "2027-03-12", unit: 21, activity: 4 },
      ],
      by_email: true,
      urgent: true,
    });
    expect(await screen.findByText("Brouillon enregistré. Vous pouvez joindre des fichiers puis l'envoyer.")).toBeInTheDocument();
  });

  it("shows the server's refusal next to the recipients", async () => {
    mockFetch({
      ...STAFF_SESSION,
      ...OPTIONS,
      ...PREVIEW,
      [`GET ${SC}/announcements/5/`]: { body: makeDetail() },
      [`PATCH ${SC}/announcements/5/`]: { status: 400, body: { target: ["Critère inconnu : « planète »."] } },
    });
    renderApp("/gestion/annonces/5");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Enregistrer le brouillon" }));
    const summary = await findErrorSummary();
    expect(within(summary).getByRole("link", { name: "Critère inconnu : « planète »." })).toHaveAttribute("href", "#annonce-destinataires");
  });

  it("edits a saved draft, picks families, confirms the count, sends, follows the progress, then the read receipts", async () => {
    let sent = false;
    let progressReads = 0;
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...OPTIONS,
      ...PREVIEW,
      [`GET /api/v1/staff/families/?q=Martin`]: {
        body: page([{ id: 7, number: 1042, name: "Martin", guardians: ["Claire Martin"], children: ["Léo Martin"], status: "active", status_label: "Actif", email: "", city: "", created_at: "2026-01-01T00:00:00Z" }]),
      },
      [`GET ${SC}/announcements/5/`]: () => ({
        body: sent ? makeDetail({ state: progressReads > 2 ? "sent" : "queued", state_label: progressReads > 2 ? "Envoyée" : "En file d'envoi", target_labels: ["Inscrits au module « Périscolaire »", "1 famille(s) choisie(s)"] }) : makeDetail(),
      }),
      [`PATCH ${SC}/announcements/5/`]: (init) => ({ body: makeDetail(JSON.parse(String(init.body))) }),
      [`POST ${SC}/announcements/5/send`]: () => {
        sent = true;
        return { status: 202, body: makeDetail({ state: "queued", state_label: "En file d'envoi", target_labels: ["Inscrits au module « Périscolaire »", "1 famille(s) choisie(s)"] }) };
      },
      [`GET ${SC}/announcements/5/progress`]: () => {
        progressReads += 1;
        return {
          body:
            progressReads > 2
              ? makeProgress({ families: 8, recipients: 12, emailed: 11, email_skipped: 1, read_families: 1 })
              : makeProgress({ state: "sending", state_label: "Envoi en cours", families: 8, recipients: 12, emailed: 6, email_skipped: 0, read_families: 0 }),
        };
      },
      [`GET ${SC}/announcements/5/receipts/`]: { body: page([makeReceipt(), makeReceipt({ family: { id: 8, name: "Petit", number: 1050 }, read_at: null, guardians: [{ name: "Luc Petit", emailed_at: "2027-02-28T08:01:00Z", read_at: null }] })]) },
      [`GET ${SC}/announcements/5/receipts/?read=no`]: { body: page([makeReceipt({ family: { id: 8, name: "Petit", number: 1050 }, read_at: null, guardians: [] })]) },
    });
    const { container, router } = renderApp("/gestion/annonces/5");
    const user = userEvent.setup();
    expect(await screen.findByRole("heading", { level: 1, name: /Fermeture exceptionnelle/ })).toHaveTextContent("Brouillon");
    // The saved HTML comes back as markup.
    expect(screen.getByLabelText(/^Texte/)).toHaveValue("L'accueil sera **fermé** vendredi.\n\n- Matin\n- Soir");
    expect(screen.getByRole("list", { name: "Critères retenus" })).toHaveTextContent("Inscrits au module « Périscolaire »");
    expect(await screen.findByText("4 familles (6 responsables)")).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText("Type de destinataires"), "families");
    await user.type(screen.getByLabelText("Rechercher une famille"), "Martin");
    await user.click(screen.getByRole("button", { name: "Rechercher" }));
    await user.click(await screen.findByRole("button", { name: "Ajouter la famille Martin (n° 1042)" }));
    expect(screen.getByRole("list", { name: "Critères retenus" })).toHaveTextContent("Familles choisies : Martin (n° 1042)");
    expect(await screen.findByText("8 familles (12 responsables)")).toBeInTheDocument();
    await expectNoViolations(container);

    await user.click(screen.getByRole("button", { name: "Envoyer…" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Envoyer l'annonce ?" });
    expect(dialog).toHaveTextContent("L'annonce « Fermeture exceptionnelle » sera envoyée à 8 familles (12 responsables), sur leur portail et par e-mail.");
    // The changed criteria were saved before counting.
    expect(calls.find((c) => c.method === "PATCH")!.body).toMatchObject({ target: [{ kind: "module", module: "periscolaire" }, { kind: "families", families: [7] }] });
    expect(calls.some((c) => c.method === "POST" && c.url.endsWith("/send"))).toBe(false);
    await expectNoViolations(document.body);
    await user.click(within(dialog).getByRole("button", { name: "Envoyer à 8 familles (12 responsables)" }));

    expect(await screen.findByRole("progressbar", { name: "Avancement de l'envoi" })).toBeInTheDocument();
    expect(await screen.findByText("Envoi terminé.", {}, { timeout: 3000 })).toBeInTheDocument();
    expect(screen.getByRole("progressbar", { name: "Avancement de l'envoi" })).toHaveAttribute("value", "100");
    expect(screen.getByText("Familles qui l'ont lue").nextElementSibling).toHaveTextContent("1 / 8");
    expect(screen.getByText("1 famille(s) choisie(s)")).toBeInTheDocument();

    const receipts = await screen.findByRole("table", { name: "Familles destinataires (2)" });
    const rows = within(receipts).getAllByRole("row");
    expect(rows[1]).toHaveTextContent("Martin (n° 1042)");
    expect(rows[1]).toHaveTextContent("Lue le 28/02/2027");
    expect(rows[1]).toHaveTextContent("Marc Martin : pas d'e-mail, non lue");
    expect(rows[2]).toHaveTextContent("Non lue");
    await user.selectOptions(screen.getByLabelText("Lecture"), "non");
    await user.click(screen.getByRole("button", { name: "Filtrer" }));
    expect(await screen.findByRole("table", { name: "Familles destinataires qui ne l'ont pas lue (1)" })).toBeInTheDocument();
    expect(currentPath(router)).toBe("/gestion/annonces/5?lue=non");
    await expectNoViolations(container);
  });

  it("does not send to nobody", async () => {
    mockFetch({
      ...STAFF_SESSION,
      ...OPTIONS,
      [`GET ${SC}/announcements/5/`]: { body: makeDetail() },
      [`POST ${SC}/announcements/preview`]: { body: { families: 0, guardians: 0, families_without_login: 0 } },
    });
    renderApp("/gestion/annonces/5");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Envoyer…" }));
    expect(await findErrorSummary()).toHaveTextContent("Aucun responsable ne correspond à ces critères");
    expect(screen.queryByRole("alertdialog")).toBeNull();
  });

  it("joins and removes attachments, and shows a refused file", async () => {
    let uploads = 0;
    mockFetch({
      ...STAFF_SESSION,
      ...OPTIONS,
      ...PREVIEW,
      [`GET ${SC}/announcements/5/`]: { body: makeDetail() },
      [`POST ${SC}/announcements/5/attachments/`]: () => {
        uploads += 1;
        return uploads === 1
          ? { status: 201, body: { id: 3, name: "menu.pdf", content_type: "application/pdf", size: 2_500_000, url: `${SC}/announcements/5/attachments/3/file` } }
          : { status: 400, body: { file: ["« photo.png » n'est pas une image PNG valide."] } };
      },
      [`DELETE ${SC}/announcements/5/attachments/3`]: { status: 204 },
    });
    renderApp("/gestion/annonces/5");
    const user = userEvent.setup();
    const input = await screen.findByLabelText("Joindre un fichier");
    await user.upload(input, new File(["%PDF-1.4"], "menu.pdf", { type: "application/pdf" }));
    const link = await screen.findByRole("link", { name: "menu.pdf" });
    expect(link).toHaveAttribute("href", `${SC}/announcements/5/attachments/3/file`);
    expect(screen.getByText(/2,4 Mo/)).toBeInTheDocument();
    expect(screen.getByText("« menu.pdf » est joint à l'annonce.")).toBeInTheDocument();

    await user.upload(input, new File(["x"], "photo.png", { type: "image/png" }));
    expect(await screen.findByText("« photo.png » n'est pas une image PNG valide.")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Retirer « menu.pdf »" }));
    expect(await screen.findByText("« menu.pdf » est retiré.")).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "menu.pdf" })).toBeNull();
  });

  it("deletes a draft after confirmation", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...OPTIONS,
      ...PREVIEW,
      [`GET ${SC}/announcements/5/`]: { body: makeDetail() },
      [`DELETE ${SC}/announcements/5/`]: { status: 204 },
      [`GET ${SC}/announcements/`]: { body: page([]) },
    });
    const { router } = renderApp("/gestion/annonces/5");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Supprimer le brouillon" }));
    const dialog = screen.getByRole("alertdialog", { name: "Supprimer le brouillon ?" });
    await user.click(within(dialog).getByRole("button", { name: "Supprimer le brouillon" }));
    await waitFor(() => expect(currentPath(router)).toBe("/gestion/annonces"));
    expect(calls.some((c) => c.method === "DELETE")).toBe(true);
    expect(await screen.findByText("Aucune annonce pour l'instant.")).toBeInTheDocument();
  });
});
