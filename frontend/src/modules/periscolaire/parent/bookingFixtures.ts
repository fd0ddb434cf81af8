/** Fake API data of the booking screens (tests only). */
import type { LegendEntry } from "../../../api/structure";
import { makeChild, NO_PENDING_CONSENTS } from "../../../test/familyFixtures";
import { makeStructure, makeUser, sessionBody } from "../../../test/fixtures";
import type { Activity, ActivityBlock, Cart, CartLine, Cell, Enrolment, Planning, Unit } from "./api";

export const LEGEND: LegendEntry[] = [
  { code: "requested", label: "Demande de réservation", short_label: "DR", color: "#b45309", module: null },
  { code: "confirmed", label: "Réservé", short_label: "R", color: "#15803d", module: null },
  { code: "waitlisted", label: "Liste d'attente", short_label: "LA", color: "#7c3aed", module: null },
  { code: "refused", label: "Refusé", short_label: "Ref.", color: "#b91c1c", module: null },
  { code: "cancelled", label: "Annulé", short_label: "Ann.", color: "#6b7280", module: null },
  { code: "absent_excused", label: "Absence excusée", short_label: "A Exc.", color: "#0369a1", module: null },
  { code: "full", label: "Complet", short_label: "Complet", color: "#991b1b", module: null },
  { code: "closed", label: "Fermeture", short_label: "Fermé", color: "#4b5563", module: null },
  { code: "public_holiday", label: "Jour férié", short_label: "Férié", color: "#374151", module: null },
  { code: "enrolment_pending", label: "Inscription en attente", short_label: "Insc.", color: "#a16207", module: "periscolaire" },
  { code: "deadline_passed", label: "Délai de réservation dépassé", short_label: "Délai", color: "#57534e", module: "periscolaire" },
];

export const PARENT = {
  "GET /api/v1/structure/": { body: makeStructure({ legend: LEGEND }) },
  "GET /api/v1/auth/session": { body: sessionBody(makeUser()) },
  ...NO_PENDING_CONSENTS,
  "GET /api/v1/family/children/": { body: [makeChild(), makeChild({ id: 22, first_name: "Tom", age: 5 })] },
};

export const MATIN: Unit = { id: 5, name: "Matin", short_label: "M", start_time: "07:30:00", end_time: "08:30:00", with_meal: false, weekdays: [0, 1, 3, 4], order: 1 };
export const SOIR: Unit = { id: 6, name: "Soir", short_label: "S", start_time: "16:30:00", end_time: "18:30:00", with_meal: false, weekdays: [0, 1, 3, 4], order: 2 };

export function makeActivity(overrides: Partial<Activity> = {}): Activity {
  return {
    id: 3,
    module: "periscolaire",
    module_label: "Périscolaire",
    kind: "accueil_matin",
    kind_label: "Accueil du matin",
    name: "Accueil du matin",
    season: "2026/2027",
    start_date: "2026-09-01",
    end_date: "2027-07-02",
    description: "",
    place: "École Jules Ferry",
    min_age: 3,
    max_age: 11,
    enrolment_opens_on: null,
    enrolment_closes_on: null,
    enrolment_open: true,
    enrolment_validation: "staff",
    booking_validation: "auto",
    booking_rule: "Réservation possible jusqu'au jeudi 9h30 de la semaine précédente",
    units: [MATIN],
    groups: [],
    ...overrides,
  };
}

export function makeEnrolment(overrides: Partial<Enrolment> = {}): Enrolment {
  return {
    id: 40,
    child: 21,
    child_name: "Léa",
    activity: 3,
    activity_name: "Accueil du matin 2026/2027",
    module: "periscolaire",
    group: null,
    group_name: "",
    start_date: "2026-09-01",
    end_date: "2027-07-02",
    status: "validated",
    reason: "",
    created_at: "2026-06-01T10:00:00Z",
    decided_at: "2026-06-02T10:00:00Z",
    ...overrides,
  };
}

const JANUARY = Array.from({ length: 31 }, (_, i) => `2027-01-${String(i + 1).padStart(2, "0")}`);
const weekend = (date: string) => [0, 6].includes(new Date(`${date}T12:00:00`).getDay());

