/** The crèche's PLACES staff pages (one chunk). */
export { BoardPage } from "./BoardPage";
export { EstablishmentPage } from "./EstablishmentPage";
export { EstablishmentsPage } from "./EstablishmentsPage";
export { OccasionalStaffPage } from "./OccasionalStaffPage";
export { PointagePage } from "./PointagePage";
