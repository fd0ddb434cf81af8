/** The parents' périscolaire pages (one chunk). */
import "./booking.css";
import "./planning.css";

export { CartPage } from "./CartPage";
export { ConfirmationPage } from "./ConfirmationPage";
export { EnrolmentsPage } from "./EnrolmentsPage";
export { PlanningPage } from "./PlanningPage";
