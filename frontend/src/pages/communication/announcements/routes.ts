import type { RouteObject } from "react-router";
import { lazyPage } from "../../../routing/lazyPage";

// Two chunks: the parents' pages (with the public unsubscribe page) and the back office's.
// Written compactly: this file is in the parents' home entry chunk (bundle budget).
const family = () => import("./familyAnnouncementPages");
const staff = () => import("./staffAnnouncementPages");
type FamilyPage = keyof Awaited<ReturnType<typeof family>>;
type StaffPage = keyof Awaited<ReturnType<typeof staff>>;

const familyPage = (path: string, name: FamilyPage): RouteObject => ({ path, lazy: lazyPage(family, name) });
const staffPage = (path: string, name: StaffPage): RouteObject => ({ path, lazy: lazyPage(staff, name) });

/** Parent pages of this part (children of the authenticated shell, behind the consents gate). */
export const familyRoutes: RouteObject[] = [
  familyPage("messagerie/annonces", "AnnouncementsPage"),
  familyPage("messagerie/annonces/:announcementId", "AnnouncementPage"),
  familyPage("mes-notifications", "NotificationsPage"),
];
/** Staff pages of this part (children of the StaffOnly route, under /gestion/…). */
export const staffRoutes: RouteObject[] = [
  staffPage("gestion/annonces", "StaffAnnouncementsPage"),
  staffPage("gestion/annonces/nouvelle", "NewAnnouncementPage"),
  staffPage("gestion/annonces/:announcementId", "StaffAnnouncementPage"),
];
/** Pages anyone may open without signing in (public layout): the e-mails' unsubscribe link. */
export const publicRoutes: RouteObject[] = [familyPage("desabonnement/:token", "UnsubscribePage")];
