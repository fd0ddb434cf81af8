import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { axeViolations, describeViolations } from "../../../test/axe";
import { currentPath, mockFetch, renderApp } from "../../../test/render";
import { STAFF_SESSION, page } from "../../staff/staffFixtures";
import { makeNews, makeStaffDownload, makeStaffNews, makeStaffSubmission, pdfFile } from "./newsFixtures";

const STAFF_NEWS = "/api/v1/staff/communication/news/";

async function expectNoViolations(container: Element) {
  const violations = await axeViolations(container);
  expect(violations, describeViolations(violations)).toEqual([]);
}

describe("the news screens' tabs", () => {
  it("marks the current screen, the editor belonging to « Actualités »", async () => {
    mockFetch({ ...STAFF_SESSION, [`GET ${STAFF_NEWS}7/`]: { body: makeStaffNews() } });
    renderApp("/gestion/actualites/7");
    const tabs = await screen.findByRole("navigation", { name: "Rubriques des actualités" });
    expect(within(tabs).getAllByRole("link").map((l) => l.textContent)).toEqual(["Actualités", "Messages d'accueil", "Téléchargements", "Envois des familles"]);
    expect(within(tabs).getByRole("link", { name: "Actualités" })).toHaveAttribute("aria-current", "page");
    expect(within(tabs).getByRole("link", { name: "Envois des familles" })).not.toHaveAttribute("aria-current");
    await waitFor(() => expect(document.title).toMatch(/^Modifier une actualité — Communication/));
  });

  it("shows the 403 of a role without the permission", async () => {
    mockFetch({ ...STAFF_SESSION, [`GET ${STAFF_NEWS}`]: { status: 403, body: { detail: "Permission refusée." } } });
    renderApp("/gestion/actualites");
    expect(await screen.findByText("Vous n'avez pas accès à cette fonction.")).toBeInTheDocument();
  });
});

