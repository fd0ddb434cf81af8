/** The family's crèche pages of the contracts part (one chunk). */
import "./contracts.css";

export { CrecheHomePage } from "./parent/CrecheHomePage";
export { MyContractPage } from "./parent/MyContractPage";
