/** The public catalogue's pages (one chunk). */
import "./catalogue.css";

export { CatalogPage } from "./CatalogPage";
export { StayPage } from "./StayPage";
