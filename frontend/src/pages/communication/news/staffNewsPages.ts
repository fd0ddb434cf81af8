/** The back office's screens of the news part (one lazy chunk). */
export { HomeMessagesPage } from "./HomeMessagesPage";
export { StaffDownloadsPage } from "./StaffDownloadsPage";
export { StaffNewsEditorPage } from "./StaffNewsEditorPage";
export { StaffNewsLayout } from "./StaffNewsLayout";
export { StaffNewsListPage } from "./StaffNewsListPage";
export { StaffSubmissionsPage } from "./StaffSubmissionsPage";