describe("Actualités (staff)", () => {
  it("lists every item with its state, and deletes one after confirmation", async () => {
    let items = [makeStaffNews({ id: 1, title: "Portes ouvertes", status: "Programmée", public: true, pinned: true }), makeStaffNews({ id: 2, status: "Expirée" })];
    const calls = mockFetch({
      ...STAFF_SESSION,
      [`GET ${STAFF_NEWS}`]: () => ({ body: items }),
      [`DELETE ${STAFF_NEWS}2/`]: () => {
        items = items.slice(0, 1);
        return { status: 204 };
      },
    });
    const { container } = renderApp("/gestion/actualites");
    const table = await screen.findByRole("table", { name: "Actualités (2)" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows[0]).toHaveTextContent("Programmée");
    expect(rows[0]).toHaveTextContent("Tout le monde · page publique");
    expect(rows[0]).toHaveTextContent("Épinglée");
    expect(within(rows[1]).getByRole("link", { name: "Fête de l'école" })).toHaveAttribute("href", "/gestion/actualites/2");
    expect(screen.getByRole("link", { name: "Nouvelle actualité" })).toHaveAttribute("href", "/gestion/actualites/nouvelle");
    await expectNoViolations(container);

    const user = userEvent.setup();
    await user.click(within(rows[1]).getByRole("button", { name: "Supprimer « Fête de l'école »" }));
    await user.click(within(rows[1]).getByRole("button", { name: "Confirmer la suppression" }));
    expect(await screen.findByText("L'actualité « Fête de l'école » est supprimée.")).toBeInTheDocument();
    expect(await screen.findByRole("table", { name: "Actualités (1)" })).toBeInTheDocument();
    expect(calls.filter((c) => c.method === "DELETE").map((c) => c.url)).toEqual([`${STAFF_NEWS}2/`]);
  });

  it("writes a news item with the shared formatting buttons and an escaped preview, then creates it", async () => {
    let sent: FormData | null = null;
    mockFetch({
      ...STAFF_SESSION,
      [`POST ${STAFF_NEWS}`]: (init) => {
        sent = init.body as FormData;
        return { status: 201, body: makeStaffNews({ id: 9, title: "Sortie au musée" }) };
      },
      [`GET ${STAFF_NEWS}9/`]: { body: makeStaffNews({ id: 9, title: "Sortie au musée" }) },
    });
    const { container, router } = renderApp("/gestion/actualites/nouvelle");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Enregistrer l'actualité" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Titre : Indiquez le titre de l'actualité.");
    expect(alert).toHaveTextContent("Texte : Écrivez le texte de l'actualité.");

    await user.type(screen.getByLabelText(/^Titre/), "Sortie au musée");
    const text = screen.getByLabelText(/^Texte/) as HTMLTextAreaElement;
    fireEvent.change(text, { target: { value: "Départ à 9 h\n\nPrévoir un pique-nique" } });
    text.setSelectionRange(0, 12);
    await user.click(screen.getByRole("button", { name: "Gras" }));
    expect(text).toHaveValue("**Départ à 9 h**\n\nPrévoir un pique-nique");
    fireEvent.change(text, { target: { value: `${text.value} <img src=x onerror="alert(1)">` } });
    const preview = screen.getByText("Aperçu du texte").closest("details")!;
    expect(within(preview).getByText("Départ à 9 h").tagName).toBe("STRONG");
    expect(preview.querySelector("img")).toBeNull();

    await user.selectOptions(screen.getByLabelText("Destinataires"), "periscolaire");
    await user.click(screen.getByLabelText("Visible aussi sur la page publique (sans connexion)"));
    await expectNoViolations(container);
    await user.click(screen.getByRole("button", { name: "Enregistrer l'actualité" }));

    expect(await screen.findByText("L'actualité est enregistrée.")).toBeInTheDocument();
    await waitFor(() => expect(currentPath(router)).toBe("/gestion/actualites/9"));
    const body = sent as unknown as FormData;
    expect(body.get("title")).toBe("Sortie au musée");
    expect(body.get("text")).toBe(
      "<p><strong>Départ à 9 h</strong></p>\n<p>Prévoir un pique-nique &lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>",
    );
    expect(body.get("audience")).toBe("periscolaire");
    expect(body.get("public")).toBe("true");
    expect(body.get("pinned")).toBe("false");
    expect(body.get("expire_at")).toBe("");
    expect(String(body.get("publish_at"))).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z$/);
    expect(body.get("image")).toBeNull();
  });

  it("keeps text that looks like markup as text: « <moins de 3 ans> » is sent escaped", async () => {
    let sent: FormData | null = null;
    mockFetch({
      ...STAFF_SESSION,
      [`POST ${STAFF_NEWS}`]: (init) => {
        sent = init.body as FormData;
        return { status: 201, body: makeStaffNews({ id: 9 }) };
      },
      [`GET ${STAFF_NEWS}9/`]: { body: makeStaffNews({ id: 9 }) },
    });
    renderApp("/gestion/actualites/nouvelle");
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/^Titre/), "Éveil musical");
    fireEvent.change(screen.getByLabelText(/^Texte/), { target: { value: "Atelier réservé aux <moins de 3 ans>" } });
    await user.click(screen.getByRole("button", { name: "Enregistrer l'actualité" }));

    expect(await screen.findByText("L'actualité est enregistrée.")).toBeInTheDocument();
    expect((sent as unknown as FormData).get("text")).toBe("<p>Atelier réservé aux &lt;moins de 3 ans&gt;</p>");
  });

  it("edits an item: its values loaded, the image removed, a server error shown at its field", async () => {
    const item = makeStaffNews({ id: 7, image_url: "/api/v1/staff/communication/news/7/image", image_alt: "La cour", pinned: true });
    const bodies: FormData[] = [];
    mockFetch({
      ...STAFF_SESSION,
      [`GET ${STAFF_NEWS}7/`]: { body: item },
      [`PATCH ${STAFF_NEWS}7/`]: (init) => {
        bodies.push(init.body as FormData);
        return bodies.length === 1
          ? { status: 400, body: { expire_at: ["La date est hors des limites acceptées."] } }
          : { body: { ...item, image_url: null, image_alt: "" } };
      },
    });
    const { container } = renderApp("/gestion/actualites/7");
    const user = userEvent.setup();
    expect(await screen.findByLabelText(/^Titre/)).toHaveValue("Fête de l'école");
    expect(screen.getByLabelText(/^Texte/)).toHaveValue("La fête aura lieu le **samedi 20 juin** dans la cour.\n\n- Stands\n- Goûter");
    expect(screen.getByRole("img", { name: "La cour" })).toBeInTheDocument();
    expect(screen.getByLabelText("Épinglée (affichée en premier)")).toBeChecked();
    await user.click(screen.getByLabelText("Retirer l'image"));
    await user.click(screen.getByRole("button", { name: "Enregistrer l'actualité" }));
    expect(await screen.findByRole("link", { name: "Fin de publication : La date est hors des limites acceptées." })).toHaveAttribute(
      "href",
      "#actualite-expiration",
    );
    await expectNoViolations(container);
    await user.click(screen.getByRole("button", { name: "Enregistrer l'actualité" }));
    expect(await screen.findByText("L'actualité est enregistrée.")).toBeInTheDocument();
    expect(bodies[1].get("remove_image")).toBe("true");
    expect(bodies[1].get("text")).toBe("<p>La fête aura lieu le <strong>samedi 20 juin</strong> dans la cour.</p>\n<ul><li>Stands</li><li>Goûter</li></ul>");
    expect(screen.queryByRole("img", { name: "La cour" })).not.toBeInTheDocument();
  });
});

