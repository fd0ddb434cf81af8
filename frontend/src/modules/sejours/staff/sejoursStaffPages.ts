/** The coordinators' séjours pages (one chunk); each part keeps its own folder. */
import "./sejoursStaff.css";

export { CampaignsPage, SejoursSettingsPage, StayEditPage, StaysPage } from "./stays/pages";
export { CommissionPage, StayFollowUpPage } from "./commission/pages";
export { PlaceAccountPage, StayCancelPage } from "./money/pages";
