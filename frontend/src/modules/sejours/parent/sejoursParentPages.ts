/** The families' séjours pages (one chunk). */
import "./sejours.css";

export { MyStaysPage } from "./MyStaysPage";
export { WishesPage } from "./WishesPage";
export { PlacePage } from "./PlacePage";
