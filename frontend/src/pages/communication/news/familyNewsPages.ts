/** The parents' pages of the news part (one lazy chunk). */
export { DownloadsPage } from "./DownloadsPage";
export { NewsItemPage } from "./NewsItemPage";
export { NewsListPage } from "./NewsListPage";
export { SubmissionsPage } from "./SubmissionsPage";
