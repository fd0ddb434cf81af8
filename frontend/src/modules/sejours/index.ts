/**
 * The séjours module's pages: the public catalogue (anyone), the families'
 * wishes, places and money (« Mes séjours »), and the coordinators' stays,
 * commission, follow-up and money screens. Mounted only where the structure
 * enabled « sejours » (see ../mountModules.ts); each audience is a chunk of
 * its own, fetched on the first visit to one of its pages.
 */
import { lazyPage } from "../../routing/lazyPage";
import type { SpaModule } from "../types";
import { SejoursLinks } from "./staff/stays/SejoursLinks";

const publicPages = () => import("./public/sejoursPublicPages");
const parentPages = () => import("./parent/sejoursParentPages");
const staffPages = () => import("./staff/sejoursStaffPages");

export const publicRoutes: SpaModule["publicRoutes"] = [
  { path: "sejours", lazy: lazyPage(publicPages, "CatalogPage") },
  { path: "sejours/:stayId", lazy: lazyPage(publicPages, "StayPage") },
];

export const parentRoutes: SpaModule["parentRoutes"] = [
  { path: "mes-sejours", lazy: lazyPage(parentPages, "MyStaysPage") },
  { path: "mes-sejours/voeux/:childId", lazy: lazyPage(parentPages, "WishesPage") },
  { path: "mes-sejours/places/:wishId", lazy: lazyPage(parentPages, "PlacePage") },
];

export const staffRoutes: SpaModule["staffRoutes"] = [
  { path: "gestion/sejours", lazy: lazyPage(staffPages, "StaysPage") },
  { path: "gestion/sejours/nouveau", lazy: lazyPage(staffPages, "StayEditPage") },
  { path: "gestion/sejours/campagnes", lazy: lazyPage(staffPages, "CampaignsPage") },
  { path: "gestion/sejours/reglages", lazy: lazyPage(staffPages, "SejoursSettingsPage") },
  { path: "gestion/sejours/commission", lazy: lazyPage(staffPages, "CommissionPage") },
  { path: "gestion/sejours/places/:wishId", lazy: lazyPage(staffPages, "PlaceAccountPage") },
  { path: "gestion/sejours/:stayId", lazy: lazyPage(staffPages, "StayEditPage") },
  { path: "gestion/sejours/:stayId/suivi", lazy: lazyPage(staffPages, "StayFollowUpPage") },
  { path: "gestion/sejours/:stayId/annulation", lazy: lazyPage(staffPages, "StayCancelPage") },
];

/** On the back office's home: links to the stays, the campaign, the commission. */
export const StaffHomeSection = SejoursLinks;
