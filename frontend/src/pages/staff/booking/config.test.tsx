import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { mockFetch, renderApp } from "../../../test/render";
import { page, STAFF_SESSION } from "../staffFixtures";
import { ACTIVITIES, B, euros, makeActivity, makeLegend, makePolicy, makeTariff, makeUnit, PRICING_METHODS } from "./bookingFixtures";

const alerts = () => screen.getAllByRole("alert").map((a) => a.textContent).join(" ");

describe("booking policies", () => {
  it("shows the fields of each kind", async () => {
    mockFetch({ ...STAFF_SESSION, [`GET ${B}/policies/`]: { body: page([makePolicy()]) } });
    renderApp("/gestion/configuration/delais");
    const table = await screen.findByRole("table", { name: "Délais (1)" });
    expect(table).toHaveTextContent("Réservation au plus tard la veille à 10h00");
    expect(screen.getByRole("navigation", { name: "Rubriques de la configuration" })).toContainElement(screen.getByRole("link", { name: "Délais de réservation" }));
    const user = userEvent.setup();
    const kind = screen.getByLabelText("Type de délai");

    expect(screen.getByLabelText("Nombre de jours avant")).toHaveValue(1);
    expect(screen.getByLabelText("Heure limite")).toHaveValue("23:59");
    await user.selectOptions(kind, "working_days");
    expect(screen.getByLabelText("Nombre de jours ouvrés avant")).toBeInTheDocument();
    expect(within(screen.getByRole("group", { name: "Autres jours jamais ouvrés" })).getAllByRole("checkbox")).toHaveLength(5);
    await user.selectOptions(kind, "previous_week");
    expect(screen.getByLabelText("Jour de la semaine précédente")).toHaveValue("1");
    expect(screen.queryByLabelText(/Nombre de jours/)).not.toBeInTheDocument();
    await user.selectOptions(kind, "previous_month");
    expect(screen.getByLabelText("Jour du mois précédent")).toHaveValue(20);
    await user.selectOptions(kind, "unrestricted");
    expect(screen.queryByLabelText("Heure limite")).not.toBeInTheDocument();
    expect(screen.getByText("Les familles peuvent réserver et annuler jusqu'à la veille.")).toBeInTheDocument();
    await user.selectOptions(kind, "fixed_windows");
    expect(screen.getByRole("group", { name: "Fenêtres de réservation" })).toBeInTheDocument();
  });

  it("posts a fixed-windows policy with its windows", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      [`GET ${B}/policies/`]: { body: page([]) },
      [`POST ${B}/policies/`]: { status: 201, body: makePolicy({ id: 2, name: "Vacances", kind: "fixed_windows", description: "Réservation du 01/09 au 01/10" }) },
    });
    renderApp("/gestion/configuration/delais");
    const user = userEvent.setup();
    await screen.findByText("Aucun délai n'est défini.");
    await user.type(screen.getByLabelText("Nom *"), "Vacances");
    await user.selectOptions(screen.getByLabelText("Type de délai"), "fixed_windows");
    await user.click(screen.getByRole("button", { name: "Ajouter le délai" }));
    expect(alerts()).toContain("Ajoutez au moins une fenêtre de réservation.");

    await user.click(screen.getByRole("button", { name: "Ajouter une fenêtre" }));
    const first = screen.getByRole("group", { name: "Fenêtre 1" });
    await user.type(within(first).getByLabelText("Période"), "Toussaint");
    await user.type(within(first).getByLabelText("Ouverture des réservations"), "2026-09-01T08:00");
    await user.type(within(first).getByLabelText("Fermeture des réservations"), "2026-08-01T08:00");
    await user.type(within(first).getByLabelText("Pour les jours du"), "2026-10-19");
    await user.type(within(first).getByLabelText("Au"), "2026-10-30");
    await user.click(screen.getByRole("button", { name: "Ajouter le délai" }));
    expect(alerts()).toContain("Fenêtre 1 : la fermeture doit suivre l'ouverture.");
    expect(calls.some((c) => c.method === "POST")).toBe(false);

    const closes = within(screen.getByRole("group", { name: "Fenêtre 1 : Toussaint" })).getByLabelText("Fermeture des réservations");
    await user.clear(closes);
    await user.type(closes, "2026-10-01T18:00");
    await user.click(screen.getByRole("button", { name: "Ajouter le délai" }));
    expect(await screen.findByText("Le délai « Vacances » est ajouté.")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({
      name: "Vacances",
      kind: "fixed_windows",
      windows: [{ label: "Toussaint", opens_at: "2026-09-01T08:00", closes_at: "2026-10-01T18:00", first_date: "2026-10-19", last_date: "2026-10-30" }],
    });
  });

  it("edits a working-days policy", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      [`GET ${B}/policies/`]: { body: page([makePolicy({ kind: "working_days", days: 2 })]) },
      [`PATCH ${B}/policies/1/`]: { body: makePolicy({ kind: "working_days", days: 2, skip_weekdays: [2] }) },
    });
    renderApp("/gestion/configuration/delais");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Modifier « Veille 10 h »" }));
    expect(screen.getByRole("heading", { name: "Modifier « Veille 10 h »" })).toBeInTheDocument();
    await user.click(screen.getByLabelText("Mercredi"));
    await user.click(screen.getByRole("button", { name: "Enregistrer le délai" }));
    expect(await screen.findByText("Le délai « Veille 10 h » est modifié.")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "PATCH")!.body).toEqual({ name: "Veille 10 h", kind: "working_days", at: "10:00:00", days: 2, skip_weekdays: [2] });
  });
});

