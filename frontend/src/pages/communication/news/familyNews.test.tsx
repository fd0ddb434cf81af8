import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { axeViolations, describeViolations } from "../../../test/axe";
import { NO_PENDING_CONSENTS, makeChild, makeHome } from "../../../test/familyFixtures";
import { ANONYMOUS_BODY, makeStructure, makeUser, sessionBody } from "../../../test/fixtures";
import { mockFetch, renderApp } from "../../../test/render";
import { makeDownload, makeNews, makeSubmission, pdfFile } from "./newsFixtures";

const PARENT = {
  "GET /api/v1/structure/": { body: makeStructure() },
  "GET /api/v1/auth/session": { body: sessionBody(makeUser()) },
  ...NO_PENDING_CONSENTS,
};

async function expectNoViolations(container: Element) {
  const violations = await axeViolations(container);
  expect(violations, describeViolations(violations)).toEqual([]);
}

describe("Actualités", () => {
  it("lists the news, pinned first as the server orders them, each with its image, date and excerpt", async () => {
    mockFetch({
      ...PARENT,
      "GET /api/v1/communication/news/": {
        body: [
          makeNews({ id: 8, title: "Inscriptions d'été", pinned: true, image_url: "/api/v1/communication/news/8/image", image_alt: "Enfants au centre de loisirs" }),
          makeNews(),
        ],
      },
    });
    const { container } = renderApp("/actualites");
    expect(await screen.findByRole("heading", { level: 1, name: "Actualités" })).toBeInTheDocument();
    const articles = await screen.findAllByRole("article");
    expect(articles).toHaveLength(2);
    expect(within(articles[0]).getByRole("link", { name: "Inscriptions d'été" })).toHaveAttribute("href", "/actualites/8");
    expect(within(articles[0]).getByText("Épinglée")).toBeInTheDocument();
    expect(within(articles[0]).getByRole("img", { name: "Enfants au centre de loisirs" })).toHaveAttribute("src", "/api/v1/communication/news/8/image");
    expect(articles[1]).toHaveTextContent("Publiée le 20/02/2027");
    // The excerpt is text: no markup of the item shows in the list.
    expect(within(articles[1]).getByText(/La fête aura lieu le samedi 20 juin dans la cour\. Stands Goûter/)).toBeInTheDocument();
    expect(within(articles[1]).queryByRole("list")).not.toBeInTheDocument();
    await expectNoViolations(container);
  });

  it("says when there is no news", async () => {
    mockFetch({ ...PARENT, "GET /api/v1/communication/news/": { body: [] } });
    renderApp("/actualites");
    expect(await screen.findByText("Aucune actualité pour le moment.")).toBeInTheDocument();
  });

  it("shows one item with its cleaned rich text", async () => {
    mockFetch({ ...PARENT, "GET /api/v1/communication/news/7/": { body: makeNews({ text: '<p>Voir <a href="https://example.fr" rel="noopener noreferrer">le programme</a>.</p><ul><li>Stands</li></ul>' }) } });
    const { container } = renderApp("/actualites/7");
    expect(await screen.findByRole("heading", { level: 1, name: "Fête de l'école" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "le programme" })).toHaveAttribute("href", "https://example.fr");
    expect(within(screen.getByRole("article")).getByRole("listitem")).toHaveTextContent("Stands");
    expect(screen.getByRole("link", { name: "Toutes les actualités" })).toHaveAttribute("href", "/actualites");
    await waitFor(() => expect(document.title).toMatch(/^Fête de l'école — Actualités/));
    await expectNoViolations(container);
  });

  it("says an item not visible to the family is not available", async () => {
    mockFetch({ ...PARENT, "GET /api/v1/communication/news/99/": { status: 404, body: { detail: "Introuvable." } } });
    renderApp("/actualites/99");
    expect(await screen.findByRole("alert")).toHaveTextContent("Cette page n'existe pas ou n'est plus disponible.");
  });
});

describe("the news block of the parents' home", () => {
  const HOME = { ...PARENT, "GET /api/v1/family/home/": { body: makeHome() }, "GET /api/v1/home/summary/": { body: { tiles: [] } } };

  it("shows the first three items and a link to all of them", async () => {
    const calls = mockFetch({
      ...HOME,
      "GET /api/v1/communication/news/?limit=3": {
        body: [makeNews({ id: 1, title: "Une", pinned: true }), makeNews({ id: 2, title: "Deux" }), makeNews({ id: 3, title: "Trois" })],
      },
    });
    const { container } = renderApp("/");
    const block = await screen.findByRole("region", { name: "Actualités" });
    expect(within(block).getAllByRole("heading", { level: 3 }).map((h) => h.textContent)).toEqual(["Une", "Deux", "Trois"]);
    expect(within(block).getByRole("link", { name: "Deux" })).toHaveAttribute("href", "/actualites/2");
    expect(within(block).getByRole("link", { name: "Toutes les actualités" })).toHaveAttribute("href", "/actualites");
    expect(calls.some((c) => c.url === "/api/v1/communication/news/?limit=3")).toBe(true);
    await expectNoViolations(container);
  });

  it("shows nothing without news, and the home stays whole when the call fails", async () => {
    mockFetch({ ...HOME, "GET /api/v1/communication/news/?limit=3": { status: 500, body: { detail: "Erreur" } } });
    renderApp("/");
    await screen.findByText("Votre dossier est complet.");
    expect(screen.queryByRole("region", { name: "Actualités" })).not.toBeInTheDocument();
  });
});

describe("the public news on the sign-in page", () => {
  it("shows the structure's public items to visitors", async () => {
    mockFetch({
      "GET /api/v1/structure/": { body: makeStructure() },
      "GET /api/v1/auth/session": { status: 401, body: ANONYMOUS_BODY },
      "GET /api/v1/communication/public/news/": { body: [makeNews({ title: "Portes ouvertes", text: "<p>Samedi à 10 h.</p>" })] },
    });
    const { container } = renderApp("/connexion");
    const block = await screen.findByRole("region", { name: "Actualités" });
    expect(within(block).getByRole("heading", { level: 3, name: "Portes ouvertes" })).toBeInTheDocument();
    expect(within(block).getByText("Samedi à 10 h.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Se connecter" })).toBeInTheDocument();
    await expectNoViolations(container);
  });
});

describe("Téléchargements", () => {
  it("groups the documents by service then season, with their type and size", async () => {
    mockFetch({
      ...PARENT,
      "GET /api/v1/communication/downloads/": {
        body: [
          makeDownload({ id: 1, title: "Menus de mars", module: "periscolaire", module_label: "Périscolaire", season: "2026-2027", original_name: "menus.png", content_type: "image/png", size: 80_000 }),
          makeDownload({ id: 2, title: "Programme des mercredis", module: "periscolaire", module_label: "Périscolaire", season: "2026-2027" }),
          makeDownload({ id: 3 }),
        ],
      },
    });
    const { container } = renderApp("/telechargements");
    const general = await screen.findByRole("region", { name: "Tous les services" });
    expect(within(general).getByRole("link", { name: "Règlement intérieur" })).toHaveAttribute("href", "/api/v1/communication/downloads/3/file");
    expect(general).toHaveTextContent("(PDF, 239 Ko)");
    const season = screen.getByRole("region", { name: "Périscolaire, 2026-2027" });
    expect(within(season).getAllByRole("link").map((l) => l.textContent)).toEqual(["Menus de mars", "Programme des mercredis"]);
    expect(season).toHaveTextContent("image PNG");
    // Regions in the page's order: the structure's documents first.
    const headings = screen.getAllByRole("heading", { level: 2 }).map((h) => h.textContent);
    expect(headings).toEqual(["Tous les services", "Périscolaire"]);
    expect(screen.getByRole("link", { name: "Mes envois" })).toHaveAttribute("href", "/mes-envois");
    await expectNoViolations(container);
  });
});

describe("Mes envois", () => {
  const SENDS = {
    ...PARENT,
    "GET /api/v1/family/children/": { body: [makeChild({ id: 5, first_name: "Léa", last_name: "Martin" })] },
  };

  it("lists the family's envois with whether the structure saw them", async () => {
    mockFetch({
      ...SENDS,
      "GET /api/v1/communication/submissions/": { body: [makeSubmission(), makeSubmission({ id: 12, title: "Attestation CAF", child: null, comment: "", seen: true })] },
    });
    const { container } = renderApp("/mes-envois");
    const first = await screen.findByRole("article", { name: "Certificat médical" });
    expect(first).toHaveTextContent("Pas encore vu par la structure");
    expect(first).toHaveTextContent("pour Léa Martin");
    expect(within(first).getByRole("link", { name: /certificat\.pdf/ })).toHaveAttribute("href", "/api/v1/communication/submissions/11/file");
    expect(screen.getByRole("article", { name: "Attestation CAF" })).toHaveTextContent("Vu par la structure");
    await expectNoViolations(container);
  });

  it("checks the form, then sends the file with its title, child, comment and conversation", async () => {
    let sent: FormData | null = null;
    let envois = [] as ReturnType<typeof makeSubmission>[];
    mockFetch({
      ...SENDS,
      "GET /api/v1/communication/submissions/": () => ({ body: envois }),
      "POST /api/v1/communication/submissions/": (init) => {
        sent = init.body as FormData;
        envois = [makeSubmission()];
        return { status: 201, body: envois[0] };
      },
    });
    renderApp("/mes-envois?fil=31");
    const user = userEvent.setup();
    expect(await screen.findByText("Vous n'avez encore rien envoyé.")).toBeInTheDocument();
    expect(screen.getByText(/Ce fichier sera joint à votre conversation/)).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Envoyer" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Objet : Indiquez l'objet de votre envoi.");
    expect(alert).toHaveTextContent("Fichier : Choisissez un fichier.");

    await user.type(screen.getByLabelText(/^Objet/), "Certificat médical");
    await user.selectOptions(await screen.findByLabelText("Enfant concerné"), "5");
    await user.type(screen.getByLabelText("Commentaire"), "Pour la piscine.");
    await user.upload(screen.getByLabelText(/^Fichier/), pdfFile());
    await user.click(screen.getByRole("button", { name: "Envoyer" }));

    expect(await screen.findByText("Votre envoi est transmis à la structure.")).toBeInTheDocument();
    expect(await screen.findByRole("article", { name: "Certificat médical" })).toBeInTheDocument();
    const body = sent as unknown as FormData;
    expect(body.get("title")).toBe("Certificat médical");
    expect(body.get("child")).toBe("5");
    expect(body.get("comment")).toBe("Pour la piscine.");
    expect(body.get("thread")).toBe("31");
    expect((body.get("file") as File).name).toBe("certificat.pdf");
    expect(screen.getByLabelText(/^Objet/)).toHaveValue("");
  });

  it("shows the server's refusal of a disguised file next to the field", async () => {
    mockFetch({
      ...SENDS,
      "GET /api/v1/communication/submissions/": { body: [] },
      "POST /api/v1/communication/submissions/": { status: 400, body: { file: ["Le contenu du fichier ne correspond pas à un PDF, JPEG ou PNG."] } },
    });
    const { container } = renderApp("/mes-envois");
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/^Objet/), "Facture");
    await user.upload(screen.getByLabelText(/^Fichier/), pdfFile("faux.pdf"));
    await user.click(screen.getByRole("button", { name: "Envoyer" }));
    expect(await screen.findByRole("link", { name: "Fichier : Le contenu du fichier ne correspond pas à un PDF, JPEG ou PNG." })).toHaveAttribute("href", "#envoi-fichier");
    expect(screen.getByLabelText(/^Fichier/)).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByText("Votre envoi est transmis à la structure.")).not.toBeInTheDocument();
    await expectNoViolations(container);
  });
});
