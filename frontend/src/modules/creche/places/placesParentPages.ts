/** The crèche's PLACES family pages (one chunk). */
export { DoorPage } from "./DoorPage";
export { OccasionalPage } from "./OccasionalPage";
