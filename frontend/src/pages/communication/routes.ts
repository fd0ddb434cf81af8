import type { RouteObject } from "react-router";
import type { SpaModule } from "../../modules/types";
import * as announcements from "./announcements/routes";
import * as messaging from "./messaging/routes";
import * as news from "./news/routes";

/**
 * The communication layer's pages (core, every module): Messagerie and its
 * announcements, Actualités, Téléchargements, Mes envois, notification
 * preferences, and their back-office screens. Every page is a lazy chunk, and
 * this table itself is mounted at the first visit (CORE_ROUTES in
 * src/modules/mountModules.ts), like a module's.
 */
export const communicationFamilyRoutes: RouteObject[] = [
  ...messaging.familyRoutes,
  ...announcements.familyRoutes,
  ...news.familyRoutes,
];
export const communicationStaffRoutes: RouteObject[] = [
  ...messaging.staffRoutes,
  ...announcements.staffRoutes,
  ...news.staffRoutes,
];
export const communicationPublicRoutes: RouteObject[] = [
  ...messaging.publicRoutes,
  ...announcements.publicRoutes,
  ...news.publicRoutes,
];

export const communicationModule: SpaModule = {
  parentRoutes: communicationFamilyRoutes,
  staffRoutes: communicationStaffRoutes,
  publicRoutes: communicationPublicRoutes,
};
