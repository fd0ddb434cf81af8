/** The stays part's staff pages (re-exported by ../sejoursStaffPages.ts). */
export { CampaignsPage } from "./CampaignsPage";
export { SejoursLinks } from "./SejoursLinks";
export { SejoursSettingsPage } from "./SejoursSettingsPage";
export { StayEditPage } from "./StayEditPage";
export { StaysPage } from "./StaysPage";