describe("the news editor's link and list", () => {
  it("makes a link of the selection and a list of lines, in the shared markup", async () => {
    mockFetch({ ...STAFF_SESSION });
    const { container } = renderApp("/gestion/actualites/nouvelle");
    const user = userEvent.setup();
    const text = (await screen.findByLabelText(/^Texte/)) as HTMLTextAreaElement;
    fireEvent.change(text, { target: { value: "Voir le programme" } });
    text.setSelectionRange(5, 17);
    await user.click(screen.getByRole("button", { name: "Lien" }));
    expect(text).toHaveValue("Voir [le programme](https://)");
    await waitFor(() => expect(text).toHaveFocus());
    fireEvent.change(text, { target: { value: "Voir [le programme](javascript:alert(1)) et [le menu](https://example.fr/menu)" } });
    const preview = screen.getByText("Aperçu du texte").closest("details")!;
    expect(within(preview).getByRole("link", { hidden: true, name: "le menu" })).toHaveAttribute("href", "https://example.fr/menu");
    expect(preview.querySelector('a[href^="javascript"]')).toBeNull();
    await expectNoViolations(container);

    fireEvent.change(text, { target: { value: "Stands\nGoûter" } });
    text.setSelectionRange(0, text.value.length);
    await user.click(screen.getByRole("button", { name: "Liste à puces" }));
    expect(text).toHaveValue("- Stands\n- Goûter");
  });
});

describe("Messages d'accueil", () => {
  it("saves one message per audience", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      "GET /api/v1/staff/communication/home-messages/": {
        body: [
          { audience: "families", label: "Familles", text: "Bienvenue !" },
          { audience: "staff", label: "Personnel", text: "" },
          { audience: "periscolaire", label: "Périscolaire", text: "" },
        ],
      },
      "PUT /api/v1/staff/communication/home-messages/": { body: { audience: "periscolaire", label: "Périscolaire", text: "Inscriptions ouvertes." } },
    });
    const { container } = renderApp("/gestion/actualites/messages-accueil");
    const user = userEvent.setup();
    expect(await screen.findByLabelText("Familles")).toHaveValue("Bienvenue !");
    expect(screen.getByLabelText("Personnel")).toHaveValue("");
    await user.type(screen.getByLabelText("Périscolaire"), "Inscriptions ouvertes.");
    await user.click(screen.getByRole("button", { name: "Enregistrer le message « Périscolaire »" }));
    expect(await screen.findByText("Le message « Périscolaire » est enregistré.")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "PUT")!.body).toEqual({ audience: "periscolaire", text: "Inscriptions ouvertes." });
    await expectNoViolations(container);
  });
});

describe("Téléchargements (staff)", () => {
  const URL = "/api/v1/staff/communication/downloads/";

  it("lists the documents, uploads one with its service, season and dates, deletes one", async () => {
    let items = [makeStaffDownload({ id: 3 })];
    let sent: FormData | null = null;
    mockFetch({
      ...STAFF_SESSION,
      [`GET ${URL}`]: () => ({ body: items }),
      [`POST ${URL}`]: (init) => {
        sent = init.body as FormData;
        const created = makeStaffDownload({ id: 4, title: "Menus de mars", module: "periscolaire", module_label: "Périscolaire", season: "2026-2027" });
        items = [...items, created];
        return { status: 201, body: created };
      },
      [`DELETE ${URL}3/`]: () => {
        items = items.filter((i) => i.id !== 3);
        return { status: 204 };
      },
    });
    const { container } = renderApp("/gestion/actualites/telechargements");
    const user = userEvent.setup();
    const table = await screen.findByRole("table", { name: "Documents proposés (1)" });
    expect(within(table).getByRole("link", { name: "Règlement intérieur" })).toHaveAttribute("href", `${URL}3/file`);
    expect(table).toHaveTextContent("Tous les services");
    expect(table).toHaveTextContent("Publié · ");
    await expectNoViolations(container);

    await user.click(screen.getByRole("button", { name: "Ajouter le document" }));
    expect(await screen.findByRole("link", { name: "Titre : Indiquez le titre du document." })).toHaveAttribute("href", "#telechargement-titre");
    await user.type(screen.getByLabelText(/^Titre/), "Menus de mars");
    await user.selectOptions(screen.getByLabelText("Service"), "periscolaire");
    await user.type(screen.getByLabelText("Période"), "2026-2027");
    fireEvent.change(screen.getByLabelText("Retrait"), { target: { value: "2027-04-01T00:00" } });
    await user.upload(screen.getByLabelText(/^Fichier/), pdfFile("menus.pdf"));
    await user.click(screen.getByRole("button", { name: "Ajouter le document" }));
    expect(await screen.findByText("« Menus de mars » est proposé aux familles.")).toBeInTheDocument();
    expect(await screen.findByRole("table", { name: "Documents proposés (2)" })).toBeInTheDocument();
    const body = sent as unknown as FormData;
    expect(body.get("title")).toBe("Menus de mars");
    expect(body.get("module")).toBe("periscolaire");
    expect(body.get("season")).toBe("2026-2027");
    expect(body.get("publish_at")).toBeNull();
    expect(body.get("expire_at")).toBe(new Date("2027-04-01T00:00").toISOString());
    expect((body.get("file") as File).name).toBe("menus.pdf");

    const row = screen.getByRole("row", { name: /Règlement intérieur/ });
    await user.click(within(row).getByRole("button", { name: "Supprimer « Règlement intérieur »" }));
    await user.click(within(row).getByRole("button", { name: "Confirmer la suppression" }));
    expect(await screen.findByText("« Règlement intérieur » est retiré des téléchargements.")).toBeInTheDocument();
    expect(await screen.findByRole("table", { name: "Documents proposés (1)" })).toBeInTheDocument();
  });
});

