/** The parents' announcement and notification pages, and the public unsubscribe page (one chunk). */
export { AnnouncementsPage } from "./AnnouncementsPage";
export { AnnouncementPage } from "./AnnouncementPage";
export { NotificationsPage } from "./NotificationsPage";
export { UnsubscribePage } from "./UnsubscribePage";
