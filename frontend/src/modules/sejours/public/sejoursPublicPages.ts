/** The public catalogue's pages (one chunk). */
export { CatalogPage } from "./CatalogPage";
export { StayPage } from "./StayPage";