describe("tariffs", () => {
  const TARIFFS = {
    ...PRICING_METHODS,
    [`GET ${B}/tariffs/`]: { body: page([makeTariff()]) },
    [`GET ${B}/units/`]: { body: page([makeUnit()]) },
    [`GET ${B}/billing-settings/`]: { body: { resident_postal_codes: ["38000"] } },
  };

  it("creates a quotient tariff with its brackets", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...ACTIVITIES,
      ...TARIFFS,
      [`GET ${B}/units/?activity=3`]: { body: page([makeUnit(), makeUnit({ id: 22, name: "Restauration", with_meal: true })]) },
      [`POST ${B}/tariffs/`]: { status: 201, body: makeTariff({ id: 2, name: "Cantine", method: "quotient" }) },
    });
    renderApp("/gestion/configuration/tarifs");
    const user = userEvent.setup();
    const table = await screen.findByRole("table", { name: "Tarifs (1)" });
    expect(table).toHaveTextContent(`${euros(1.5)} (extérieur : ${euros(2)})`);

    const form = screen.getByRole("form", { name: "Ajouter un tarif" });
    await user.type(within(form).getByLabelText("Nom *"), "Cantine");
    await user.selectOptions(within(form).getByLabelText("Activité *"), "3");
    await user.selectOptions(await within(form).findByRole("combobox", { name: /Prestation/ }), "22");
    await user.type(within(form).getByLabelText("Valable du *"), "2025-09-01");
    await user.selectOptions(within(form).getByLabelText("Mode de calcul"), "quotient");
    await user.type(within(form).getByLabelText("Supplément repas (€)"), "0,50");
    await user.type(within(form).getByLabelText("Réductions fratrie (%)"), "10 ; 20");
    await user.click(within(form).getByRole("button", { name: "Ajouter une tranche" }));
    await user.type(within(form).getByLabelText("Tranche 1 : QF jusqu'à (exclu)"), "700");
    await user.type(within(form).getByLabelText("Tranche 1 : Prix résident (€)"), "2,10");
    await user.click(within(form).getByRole("button", { name: "Ajouter une tranche" }));
    expect(within(form).getByLabelText("Tranche 2 : QF de")).toHaveValue("700");
    await user.type(within(form).getByLabelText("Tranche 2 : Prix résident (€)"), "abc");
    await user.click(within(form).getByRole("button", { name: "Ajouter le tarif" }));
    const bad = within(form).getByLabelText("Tranche 2 : Prix résident (€)");
    expect(bad).toHaveAttribute("aria-invalid", "true");
    expect(bad).toHaveAccessibleDescription("Erreur : Tranche 2 : indiquez le prix résident (ex. 3,50).");
    expect(calls.some((c) => c.method === "POST")).toBe(false);

    await user.clear(bad);
    await user.type(bad, "3,40");
    await user.type(within(form).getByLabelText("Tranche 2 : Prix extérieur (€)"), "4");
    await user.click(within(form).getByRole("button", { name: "Ajouter une tranche" }));
    await user.click(within(form).getByRole("button", { name: "Retirer la tranche 3" }));
    await user.click(within(form).getByRole("button", { name: "Ajouter le tarif" }));
    expect(await screen.findByText("Le tarif « Cantine » est ajouté.")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({
      name: "Cantine",
      activity: 3,
      unit: 22,
      valid_from: "2025-09-01",
      valid_until: null,
      method: "quotient",
      parameters: {},
      meal_supplement: "0.50",
      sibling_discounts: ["10", "20"],
      brackets: [
        { qf_min: "0", qf_max: "700", amount: "2.10", amount_exterior: null },
        { qf_min: "700", qf_max: null, amount: "3.40", amount_exterior: "4" },
      ],
    });
  });

  it("offers the structure's pricing methods and sends the chosen method's parameters", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...ACTIVITIES,
      ...TARIFFS,
      [`GET ${B}/tariffs/`]: { body: page([makeTariff(), makeTariff({ id: 2, name: "Garderie", method: "per_hour", parameters: { rounding_minutes: 15 } })]) },
      [`GET ${B}/units/?activity=3`]: { body: page([makeUnit()]) },
      [`POST ${B}/tariffs/`]: { status: 201, body: makeTariff({ id: 3, name: "Soir", method: "per_hour" }) },
    });
    renderApp("/gestion/configuration/tarifs");
    const user = userEvent.setup();
    const table = await screen.findByRole("table", { name: "Tarifs (2)" });
    await waitFor(() => expect(table).toHaveTextContent("Prix horaire"));
    expect(table).toHaveTextContent("Prix fixe à l'unité");

    const form = screen.getByRole("form", { name: "Ajouter un tarif" });
    const method = within(form).getByLabelText("Mode de calcul");
    expect(within(method).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Prix fixe à l'unité",
      "Selon le quotient familial",
      "Prix par jour",
      "Prix horaire",
      "Forfait dégressif",
    ]);
    expect(within(form).queryByLabelText(/Arrondi/)).not.toBeInTheDocument();
    await user.type(within(form).getByLabelText("Nom *"), "Soir");
    await user.selectOptions(within(form).getByLabelText("Activité *"), "3");
    await user.type(within(form).getByLabelText("Valable du *"), "2025-09-01");
    await user.selectOptions(method, "per_hour");
    expect(method).toHaveAccessibleDescription("Le prix d'une heure multiplié par la durée, arrondie à l'unité choisie.");
    const rounding = within(form).getByLabelText("Arrondi (minutes) *");
    expect(rounding).toHaveValue("30");
    await user.type(within(form).getByLabelText("Prix résident (€) *"), "2,40");
    await user.clear(rounding);
    await user.type(rounding, "90");
    await user.click(within(form).getByRole("button", { name: "Ajouter le tarif" }));
    expect(rounding).toHaveAccessibleDescription("Toute tranche commencée est due. Erreur : Arrondi (minutes) : au plus 60.");
    expect(calls.some((c) => c.method === "POST")).toBe(false);

    await user.clear(rounding);
    await user.type(rounding, "15");
    await user.click(within(form).getByRole("button", { name: "Ajouter le tarif" }));
    expect(await screen.findByText("Le tarif « Soir » est ajouté.")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")!.body).toMatchObject({
      method: "per_hour",
      parameters: { rounding_minutes: "15" },
      amount: "2.40",
      brackets: [],
    });
  });

  it("asks for a module method's parameters and shows the server's refusal next to them", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...ACTIVITIES,
      ...TARIFFS,
      [`GET ${B}/units/?activity=3`]: { body: page([makeUnit()]) },
      [`POST ${B}/tariffs/`]: { status: 400, body: { parameters: ["Seuil (jours) : au plus 10."] } },
    });
    renderApp("/gestion/configuration/tarifs");
    const user = userEvent.setup();
    const form = await screen.findByRole("form", { name: "Ajouter un tarif" });
    await user.type(within(form).getByLabelText("Nom *"), "Stage");
    await user.selectOptions(within(form).getByLabelText("Activité *"), "3");
    await user.type(within(form).getByLabelText("Valable du *"), "2025-09-01");
    await within(form).findByRole("option", { name: "Forfait dégressif" });
    await user.selectOptions(within(form).getByLabelText("Mode de calcul"), "forfait");
    await user.type(within(form).getByLabelText("Prix résident (€) *"), "80");
    const threshold = within(form).getByLabelText("Seuil (jours) *");
    expect(threshold).toHaveValue("");
    expect(within(form).getByLabelText("Remise par jour (€) *")).toHaveValue("0,50");
    await user.click(within(form).getByRole("button", { name: "Ajouter le tarif" }));
    expect(threshold).toHaveAccessibleDescription("Erreur : Seuil (jours) : ce champ est obligatoire.");

    await user.type(threshold, "12");
    await user.click(within(form).getByRole("button", { name: "Ajouter le tarif" }));
    await waitFor(() => expect(threshold).toHaveAccessibleDescription("Erreur : Seuil (jours) : au plus 10."));
    expect(calls.find((c) => c.method === "POST")!.body).toMatchObject({ method: "forfait", parameters: { threshold: "12", discount: "0.50" } });
  });

  it("simulates a price", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...ACTIVITIES,
      ...TARIFFS,
      [`GET ${B}/units/?activity=3`]: { body: page([makeUnit()]) },
      [`POST ${B}/simulate/`]: { body: { amount: "3.20", tariff_name: "Matin 2025", details: ["Tranche 700 à 1 000 : 4,00 €", "Réduction fratrie : -20 %"] } },
    });
    renderApp("/gestion/configuration/tarifs");
    const user = userEvent.setup();
    const simulator = await screen.findByRole("region", { name: "Simulateur de prix" });
    await user.click(within(simulator).getByRole("button", { name: "Calculer le prix" }));
    expect(alerts()).toContain("Choisissez l'activité puis la prestation.");
    await user.selectOptions(within(simulator).getByLabelText("Activité"), "3");
    await within(simulator).findByRole("option", { name: "Accueil du matin" });
    await user.selectOptions(within(simulator).getByLabelText("Prestation"), "21");
    const day = within(simulator).getByLabelText("Jour");
    await user.clear(day);
    await user.type(day, "2026-03-02");
    await user.type(within(simulator).getByLabelText("Quotient familial"), "850");
    await user.clear(within(simulator).getByLabelText("Rang dans la fratrie"));
    await user.type(within(simulator).getByLabelText("Rang dans la fratrie"), "3");
    await user.click(within(simulator).getByLabelText("Famille résidente"));
    await user.click(within(simulator).getByRole("button", { name: "Calculer le prix" }));
    expect(await within(simulator).findByText(euros(3.2))).toBeInTheDocument();
    expect(simulator).toHaveTextContent("Tarif appliqué : Matin 2025");
    expect(within(simulator).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["Tranche 700 à 1 000 : 4,00 €", "Réduction fratrie : -20 %"]);
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ unit: 21, date: "2026-03-02", quotient: 850, resident: false, rank: 3 });
  });
});