export function cell(date: string, overrides: Partial<Cell> = {}): Cell {
  return { date, status: "none", actions: [], reason: "", reservation_id: null, opening_id: null, in_cart: null, free_places: null, waitlist_rank: null, ...overrides };
}

const free = (date: string, opening: number): Cell => cell(date, { status: "free", actions: ["book"], opening_id: opening, free_places: 10 });

/** Matin, January 2027: holiday on the 1st, weekends closed, a few special days. */
export function matinCells(): Cell[] {
  return JANUARY.map((date, i) => {
    const day = i + 1;
    const opening = 1000 + day;
    if (day === 1) return cell(date, { status: "public_holiday" });
    if (weekend(date)) return cell(date);
    if (day === 4)
      return cell(date, { status: "confirmed", actions: ["absence"], reservation_id: 104, opening_id: opening, reason: "Annulation impossible après le 03/01 à 9h30" });
    if (day === 5) return cell(date, { status: "deadline_passed", opening_id: opening, reason: "Délai dépassé le 04/01 à 9h30" });
    if (day === 6) return { ...free(date, opening), in_cart: "book" };
    if (day === 7) return cell(date, { status: "confirmed", actions: ["cancel"], reservation_id: 107, opening_id: opening });
    if (day === 13) return cell(date, { status: "full", actions: ["book"], opening_id: opening, free_places: 0, reason: "Complet : la demande ira en liste d'attente" });
    if (day === 22) return cell(date, { status: "closed", opening_id: opening, reason: "Fermé" });
    return free(date, opening);
  });
}

/** Soir: past the first week, bookable the second, nothing after. */
export function soirCells(): Cell[] {
  return JANUARY.map((date, i) => {
    const day = i + 1;
    if (weekend(date) || day === 1) return cell(date);
    if (day <= 8) return cell(date, { status: "past", opening_id: 2000 + day, reason: "Date passée" });
    if (day <= 15) return free(date, 2000 + day);
    return cell(date);
  });
}

export function makeBlock(overrides: Partial<ActivityBlock> = {}): ActivityBlock {
  return {
    enrolment: makeEnrolment(),
    booking_rule: "Réservation possible jusqu'au jeudi 9h30 de la semaine précédente",
    rows: [
      { unit: MATIN, cells: matinCells() },
      { unit: SOIR, cells: soirCells() },
    ],
    ...overrides,
  };
}

/** A read-only activity (every cell confirmed and past its deadline). */
export function readOnlyBlock(): ActivityBlock {
  const unit: Unit = { ...MATIN, id: 9, name: "Repas" };
  return {
    enrolment: makeEnrolment({ id: 41, activity: 4, activity_name: "Restauration 2026/2027" }),
    booking_rule: "Réservation possible jusqu'à la veille",
    rows: [
      {
        unit,
        cells: JANUARY.map((date, i) =>
          weekend(date) ? cell(date) : cell(date, { status: "confirmed", reservation_id: 500 + i, opening_id: 3000 + i, reason: "Délai d'annulation dépassé" }),
        ),
      },
    ],
  };
}

export function makePlanning(blocks: ActivityBlock[] = [makeBlock()], month = "2027-01-01"): Planning {
  return {
    month,
    days: JANUARY.map((date) => ({ date, public_holiday: date === "2027-01-01" ? "Jour de l'an" : null, school_holiday: null, closure: null })),
    children: [{ child_id: 21, first_name: "Léa", activities: blocks }],
  };
}

export function makeLine(overrides: Partial<CartLine> = {}): CartLine {
  return {
    id: 1,
    child: 21,
    child_name: "Léa",
    opening: 1011,
    date: "2027-01-11",
    activity: "Accueil du matin 2026/2027",
    unit: "Matin",
    action: "book",
    amount: "4.50",
    tariff_name: "Tarif QF 2",
    ok: true,
    code: "",
    reason: "",
    full: false,
    ...overrides,
  };
}

export function makeCart(lines: CartLine[] = [], total = "0.00"): Cart {
  return { lines, total, count: lines.length };
}

export const EMPTY_CART = { "GET /api/v1/booking/cart/": { body: makeCart() } };
