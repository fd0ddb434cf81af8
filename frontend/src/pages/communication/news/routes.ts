import type { RouteObject } from "react-router";
import { lazyPage } from "../../../routing/lazyPage";

const familyPages = () => import("./familyNewsPages");
const staffPages = () => import("./staffNewsPages");

/** Parent pages of this part (children of the authenticated shell, behind the consents gate). */
export const familyRoutes: RouteObject[] = [
  { path: "actualites", lazy: lazyPage(familyPages, "NewsListPage") },
  { path: "actualites/:newsId", lazy: lazyPage(familyPages, "NewsItemPage") },
  { path: "telechargements", lazy: lazyPage(familyPages, "DownloadsPage") },
  { path: "mes-envois", lazy: lazyPage(familyPages, "SubmissionsPage") },
];
/** Staff pages of this part (children of the StaffOnly route, under /gestion/…). */
export const staffRoutes: RouteObject[] = [
  {
    path: "gestion/actualites",
    lazy: lazyPage(staffPages, "StaffNewsLayout"),
    children: [
      { index: true, lazy: lazyPage(staffPages, "StaffNewsListPage") },
      { path: "nouvelle", lazy: lazyPage(staffPages, "StaffNewsEditorPage") },
      { path: "messages-accueil", lazy: lazyPage(staffPages, "HomeMessagesPage") },
      { path: "telechargements", lazy: lazyPage(staffPages, "StaffDownloadsPage") },
      { path: "envois", lazy: lazyPage(staffPages, "StaffSubmissionsPage") },
      { path: ":newsId", lazy: lazyPage(staffPages, "StaffNewsEditorPage") },
    ],
  },
];
/** Pages anyone may open without signing in (public layout). */
export const publicRoutes: RouteObject[] = [];