describe("Envois des familles", () => {
  const URL = "/api/v1/staff/communication/submissions/";

  it("lists the envois not seen yet, marks one seen, and filters by seen state and family", async () => {
    let unseen = [makeStaffSubmission()];
    const calls = mockFetch({
      ...STAFF_SESSION,
      [`GET ${URL}?seen=false`]: () => ({ body: page(unseen) }),
      [`POST ${URL}11/seen`]: () => {
        unseen = [];
        return { body: { ...makeStaffSubmission(), seen: true } };
      },
      [`GET ${URL}`]: { body: page([{ ...makeStaffSubmission(), seen: true }]) },
      [`GET ${URL}?family=42`]: { body: page([{ ...makeStaffSubmission(), seen: true }]) },
    });
    const { container, router } = renderApp("/gestion/actualites/envois");
    const user = userEvent.setup();
    const table = await screen.findByRole("table", { name: "Envois des familles (1)" });
    const row = within(table).getAllByRole("row")[1];
    expect(within(row).getByRole("link", { name: /Certificat médical/ })).toHaveAttribute("href", `${URL}11/file`);
    expect(within(row).getByRole("link", { name: "Martin (n° 42)" })).toHaveAttribute("href", "/gestion/familles/42");
    expect(row).toHaveTextContent("pour Léa Martin");
    expect(row).toHaveTextContent("Pour la piscine.");
    expect(screen.getByRole("button", { name: "Non vus" })).toHaveAttribute("aria-pressed", "true");
    await expectNoViolations(container);

    await user.click(within(row).getByRole("button", { name: /^Marquer comme vu/ }));
    expect(await screen.findByText("L'envoi « Certificat médical » de la famille Martin est marqué comme vu.")).toBeInTheDocument();
    expect(await screen.findByText("Aucun envoi à voir.")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Tous" }));
    expect(currentPath(router)).toBe("/gestion/actualites/envois?vu=tous");
    const all = await screen.findByRole("table", { name: "Envois des familles (1)" });
    expect(all).toHaveTextContent("Vu");
    await user.click(within(all).getByRole("button", { name: "Ses envois seulement (Martin)" }));
    expect(currentPath(router)).toBe("/gestion/actualites/envois?vu=tous&famille=42");
    expect(await screen.findByText(/Envois de la famille Martin seulement/)).toBeInTheDocument();
    expect(calls.map((c) => c.url).filter((u) => u.startsWith(URL))).toEqual([`${URL}?seen=false`, `${URL}11/seen`, `${URL}?seen=false`, URL, `${URL}?family=42`]);
  });
});

describe("the staff home", () => {
  it("shows the staff's home message and the latest news", async () => {
    mockFetch({
      ...STAFF_SESSION,
      "GET /api/v1/communication/home/": {
        body: { messages: [{ audience: "staff", label: "Personnel", text: "Réunion d'équipe lundi." }], news: [makeNews({ title: "Portes ouvertes" })] },
      },
    });
    const { container } = renderApp("/gestion");
    const message = await screen.findByRole("region", { name: "Message de la structure" });
    expect(message).toHaveTextContent("Réunion d'équipe lundi.");
    const news = screen.getByRole("region", { name: "Actualités" });
    expect(within(news).getByRole("link", { name: "Portes ouvertes" })).toHaveAttribute("href", "/actualites/7");
    expect(within(news).getByRole("link", { name: "Gérer les actualités" })).toHaveAttribute("href", "/gestion/actualites");
    await expectNoViolations(container);
  });
});
