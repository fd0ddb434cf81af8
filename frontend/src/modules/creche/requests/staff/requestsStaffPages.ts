/** The commission's pages (one chunk). */
import "../requests.css";

export { StaffRequestPage } from "./StaffRequestPage";
export { StaffRequestsPage } from "./StaffRequestsPage";