describe("activities", () => {
  it("creates an activity, generates its openings and sets a unit's incompatibilities", async () => {
    const created = makeActivity({ id: 5, name: "Accueil du soir", enrolled: 0 });
    let activities = [makeActivity()];
    const calls = mockFetch({
      ...STAFF_SESSION,
      [`GET ${B}/activities/`]: () => ({ body: page(activities) }),
      [`GET ${B}/policies/`]: { body: page([makePolicy()]) },
      [`GET ${B}/groups/`]: { body: page([]) },
      [`POST ${B}/activities/`]: () => {
        activities = [...activities, created];
        return { status: 201, body: created };
      },
      [`POST ${B}/activities/5/generate-openings/`]: { body: { created: 120, existing: 4, skipped: { "Jour férié": 3, "Vacances scolaires": 30 } } },
      [`GET ${B}/units/?activity=5`]: { body: page([makeUnit({ activity: 5 }), makeUnit({ id: 22, activity: 5, name: "Accueil du soir", short_label: "S" })]) },
      [`PATCH ${B}/units/21/`]: { body: makeUnit({ activity: 5, incompatible_with: [22] }) },
    });
    renderApp("/gestion/configuration/activites");
    const user = userEvent.setup();
    await screen.findByRole("table", { name: "Activités (1)" });
    const form = screen.getByRole("form", { name: "Ajouter une activité" });
    expect(within(form).getByLabelText("Service *")).toHaveValue("periscolaire");
    await user.selectOptions(within(form).getByLabelText("Type d'activité *"), "accueil_matin");
    await user.type(within(form).getByLabelText("Nom *"), "Accueil du soir");
    await user.type(within(form).getByLabelText("Période *"), "2025/2026");
    await user.type(within(form).getByLabelText("Début *"), "2025-09-01");
    await user.type(within(form).getByLabelText("Fin *"), "2026-07-03");
    await user.selectOptions(within(form).getByLabelText("Délai de réservation"), "1");
    await user.click(within(form).getByRole("button", { name: "Ajouter l'activité" }));
    expect(await screen.findByText("L'activité « Accueil du soir » est ajoutée.")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")!.body).toMatchObject({
      module: "periscolaire",
      kind: "accueil_matin",
      name: "Accueil du soir",
      season: "2025/2026",
      start_date: "2025-09-01",
      end_date: "2026-07-03",
      calendar: "school_days",
      booking_policy: 1,
      cancel_policy: null,
      published: false,
      with_default_units: true,
    });

    await user.click(screen.getByRole("button", { name: "Générer les ouvertures" }));
    expect(await screen.findByText("120 ouvertures créées, 4 existaient déjà.")).toBeInTheDocument();
    expect(screen.getByText("Vacances scolaires : 30 jours")).toBeInTheDocument();

    const units = await screen.findByRole("region", { name: "Prestations de « Accueil du soir »" });
    await user.click(await within(units).findByRole("button", { name: "Modifier « Accueil du matin »" }));
    const incompatible = within(units).getByRole("group", { name: "Incompatible avec" });
    expect(within(incompatible).getAllByRole("checkbox").map((c) => c.id)).toEqual(["prestation-incompatible-22"]);
    await user.click(within(incompatible).getByLabelText("Accueil du soir"));
    await user.click(within(units).getByRole("button", { name: "Enregistrer la prestation" }));
    expect(await within(units).findByText("La prestation « Accueil du matin » est modifiée.")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "PATCH")!.body).toMatchObject({ activity: 5, incompatible_with: [22], requires: [], weekdays: [0, 1, 3, 4], start_time: "07:30" });
  });
});

