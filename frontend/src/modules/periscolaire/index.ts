/**
 * The périscolaire module's pages: enrolments, planning and cart for the
 * parents; enrolment and reservation queues, occupancy and attendance for the
 * staff. Mounted only where the structure enabled « periscolaire » (see
 * ../mountModules.ts). The parents' and the staff's pages are two chunks,
 * fetched on the first visit to one of them.
 */
import { lazyPage } from "../../routing/lazyPage";
import type { SpaModule } from "../types";
import { BookingLinks } from "./staff/BookingLinks";

const parentPages = () => import("./parent/periscolaireParentPages");
const staffPages = () => import("./staff/periscolaireStaffPages");

export const parentRoutes: SpaModule["parentRoutes"] = [
  { path: "inscriptions", lazy: lazyPage(parentPages, "EnrolmentsPage") },
  { path: "planning", lazy: lazyPage(parentPages, "PlanningPage") },
  { path: "panier", lazy: lazyPage(parentPages, "CartPage") },
  { path: "panier/confirmation", lazy: lazyPage(parentPages, "ConfirmationPage") },
];

export const staffRoutes: SpaModule["staffRoutes"] = [
  { path: "gestion/inscriptions", lazy: lazyPage(staffPages, "EnrolmentRequestsPage") },
  { path: "gestion/attestations", lazy: lazyPage(staffPages, "CertificateRequestsPage") },
  { path: "gestion/reservations", lazy: lazyPage(staffPages, "ReservationRequestsPage") },
  { path: "gestion/occupation", lazy: lazyPage(staffPages, "OccupancyPage") },
  { path: "gestion/presences", lazy: lazyPage(staffPages, "AttendancePickerPage") },
  { path: "gestion/presences/:openingId", lazy: lazyPage(staffPages, "AttendancePage") },
];

/** On the back office's home: links to the booking queues and sheets. */
export const StaffHomeSection = BookingLinks;
