/** The money part's staff pages (a place's account, cancelling a stay). */
export { PlaceAccountPage } from "./PlaceAccountPage";
export { StayCancelPage } from "./StayCancelPage";