describe("closures and legend", () => {
  it("adds a closure for the whole structure", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      ...ACTIVITIES,
      [`GET ${B}/closures/`]: { body: page([]) },
      [`POST ${B}/closures/`]: { status: 201, body: { id: 1, label: "Pont de l'Ascension", start_date: "2026-05-15", end_date: "2026-05-15", activity: null } },
    });
    renderApp("/gestion/configuration/fermetures");
    const user = userEvent.setup();
    await screen.findByText("Aucune fermeture n'est prévue.");
    await user.type(screen.getByLabelText("Motif *"), "Pont de l'Ascension");
    await user.type(screen.getByLabelText("Du *"), "2026-05-15");
    await user.type(screen.getByLabelText("Au *"), "2026-05-15");
    expect(screen.getByLabelText("Concerne")).toHaveValue("");
    await user.click(screen.getByRole("button", { name: "Ajouter la fermeture" }));
    expect(await screen.findByText("La fermeture « Pont de l'Ascension » est ajoutée.")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ label: "Pont de l'Ascension", start_date: "2026-05-15", end_date: "2026-05-15", activity: null });
  });

  it("edits a legend entry and warns about a low contrast", async () => {
    const calls = mockFetch({
      ...STAFF_SESSION,
      [`GET ${B}/legend/`]: { body: [makeLegend(), makeLegend({ id: 2, code: "present", label: "Présent", short_label: "P", color: "#1d4ed8", module: "creche" })] },
      [`PATCH ${B}/legend/1/`]: { body: makeLegend({ color: "#fde047", short_label: "Rés" }) },
    });
    renderApp("/gestion/configuration/legende");
    const user = userEvent.setup();
    const table = await screen.findByRole("table", { name: "Légende (2)" });
    expect(within(table).getAllByRole("row")[2]).toHaveTextContent("Crèche");
    await user.click(within(table).getByRole("button", { name: "Modifier « Réservé »" }));
    expect(screen.getByRole("heading", { name: "Modifier « Réservé »" })).toHaveFocus();
    expect(screen.queryByText(/Contraste insuffisant/)).not.toBeInTheDocument();
    const color = screen.getByLabelText("Couleur");
    await user.clear(color);
    await user.type(color, "#fde047");
    expect(screen.getByText(/Contraste insuffisant avec un texte blanc : 1,\d:1/)).toBeInTheDocument();
    await user.clear(screen.getByLabelText("Abréviation"));
    await user.type(screen.getByLabelText("Abréviation"), "Rés");
    await user.click(screen.getByRole("button", { name: "Enregistrer la légende" }));
    expect(await screen.findByText("« Réservé » est enregistré dans la légende.")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "PATCH")!.body).toEqual({ label: "Réservé", short_label: "Rés", color: "#fde047" });
    await waitFor(() => expect(screen.getByRole("button", { name: "Modifier « Réservé »" })).toHaveFocus());
  });
});
