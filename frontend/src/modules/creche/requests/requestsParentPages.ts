/** The families' place-request pages (one chunk). */
import "./requests.css";

export { MyRequestsPage } from "./MyRequestsPage";
export { NewRequestPage } from "./NewRequestPage";
export { RequestPage } from "./RequestPage";
