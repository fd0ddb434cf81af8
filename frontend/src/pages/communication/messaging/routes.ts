import type { RouteObject } from "react-router";
import { lazyPage } from "../../../routing/lazyPage";

const pages = () => import("./messagingPages");

/** Parent pages of this part (children of the authenticated shell, behind the consents gate). */
export const familyRoutes: RouteObject[] = [
  { path: "messagerie", lazy: lazyPage(pages, "FamilyThreadsPage") },
  { path: "messagerie/nouveau", lazy: lazyPage(pages, "NewThreadPage") },
  { path: "messagerie/:threadId", lazy: lazyPage(pages, "FamilyThreadPage") },
];
/** Staff pages of this part (children of the StaffOnly route, under /gestion/…). */
export const staffRoutes: RouteObject[] = [
  { path: "gestion/messagerie", lazy: lazyPage(pages, "StaffInboxPage") },
  { path: "gestion/messagerie/:threadId", lazy: lazyPage(pages, "StaffThreadPage") },
];
/** Pages anyone may open without signing in (public layout). */
export const publicRoutes: RouteObject[] = [];

/** Configuration › Messagerie (child of /gestion/configuration). */
export const messagingConfigRoute: RouteObject = { path: "messagerie", lazy: lazyPage(pages, "MessagingConfigPage") };
