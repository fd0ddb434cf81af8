/** The back office's announcement pages (one chunk, loaded on the first visit to one of them). */
export { StaffAnnouncementsPage } from "./StaffAnnouncementsPage";
export { NewAnnouncementPage, StaffAnnouncementPage } from "./StaffAnnouncementPage";
