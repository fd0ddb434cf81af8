import type { RouteObject } from "react-router";
import { ActivitiesPage } from "./ActivitiesPage";
import { AttendancePage } from "./AttendancePage";
import { AttendancePickerPage } from "./AttendancePickerPage";
import { ClosuresPage } from "./ClosuresPage";
import { EnrolmentRequestsPage } from "./EnrolmentRequestsPage";
import { LegendPage } from "./LegendPage";
import { OccupancyPage } from "./OccupancyPage";
import { PoliciesPage } from "./PoliciesPage";
import { ReservationRequestsPage } from "./ReservationRequestsPage";
import { TariffsPage } from "./TariffsPage";
import "./booking.css";

/** Booking queues and sheets under /gestion (inside StaffOnly). */
export const bookingStaffRoutes: RouteObject[] = [
  { path: "gestion/inscriptions", element: <EnrolmentRequestsPage /> },
  { path: "gestion/reservations", element: <ReservationRequestsPage /> },
  { path: "gestion/occupation", element: <OccupancyPage /> },
  { path: "gestion/presences", element: <AttendancePickerPage /> },
  { path: "gestion/presences/:openingId", element: <AttendancePage /> },
];

/** Booking configuration pages (children of /gestion/configuration). */
export const bookingConfigRoutes: RouteObject[] = [
  { path: "activites", element: <ActivitiesPage /> },
  { path: "delais", element: <PoliciesPage /> },
  { path: "fermetures", element: <ClosuresPage /> },
  { path: "tarifs", element: <TariffsPage /> },
  { path: "legende", element: <LegendPage /> },
];
