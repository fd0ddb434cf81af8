import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { axeViolations, describeViolations } from "../../../test/axe";
import { mockFetch, renderApp } from "../../../test/render";
import { makeActivity, makeEnrolment, PARENT } from "./bookingFixtures";

const CATALOG = {
  count: 4,
  next: null,
  previous: null,
  results: [
    makeActivity({ id: 2, season: "2025/2026", start_date: "2025-09-01", end_date: "2026-07-03", enrolment_open: false }),
    makeActivity({ id: 3, groups: [{ id: 7, name: "Maternelle" }, { id: 8, name: "Élémentaire" }] }),
    makeActivity({ id: 4, kind: "restauration", kind_label: "Restauration scolaire", name: "Cantine", booking_rule: "Réservation possible jusqu'à la veille" }),
    makeActivity({ id: 5, module: "creche", module_label: "Crèche", kind: "accueil", kind_label: "Accueil régulier", name: "Multi-accueil" }),
  ],
};

const ENROLMENTS = {
  count: 2,
  next: null,
  previous: null,
  results: [
    makeEnrolment({ id: 50, status: "refused", reason: "Plus de place pour cette année." }),
    makeEnrolment({ id: 51, child: 22, child_name: "Tom", activity: 4, activity_name: "Cantine 2026/2027", status: "requested" }),
  ],
};

async function startEnrolment() {
  const user = userEvent.setup();
  await user.click(await screen.findByRole("button", { name: "Nouvelle inscription" }));
  const form = await screen.findByRole("region", { name: "Demande d'inscription" });
  expect(within(form).getByRole("heading", { name: "Demande d'inscription" })).toHaveFocus();
  await user.selectOptions(await within(form).findByRole("combobox", { name: "Enfant" }), "21");
  await user.selectOptions(within(form).getByRole("combobox", { name: "Service" }), "periscolaire");
  await user.selectOptions(within(form).getByRole("combobox", { name: "Type d'activité" }), "accueil_matin");
  await user.selectOptions(within(form).getByRole("combobox", { name: "Activité" }), "Accueil du matin");
  return { user, form };
}

describe("Mes inscriptions", () => {
  it("lists each child's enrolments with their status", async () => {
    mockFetch({ ...PARENT, "GET /api/v1/booking/enrolments/": { body: ENROLMENTS } });
    const { container } = renderApp("/inscriptions");
    const lea = await screen.findByRole("region", { name: "Léa Martin" });
    expect(within(lea).getByRole("heading", { level: 3, name: "Accueil du matin 2026/2027" })).toBeInTheDocument();
    expect(within(lea).getByText("Refusée")).toBeInTheDocument();
    expect(within(lea).getByText("Plus de place pour cette année.")).toBeInTheDocument();
    const tom = screen.getByRole("region", { name: "Tom Martin" });
    expect(within(tom).getByText("En attente de validation")).toBeInTheDocument();
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it("chooses service, type, activité and période, then shows what the file lacks", async () => {
    const calls = mockFetch({
      ...PARENT,
      "GET /api/v1/booking/enrolments/": { body: { count: 0, next: null, previous: null, results: [] } },
      "GET /api/v1/booking/catalog/": { body: CATALOG },
      "POST /api/v1/booking/enrolments/": {
        status: 400,
        body: {
          detail: ["Le dossier n'est pas complet pour cette activité : complétez ces éléments puis renouvelez la demande."],
          missing: [
            { kind: "field", code: "child.sex:21", label: "Sexe", link: "/mes-enfants/21?section=identite", child_id: 21, child_name: "Léa Martin" },
            { kind: "document", code: "document:4:21", label: "Fiche sanitaire signée", link: "/mes-documents", child_id: 21, child_name: "Léa Martin" },
          ],
        },
      },
    });
    const { container } = renderApp("/inscriptions");
    const { user, form } = await startEnrolment();
    // Only the activities of the chosen service and type are offered.
    expect(within(form).getByRole("combobox", { name: "Service" })).toHaveTextContent("Crèche");
    expect(within(form).getByRole("combobox", { name: "Type d'activité" })).not.toHaveTextContent("Accueil régulier");
    const period = within(form).getByRole("group", { name: /Période/ });
    expect(within(period).getAllByRole("radio")).toHaveLength(2);
    await user.click(within(period).getByRole("radio", { name: "2026/2027 — du 01/09/2026 au 02/07/2027" }));
    expect(within(form).getByText("Réservation possible jusqu'au jeudi 9h30 de la semaine précédente")).toBeInTheDocument();
    expect(within(form).getByText("du 01/09/2026 au 02/07/2027")).toBeInTheDocument();

    await user.click(within(form).getByRole("button", { name: "Envoyer la demande" }));
    expect(await within(form).findByRole("link", { name: "Groupe : Ce champ est obligatoire." })).toHaveAttribute("href", "#inscription-groupe");
    await user.selectOptions(within(form).getByRole("combobox", { name: "Groupe" }), "7");
    const violations = await axeViolations(container);
    expect(violations, describeViolations(violations)).toEqual([]);
    await user.click(within(form).getByRole("button", { name: "Envoyer la demande" }));

    expect(await within(form).findByText(/Le dossier n'est pas complet pour cette activité/)).toBeInTheDocument();
    expect(within(form).getByRole("link", { name: "Sexe" })).toHaveAttribute("href", "/mes-enfants/21?section=identite");
    expect(within(form).getByRole("link", { name: "Fiche sanitaire signée" })).toHaveAttribute("href", "/mes-documents");
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ child: 21, activity: 3, group: 7 });
  });

  it("confirms an enrolment validated at once, with a link to the planning", async () => {
    const calls = mockFetch({
      ...PARENT,
      "GET /api/v1/booking/enrolments/": { body: { count: 0, next: null, previous: null, results: [] } },
      "GET /api/v1/booking/catalog/": { body: CATALOG },
      "POST /api/v1/booking/enrolments/": { status: 201, body: makeEnrolment({ id: 60, activity: 4, activity_name: "Cantine 2026/2027" }) },
    });
    renderApp("/inscriptions");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Nouvelle inscription" }));
    const form = await screen.findByRole("region", { name: "Demande d'inscription" });
    await user.selectOptions(await within(form).findByRole("combobox", { name: "Enfant" }), "21");
    await user.selectOptions(within(form).getByRole("combobox", { name: "Service" }), "periscolaire");
    await user.selectOptions(within(form).getByRole("combobox", { name: "Type d'activité" }), "restauration");
    await user.selectOptions(within(form).getByRole("combobox", { name: "Activité" }), "Cantine");
    // A single period is chosen for the parent.
    expect(within(form).getByRole("radio", { name: /2026\/2027/ })).toBeChecked();
    await user.click(within(form).getByRole("button", { name: "Envoyer la demande" }));
    expect(await within(form).findByText("Inscription validée : vous pouvez réserver.")).toBeInTheDocument();
    expect(within(form).getByRole("link", { name: "Aller au planning" })).toHaveAttribute("href", "/planning");
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({ child: 21, activity: 4 });
  });
});
