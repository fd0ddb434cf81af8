import { formatMoney } from "../../../format/money";
import { page } from "../staffFixtures";
import type {
  Activity,
  AttendanceLine,
  AttendanceSheet,
  LegendItem,
  OccupancyCell,
  OccupancyRow,
  Policy,
  PricingMethod,
  StaffEnrolment,
  StaffReservation,
  Tariff,
  Unit,
} from "./api";

export const B = "/api/v1/staff/booking";

export function makeActivity(overrides: Partial<Activity> = {}): Activity {
  return {
    id: 3,
    module: "periscolaire",
    kind: "accueil_matin",
    name: "Accueil périscolaire",
    season: "2025/2026",
    start_date: "2025-09-01",
    end_date: "2026-07-03",
    calendar: "school_days",
    enrolment_validation: "staff",
    booking_validation: "auto",
    published: true,
    enrolled: 42,
    ...overrides,
  };
}

/** The activities list every queue page loads for its filter. */
export const ACTIVITIES = { [`GET ${B}/activities/`]: { body: page([makeActivity(), makeActivity({ id: 4, name: "Mercredis", kind: "restauration" })]) } };

export function makeEnrolment(overrides: Partial<StaffEnrolment> = {}): StaffEnrolment {
  return {
    id: 1,
    child: 11,
    child_name: "Léo",
    child_last_name: "Martin",
    activity: 3,
    activity_name: "Accueil périscolaire (2025/2026)",
    module: "periscolaire",
    group: null,
    group_name: "",
    start_date: "2025-09-01",
    end_date: "2026-07-03",
    status: "requested",
    reason: "",
    created_at: "2026-02-20T09:00:00Z",
    decided_at: null,
    family_id: 7,
    family_name: "Martin",
    booked_past_deadlines: false,
    ...overrides,
  };
}

export function makeReservation(overrides: Partial<StaffReservation> = {}): StaffReservation {
  return {
    id: 100,
    child: 11,
    child_name: "Léo",
    child_last_name: "Martin",
    unit: 21,
    unit_name: "Accueil du matin",
    date: "2026-03-02",
    state: "requested",
    family_name: "Martin",
    activity_name: "Accueil périscolaire (2025/2026)",
    has_document: false,
    absence_reason: "",
    created_at: "2026-02-25T18:00:00Z",
    ...overrides,
  };
}

export function cell(overrides: Partial<OccupancyCell> = {}): OccupancyCell {
  return { opening: 501, date: "2026-03-02", capacity: 20, booked: 12, waiting: 0, requested: 0, closed: false, ...overrides };
}

export function makeOccupancyRow(overrides: Partial<OccupancyRow> = {}): OccupancyRow {
  return {
    unit_id: 21,
    unit_name: "Accueil du matin",
    activity_id: 3,
    activity_name: "Accueil périscolaire (2025/2026)",
    group_name: "",
    cells: [cell(), cell({ opening: 502, date: "2026-03-03", booked: 20, waiting: 3, requested: 2 }), cell({ opening: 503, date: "2026-03-04", booked: 0, closed: true })],
    ...overrides,
  };
}

export function line(overrides: Partial<AttendanceLine> = {}): AttendanceLine {
  return { reservation: 900, child_id: 11, first_name: "Léo", last_name: "Martin", state: "confirmed", absence_reason: "", allergies: "", has_pai: false, ...overrides };
}

export function makeSheet(overrides: Partial<AttendanceSheet> = {}): AttendanceSheet {
  return {
    opening: 501,
    unit_name: "Accueil du matin",
    activity_name: "Accueil périscolaire (2025/2026)",
    date: "2026-03-02",
    capacity: 20,
    lines: [
      line({ has_pai: true, allergies: "Arachide" }),
      line({ reservation: 901, child_id: 12, first_name: "Emma", last_name: "Durand" }),
      line({ reservation: 902, child_id: 13, first_name: "Noé", last_name: "Petit", state: "absent_excused", absence_reason: "Malade" }),
    ],
    ...overrides,
  };
}

export function makeUnit(overrides: Partial<Unit> = {}): Unit {
  return {
    id: 21,
    activity: 3,
    name: "Accueil du matin",
    short_label: "M",
    start_time: "07:30:00",
    end_time: "08:30:00",
    with_meal: false,
    weekdays: [0, 1, 3, 4],
    capacity: 20,
    incompatible_with: [],
    requires: [],
    booking_policy: null,
    cancel_policy: null,
    booked_on_enrolment: false,
    order: 0,
    ...overrides,
  };
}

export function makePolicy(overrides: Partial<Policy> = {}): Policy {
  return {
    id: 1,
    name: "Veille 10 h",
    kind: "relative",
    days: 1,
    at: "10:00:00",
    skip_weekdays: [],
    weekday: 1,
    day_of_month: 20,
    module: "",
    code: "",
    windows: [],
    description: "Réservation au plus tard la veille à 10h00",
    ...overrides,
  };
}

export function makeTariff(overrides: Partial<Tariff> = {}): Tariff {
  return {
    id: 1,
    name: "Matin 2025",
    activity: 3,
    unit: null,
    valid_from: "2025-09-01",
    valid_until: null,
    method: "flat",
    amount: "1.50",
    amount_exterior: "2.00",
    meal_supplement: "0.00",
    sibling_discounts: [],
    brackets: [],
    ...overrides,
  };
}

/** As GET pricing-methods/ answers (decimals with two places, as the API writes them) for a structure with périscolaire and a module adding « Forfait ». */
export const METHODS: PricingMethod[] = [
  { code: "flat", label: "Prix fixe à l'unité", description: "Le même prix à chaque réservation.", uses_brackets: false, module: null, parameters: [] },
  { code: "quotient", label: "Selon le quotient familial", description: "Un prix par tranche de quotient.", uses_brackets: true, module: null, parameters: [] },
  { code: "per_day", label: "Prix par jour", description: "Le prix d'une journée multiplié par le nombre de jours.", uses_brackets: false, module: null, parameters: [] },
  {
    code: "per_hour",
    label: "Prix horaire",
    description: "Le prix d'une heure multiplié par la durée, arrondie à l'unité choisie.",
    uses_brackets: false,
    module: null,
    parameters: [{ name: "rounding_minutes", label: "Arrondi (minutes)", kind: "integer", minimum: "1.00", maximum: "60.00", default: "30.00", help_text: "Toute tranche commencée est due." }],
  },
  {
    code: "forfait",
    label: "Forfait dégressif",
    description: "Un forfait, moins une remise par jour au-delà du seuil.",
    uses_brackets: false,
    module: "ateliers",
    parameters: [
      { name: "threshold", label: "Seuil (jours)", kind: "integer", minimum: "1.00", maximum: null, default: null, help_text: "" },
      { name: "discount", label: "Remise par jour (€)", kind: "decimal", minimum: "0.00", maximum: null, default: "0.50", help_text: "" },
    ],
  },
];

export const PRICING_METHODS = { [`GET ${B}/pricing-methods/`]: { body: METHODS } };

export function makeLegend(overrides: Partial<LegendItem> = {}): LegendItem {
  return { id: 1, module: "", code: "confirmed", label: "Réservé", short_label: "R", color: "#15803d", order: 0, ...overrides };
}

/** "1,50 €" as the page formats it, its (narrow) no-break space as the matchers normalise it. */
export const euros = (value: number) => formatMoney(value).replace(/\s/g, " ");
