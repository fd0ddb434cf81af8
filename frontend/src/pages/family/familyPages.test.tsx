import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { axeViolations, describeViolations } from "../../test/axe";
import {
  makeChild,
  makeConsent,
  makeFamily,
  makeGuardian,
  makeHome,
  makeOptions,
  NO_PENDING_CONSENTS,
} from "../../test/familyFixtures";
import { ANONYMOUS_BODY, makeStaff, makeStructure, makeUser, sessionBody } from "../../test/fixtures";
import { currentPath, mockFetch, renderApp } from "../../test/render";

const STRUCTURE = { "GET /api/v1/structure/": { body: makeStructure() } };
const PARENT = { ...STRUCTURE, "GET /api/v1/auth/session": { body: sessionBody(makeUser()) } };
const OPTIONS = { "GET /api/v1/dossier/options/": { body: makeOptions() } };

describe("consents gate", () => {
  it("sends a guardian with unanswered consents to /consentements, then back", async () => {
    let answered = false;
    const calls = mockFetch({
      ...PARENT,
      ...OPTIONS,
      "GET /api/v1/consents/": () => ({
        body: [
          makeConsent({ accepted: answered ? true : null }),
          makeConsent({ id: 2, label: "Données médicales", required: false, accepted: answered ? false : null }),
        ],
      }),
      "POST /api/v1/consents/": () => {
        answered = true;
        return {
          body: [
            makeConsent({ accepted: true, answered_at: "2025-01-02T10:00:00Z" }),
            makeConsent({ id: 2, label: "Données médicales", required: false, accepted: false, answered_at: "2025-01-02T10:00:00Z" }),
          ],
        };
      },
      "GET /api/v1/family/children/": { body: [makeChild()] },
      "GET /api/v1/family/missing/": { body: [] },
    });
    const { router } = renderApp("/mes-enfants");
    expect(await screen.findByRole("heading", { level: 1, name: "Vos consentements" })).toBeInTheDocument();
    expect(currentPath(router)).toBe("/consentements?suivant=%2Fmes-enfants");

    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Valider" }));
    const summary = await screen.findByRole("alert");
    expect(summary).toHaveTextContent("Données personnelles : choisissez « J'accepte » ou « Je refuse ».");
    expect(calls.some((c) => c.method === "POST")).toBe(false);

    const personal = screen.getByRole("group", { name: "Données personnelles" });
    await user.click(within(personal).getByRole("radio", { name: "J'accepte" }));
    const medical = screen.getByRole("group", { name: "Données médicales" });
    await user.click(within(medical).getByRole("radio", { name: "Je refuse" }));
    await user.click(screen.getByRole("button", { name: "Valider" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Mes enfants" })).toBeInTheDocument();
    expect(currentPath(router)).toBe("/mes-enfants");
    expect(screen.getByText("Vos réponses ont été enregistrées.")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({
      answers: [
        { consent: 1, accepted: true },
        { consent: 2, accepted: false },
      ],
    });
  });

  it("lets staff through without asking", async () => {
    const calls = mockFetch({ ...STRUCTURE, "GET /api/v1/auth/session": { body: sessionBody(makeStaff()) } });
    renderApp("/gestion");
    expect(await screen.findByRole("heading", { level: 1, name: "Espace de gestion" })).toBeInTheDocument();
    expect(calls.some((c) => c.url === "/api/v1/consents/")).toBe(false);
  });
});

describe("parent home", () => {
  it("lists what is missing, grouped by child, each item a link", async () => {
    mockFetch({
      ...PARENT,
      ...NO_PENDING_CONSENTS,
      "GET /api/v1/family/home/": {
        body: makeHome({
          status: "awaiting_validation",
          home_message: "Inscriptions pour l'été ouvertes jusqu'au 15 juin.",
          counters: { children: 1, pending_requests: 2, documents_awaiting_review: 1, documents_rejected: 1, pending_reservations: 0, pending_enrolments: 0, unpaid_invoices: 0, unread_messages: 0, unread_announcements: 0 },
          missing: [
            { kind: "field", code: "family.postal_code", label: "Code postal", link: "/mon-foyer", child_id: null, child_name: "" },
            { kind: "field", code: "child.sex:21", label: "Sexe", link: "/mes-enfants/21?section=identite", child_id: 21, child_name: "Léa Martin" },
            {
              kind: "authorisation",
              code: "authorisation:10:21",
              label: "Autorisation : Droit à l'image",
              link: "/mes-enfants/21?section=autorisations",
              child_id: 21,
              child_name: "Léa Martin",
            },
            { kind: "document", code: "document:3", label: "Attestation d'assurance (refusé, à renvoyer)", link: "/mes-documents", child_id: null, child_name: "" },
          ],
        }),
      },
    });
    renderApp("/");
    expect(await screen.findByRole("heading", { level: 1, name: "Bonjour Claire" })).toBeInTheDocument();
    expect(await screen.findByText(/Votre compte est en attente de validation par la structure/)).toBeInTheDocument();
    expect(screen.getByText("1042")).toBeInTheDocument();
    expect(screen.getByText("Inscriptions pour l'été ouvertes jusqu'au 15 juin.")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Vous avez 2 demandes en attente" })).toHaveAttribute("href", "/mes-demandes");
    expect(screen.getByRole("link", { name: "1 document refusé à renvoyer" })).toHaveAttribute("href", "/mes-documents");

    const missing = screen.getByRole("region", { name: "Il vous reste à compléter :" });
    expect(within(missing).getByRole("heading", { name: "Pour votre dossier famille" })).toBeInTheDocument();
    expect(within(missing).getByRole("heading", { name: "Pour Léa Martin" })).toBeInTheDocument();
    expect(within(missing).getByRole("link", { name: "Code postal" })).toHaveAttribute("href", "/mon-foyer");
    expect(within(missing).getByRole("link", { name: "Autorisation : Droit à l'image" })).toHaveAttribute(
      "href",
      "/mes-enfants/21?section=autorisations",
    );

    const tiles = screen.getByRole("navigation", { name: "Mon dossier" });
    expect(within(tiles).getAllByRole("link").map((a) => a.getAttribute("href"))).toEqual([
      "/mon-profil",
      "/mon-foyer",
      "/mes-enfants",
      "/mes-documents",
      "/mes-editions",
      "/mes-demandes",
      "/facturation",
    ]);
  });

  it("follows a missing item to the child's section", async () => {
    mockFetch({
      ...PARENT,
      ...OPTIONS,
      ...NO_PENDING_CONSENTS,
      "GET /api/v1/family/home/": {
        body: makeHome({
          missing: [
            {
              kind: "authorisation",
              code: "authorisation:10:21",
              label: "Autorisation : Droit à l'image",
              link: "/mes-enfants/21?section=autorisations",
              child_id: 21,
              child_name: "Léa Martin",
            },
          ],
        }),
      },
      "GET /api/v1/family/children/21/": { body: makeChild() },
    });
    const { router } = renderApp("/");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("link", { name: "Autorisation : Droit à l'image" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Léa Martin" })).toBeInTheDocument();
    expect(currentPath(router)).toBe("/mes-enfants/21?section=autorisations");
    await waitFor(() => expect(screen.getByRole("heading", { level: 2, name: "Autorisations" })).toHaveFocus());
    expect(screen.getByRole("group", { name: /Droit à l'image/ })).toBeInTheDocument();
  });
});

describe("Mon foyer", () => {
  it("sends a change of a validated field as a request and says so", async () => {
    const calls = mockFetch({
      ...PARENT,
      ...NO_PENDING_CONSENTS,
      "GET /api/v1/dossier/options/": { body: makeOptions({}, { "family.email": { mode: "hidden" }, "family.phone": { mode: "read_only" } }) },
      "GET /api/v1/family/": { body: makeFamily({ phone: "+33478000000" }) },
      "GET /api/v1/family/quotients/": { body: [] },
      "GET /api/v1/family/resources/": { body: [] },
      "GET /api/v1/family/guardians/": { body: [makeGuardian(), makeGuardian({ id: 4, is_me: false, is_primary: false, first_name: "Paul" })] },
      "PATCH /api/v1/family/": {
        body: {
          family: makeFamily(),
          applied: [],
          requests: [
            {
              id: 90,
              category: "bancaire",
              category_label: "Bancaire",
              target_type: "family",
              target_id: 7,
              target_label: "Famille Martin",
              changes: [{ field: "iban", label: "IBAN", before: "FR76 3000 6000 0112 3456 7890 189", after: "FR14 2004 1010 0505 0001 3M02 606" }],
              status: "pending",
              status_label: "En attente",
              reason: "",
              created_at: "2025-03-01T10:00:00Z",
              decided_at: null,
            },
          ],
        },
      },
    });
    renderApp("/mon-foyer");
    const bank = await screen.findByRole("region", { name: "Coordonnées bancaires" });
    const iban = within(bank).getByRole("textbox", { name: "IBAN" });
    expect(iban).toHaveAccessibleDescription(expect.stringContaining("Modification soumise à validation par la structure"));

    // hidden: not shown; read-only: as text.
    const address = screen.getByRole("region", { name: "Adresse et contact" });
    expect(within(address).queryByText("E-mail du foyer")).not.toBeInTheDocument();
    expect(within(address).queryByRole("textbox", { name: "Téléphone du domicile" })).not.toBeInTheDocument();
    expect(within(address).getByText("+33478000000")).toBeInTheDocument();

    const user = userEvent.setup();
    await user.clear(iban);
    await user.type(iban, "FR1420041010050500013M02606");
    await user.click(within(bank).getByRole("button", { name: "Enregistrer" }));

    const status = await within(bank).findByText("Demande envoyée à la structure (en attente de validation).");
    expect(status.closest("[role=status]")).not.toBeNull();
    expect(within(bank).getByRole("link", { name: "Suivre mes demandes" })).toHaveAttribute("href", "/mes-demandes");
    expect(within(bank).queryByText("Enregistré.")).not.toBeInTheDocument();
    const patch = calls.find((c) => c.method === "PATCH")!;
    expect(patch.body).toEqual({ iban: "FR1420041010050500013M02606" });

    // Crèche enabled: the yearly resources are asked; the other guardian is listed.
    expect(screen.getByRole("region", { name: "Ressources annuelles" })).toBeInTheDocument();
    expect(await screen.findByRole("heading", { level: 3, name: /Paul Martin/ })).toBeInTheDocument();
  });

  it("says Enregistré for a field applied at once", async () => {
    mockFetch({
      ...PARENT,
      ...OPTIONS,
      ...NO_PENDING_CONSENTS,
      "GET /api/v1/family/": { body: makeFamily() },
      "GET /api/v1/family/quotients/": { body: [] },
      "GET /api/v1/family/resources/": { body: [] },
      "GET /api/v1/family/guardians/": { body: [makeGuardian()] },
      "PATCH /api/v1/family/": { body: { family: makeFamily({ city: "Villeurbanne" }), applied: ["city"], requests: [] } },
    });
    renderApp("/mon-foyer");
    const address = await screen.findByRole("region", { name: "Adresse et contact" });
    const user = userEvent.setup();
    const city = within(address).getByRole("textbox", { name: "Ville" });
    await user.clear(city);
    await user.click(within(address).getByRole("button", { name: "Enregistrer" }));
    expect(await within(address).findByRole("alert")).toHaveTextContent("Ville : Ce champ est obligatoire.");
    await user.type(city, "Villeurbanne");
    await user.click(within(address).getByRole("button", { name: "Enregistrer" }));
    expect(await within(address).findByText("Enregistré.")).toBeInTheDocument();
  });
});

describe("Mes documents", () => {
  const requirements = {
    complete: false,
    missing_count: 2,
    items: [
      {
        document_type: { id: 3, name: "Attestation d'assurance", description: "", scope: "family", validity: "dated", requires_review: true },
        child: null,
        status: "rejected",
        status_label: "Refusé",
        satisfied: false,
        document: {
          uuid: "0b8e6f4e-0000-4000-8000-000000000001",
          original_name: "assurance.pdf",
          content_type: "application/pdf",
          size: 120000,
          uploaded_at: "2025-02-01T09:00:00Z",
          status: "rejected",
          status_label: "Refusé",
          rejection_reason: "Le document est illisible.",
          valid_until: null,
          file_url: "/api/v1/documents/0b8e6f4e-0000-4000-8000-000000000001/file",
        },
        template_available: false,
        template_url: null,
      },
      {
        document_type: { id: 4, name: "Fiche sanitaire signée", description: "", scope: "child", validity: "school_year", requires_review: true },
        child: { id: 21, first_name: "Léa", last_name: "Martin" },
        status: "missing",
        status_label: "À fournir",
        satisfied: false,
        document: null,
        template_available: true,
        template_url: "/api/v1/documents/types/4/template?child=21",
      },
    ],
  };

  it("shows each requirement's status and reason, and checks the file before sending", async () => {
    let uploaded: FormData | null = null;
    const calls = mockFetch({
      ...PARENT,
      ...OPTIONS,
      ...NO_PENDING_CONSENTS,
      "GET /api/v1/documents/requirements/": { body: requirements },
      "POST /api/v1/documents/": (init) => {
        uploaded = init.body as FormData;
        return { status: 201, body: {} };
      },
    });
    renderApp("/mes-documents");
    expect(await screen.findByText("Formats acceptés : PDF, JPEG ou PNG. Taille maximale : 5 Mo par fichier.")).toBeInTheDocument();
    const insurance = screen.getByRole("region", { name: "Attestation d'assurance — pour la famille" });
    expect(within(insurance).getByText("Refusé")).toBeInTheDocument();
    expect(within(insurance).getByText(/Le document est illisible\./)).toBeInTheDocument();
    const health = screen.getByRole("region", { name: "Fiche sanitaire signée — pour Léa Martin" });
    expect(within(health).getByRole("link", { name: /Télécharger la fiche pré-remplie/ })).toHaveAttribute(
      "href",
      "/api/v1/documents/types/4/template?child=21",
    );

    const user = userEvent.setup();
    const input = within(health).getByLabelText("Choisir un fichier");
    const big = new File(["x"], "fiche.pdf", { type: "application/pdf" });
    Object.defineProperty(big, "size", { value: 6 * 1024 * 1024 });
    await user.upload(input, big);
    expect(within(health).getByText(/la taille maximale est de 5 Mo/)).toBeInTheDocument();
    await user.click(within(health).getByRole("button", { name: "Envoyer le document" }));
    expect(await within(health).findByRole("alert")).toHaveTextContent("Fichier : Le fichier pèse 6 Mo : la taille maximale est de 5 Mo.");
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(calls.some((c) => c.method === "POST")).toBe(false);

    const small = new File(["%PDF-1.4"], "fiche.pdf", { type: "application/pdf" });
    await user.upload(input, small);
    await user.click(within(health).getByRole("button", { name: "Envoyer le document" }));
    expect(await within(health).findByText(/Document envoyé\./)).toBeInTheDocument();
    const post = calls.find((c) => c.method === "POST")!;
    expect(post.headers["Content-Type"]).toBeUndefined();
    expect(uploaded).toBeInstanceOf(FormData);
    const form = uploaded as unknown as FormData;
    expect(form.get("document_type")).toBe("4");
    expect(form.get("child")).toBe("21");
    expect((form.get("file") as File).name).toBe("fiche.pdf");
  });

  it("asks the end of validity of a dated document", async () => {
    const calls = mockFetch({ ...PARENT, ...OPTIONS, ...NO_PENDING_CONSENTS, "GET /api/v1/documents/requirements/": { body: requirements } });
    renderApp("/mes-documents");
    const insurance = await screen.findByRole("region", { name: "Attestation d'assurance — pour la famille" });
    const user = userEvent.setup();
    await user.upload(within(insurance).getByLabelText("Choisir un fichier"), new File(["%PDF"], "a.pdf", { type: "application/pdf" }));
    await user.click(within(insurance).getByRole("button", { name: "Envoyer le document" }));
    expect(await within(insurance).findByRole("alert")).toHaveTextContent("Valable jusqu'au : indiquez la date de fin de validité.");
    expect(calls.some((c) => c.method === "POST")).toBe(false);
  });
});

describe("child wizard", () => {
  it("collects the steps and sends the whole child at the end", async () => {
    const calls = mockFetch({
      ...PARENT,
      ...OPTIONS,
      ...NO_PENDING_CONSENTS,
      "GET /api/v1/family/": { body: makeFamily() },
      "GET /api/v1/family/guardians/": { body: [makeGuardian(), makeGuardian({ id: 4, is_me: false, first_name: "Paul" })] },
      "POST /api/v1/family/children/": { status: 201, body: makeChild({ id: 30, first_name: "Tom" }) },
      "GET /api/v1/family/children/30/": { body: makeChild({ id: 30, first_name: "Tom" }) },
    });
    const { router, container } = renderApp("/mes-enfants/nouveau");
    const user = userEvent.setup();
    const next = () => user.click(screen.getByRole("button", { name: "Suivant" }));

    // 1. Informations personnelles (the required fields are checked).
    await user.type(await screen.findByRole("textbox", { name: "Prénom" }), "Tom");
    await next();
    expect(await screen.findByRole("alert")).toHaveTextContent("Date de naissance : Ce champ est obligatoire.");
    fireEvent.change(screen.getByLabelText(/Date de naissance/), { target: { value: "2019-05-04" } });
    await user.click(screen.getByRole("radio", { name: "Garçon" }));
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
    await next();

    // 2. Scolarité
    expect(await screen.findByRole("heading", { level: 2, name: "Étape 2 sur 7 : Scolarité" })).toHaveFocus();
    await user.selectOptions(screen.getByRole("combobox", { name: "Classe" }), "1");
    await next();

    // 3. Santé + a vaccination
    await user.type(await screen.findByRole("textbox", { name: "Allergies" }), "Arachide");
    await user.click(screen.getByRole("checkbox", { name: /PAI/ }));
    await user.type(screen.getByRole("textbox", { name: "Précisions sur le PAI" }), "Trousse d'urgence");
    await user.type(screen.getByRole("textbox", { name: "Vaccin" }), "DTP");
    fireEvent.change(screen.getByLabelText(/^Date/), { target: { value: "2020-01-15" } });
    await user.click(screen.getByRole("button", { name: "Ajouter la vaccination" }));
    expect(screen.getByRole("cell", { name: "DTP" })).toBeInTheDocument();
    await next();

    // 4. Liens familiaux
    await user.selectOptions(await screen.findByRole("combobox", { name: "Claire Martin (vous)" }), "mother");
    await user.selectOptions(screen.getByRole("combobox", { name: "Paul Martin" }), "father");
    await next();

    // 5. Autorisations: the required one must be answered.
    await screen.findByRole("heading", { level: 2, name: "Étape 5 sur 7 : Autorisations" });
    await next();
    expect(await screen.findByRole("alert")).toHaveTextContent("Droit à l'image : Répondez par Oui ou Non.");
    await user.click(within(screen.getByRole("group", { name: /Droit à l'image/ })).getByRole("radio", { name: "Oui" }));
    await next();

    // 6. Personnes autorisées
    await user.click(await screen.findByRole("button", { name: "Ajouter une personne" }));
    await user.type(screen.getByRole("textbox", { name: "Nom et prénom" }), "Jeanne Petit");
    await user.type(screen.getByRole("textbox", { name: "Lien avec l'enfant" }), "Grand-mère");
    await user.type(screen.getByRole("textbox", { name: "Téléphone" }), "0611223344");
    await user.click(screen.getByRole("checkbox", { name: "À prévenir en cas d'urgence" }));
    await user.click(screen.getByRole("button", { name: "Ajouter cette personne" }));
    expect(screen.getByRole("button", { name: "Modifier Jeanne Petit" })).toBeInTheDocument();
    await next();

    // 7. Récapitulatif
    expect(await screen.findByRole("heading", { level: 2, name: "Étape 7 sur 7 : Récapitulatif" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Ajouter l'enfant" }));

    expect(await screen.findByText("Tom a été ajouté(e) à votre dossier.")).toBeInTheDocument();
    expect(currentPath(router)).toBe("/mes-enfants/30");
    const post = calls.find((c) => c.method === "POST" && c.url === "/api/v1/family/children/")!;
    expect(post.body).toEqual({
      first_name: "Tom",
      last_name: "Martin",
      birth_date: "2019-05-04",
      sex: "M",
      school_name: "",
      school_level: 1,
      doctor_name: "",
      doctor_phone: "",
      allergies: "Arachide",
      has_pai: true,
      pai_details: "Trousse d'urgence",
      meal_type: null,
      wears_glasses: false,
      health_notes: "",
      relations: { "3": "mother", "4": "father" },
      authorisation_answers: [{ question: 10, value: true }],
      persons: [{ name: "Jeanne Petit", relation: "Grand-mère", phone: "0611223344", can_pick_up: true, is_emergency_contact: true }],
      vaccination_list: [{ vaccine: "DTP", date: "2020-01-15" }],
    });
  });
});

describe("e-mail confirmation", () => {
  it("confirms the address and says the account awaits validation", async () => {
    const calls = mockFetch({
      ...STRUCTURE,
      ...OPTIONS,
      "GET /api/v1/auth/session": { status: 401, body: ANONYMOUS_BODY },
      "POST /api/v1/auth/email/verify": { status: 401, body: ANONYMOUS_BODY },
    });
    renderApp("/confirmer-email/cle-123");
    expect(
      await screen.findByText("Adresse confirmée. Votre compte doit être validé par la structure : vous recevrez un e-mail."),
    ).toBeInTheDocument();
    expect(calls.filter((c) => c.method === "POST")).toHaveLength(1);
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ key: "cle-123" });
  });

  it("explains an invalid link", async () => {
    mockFetch({
      ...STRUCTURE,
      ...OPTIONS,
      "GET /api/v1/auth/session": { status: 401, body: ANONYMOUS_BODY },
      "POST /api/v1/auth/email/verify": { status: 400, body: { status: 400, errors: [{ message: "Clé invalide.", code: "invalid", param: "key" }] } },
    });
    renderApp("/confirmer-email/perimee");
    expect(await screen.findByText("Ce lien de confirmation n'est pas valide ou a expiré.")).toBeInTheDocument();
  });

  it("tells on the login page that the address must be confirmed", async () => {
    mockFetch({
      ...STRUCTURE,
      ...OPTIONS,
      "GET /api/v1/auth/session": { status: 401, body: ANONYMOUS_BODY },
      "POST /api/v1/auth/login": {
        status: 401,
        body: { status: 401, data: { flows: [{ id: "login" }, { id: "verify_email", is_pending: true }] }, meta: { is_authenticated: false } },
      },
    });
    renderApp("/connexion");
    const user = userEvent.setup();
    expect(await screen.findByRole("link", { name: "Créer un compte" })).toHaveAttribute("href", "/inscription");
    await user.type(screen.getByLabelText("Adresse électronique"), "claire@example.fr");
    await user.type(screen.getByLabelText("Mot de passe"), "Secret2024");
    await user.click(screen.getByRole("button", { name: "Se connecter" }));
    expect(await screen.findByText("Confirmez votre adresse e-mail : nous vous avons renvoyé un lien.")).toBeInTheDocument();
  });
});

describe("Mes demandes", () => {
  it("splits the requests by status and filters by type", async () => {
    const request = (id: number, status: "pending" | "accepted" | "refused", extra = {}) => ({
      id,
      category: "caf",
      category_label: "CAF",
      target_type: "family",
      target_id: 7,
      target_label: "Famille Martin",
      changes: [{ field: "allocataire_number", label: "N° allocataire", before: "123", after: "456" }],
      status,
      status_label: { pending: "En attente", accepted: "Acceptée", refused: "Refusée" }[status],
      reason: "",
      created_at: "2025-03-01T10:00:00Z",
      decided_at: status === "pending" ? null : "2025-03-02T10:00:00Z",
      ...extra,
    });
    const calls = mockFetch({
      ...PARENT,
      ...NO_PENDING_CONSENTS,
      "GET /api/v1/family/requests/": { body: [request(1, "pending"), request(2, "refused", { reason: "Justificatif manquant." })] },
      "GET /api/v1/family/requests/?category=bancaire": { body: [] },
      "GET /api/v1/booking/requests/": { body: { count: 0, next: null, previous: null, results: [] } },
    });
    renderApp("/mes-demandes");
    const refused = await screen.findByRole("region", { name: "Refusées (1)" });
    expect(within(refused).getByText("Justificatif manquant.")).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "En attente (1)" })).toHaveTextContent("N° allocataire");
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Modifications du dossier" }));
    const bank = await screen.findByRole("button", { name: "Bancaire" });
    await user.click(bank);
    expect(bank).toHaveAttribute("aria-pressed", "true");
    expect(await screen.findByRole("region", { name: "En attente (0)" })).toBeInTheDocument();
    expect(calls.some((c) => c.url === "/api/v1/family/requests/?category=bancaire")).toBe(true);
  });
});
