/** The crèche's staff money screens (one chunk). */
import "../money.css";

export { CafReportsPage } from "./CafReportsPage";
export { CrecheSettingsPage } from "./CrecheSettingsPage";
export { PrebillingPage } from "./PrebillingPage";
export { StaffAbsencesPage } from "./StaffAbsencesPage";
